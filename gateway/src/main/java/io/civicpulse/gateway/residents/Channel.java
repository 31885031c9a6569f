// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

/** How a resident report arrived (GOVERNANCE.md §2.1 {@code Source}). */
public enum Channel {
    /** The CivicPulse HTTP API ({@code POST /api/reports}): web or app. */
    WEB,
    /** An Open311 GeoReport v2 client ({@code POST /open311/v2/requests.{fmt}}). */
    OPEN311
}

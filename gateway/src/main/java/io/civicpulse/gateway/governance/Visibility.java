// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

/** What the public view may show of a category's issues (GOVERNANCE.md §2.7). */
public enum Visibility {
    /** Shown with its public location and timeline. */
    PUBLIC,
    /** Shown only in generalised form ("XX小区门禁设施故障") until closed: security-sensitive. */
    PUBLIC_GENERALISED,
    /** Never shown publicly (device maintenance, tamper alarms). */
    INTERNAL
}

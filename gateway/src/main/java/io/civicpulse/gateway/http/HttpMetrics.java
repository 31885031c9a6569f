// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

/**
 * Metric names of the HTTP API's protections, declared once (CONVENTIONS.md #13). Tag values are bounded words, never
 * client addresses.
 */
public final class HttpMetrics {
    /**
     * Counter of requests refused with 429, by {@code limit}: {@code client_rate} (one address over its rate),
     * {@code concurrency} (every slot busy and the queue full) or {@code queue_wait} (waited too long for a slot).
     */
    public static final String REFUSED = "gateway.http.refused";
    /** Counter of connections closed because their request head did not arrive within {@code http.headerTimeout}. */
    public static final String HEADER_TIMEOUTS = "gateway.http.header.timeouts";

    private HttpMetrics() {
    }
}

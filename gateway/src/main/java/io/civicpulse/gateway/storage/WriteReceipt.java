// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import java.util.Map;

/**
 * How the {@link TelemetryWriter} durably accepted one submission: every reading of it is in the time-series store,
 * in the local spool (to be replayed to the store), or in the quarantine (the store refused its content).
 *
 * @param spooled     true when at least one reading went to the spool instead of the store
 * @param quarantined index in the submitted list to the store's reason, for each reading the store refused; empty
 *                    when none was
 */
public record WriteReceipt(boolean spooled, Map<Integer, String> quarantined) {
    /** Every reading is in the store. */
    public static final WriteReceipt STORED = new WriteReceipt(false, Map.of());
    /** Every reading is in the spool. */
    public static final WriteReceipt SPOOLED = new WriteReceipt(true, Map.of());

    /** @param quarantined copied */
    public WriteReceipt {
        quarantined = Map.copyOf(quarantined);
    }
}

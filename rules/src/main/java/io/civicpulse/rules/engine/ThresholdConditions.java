// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.ThresholdCondition;
import io.civicpulse.rules.model.ThresholdCondition.Direction;
import io.civicpulse.rules.model.ThresholdCondition.LampWindow;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The threshold rules of the default pack (GOVERNANCE.md §2.3 categories that one metric decides), and the check
 * that a configured set is consistent. Thread-safe (stateless).
 *
 * <p>Metric contract (docs/device-protocol.md): {@code pole_tilt_deg}, {@code leakage_ma}, {@code lamp_current_a},
 * {@code controller_fault} (1 = fault), {@code tilt_deg}, {@code dumping} (1 = detected), {@code jammed}
 * (1 = cannot open), {@code tamper} (1 = forced open), {@code mains_ok} (0 = power lost).
 */
public final class ThresholdConditions {
    /** Categories decided by dedicated rules (DRL, or the SL-02 roll-up), which a condition must not also raise. */
    public static final Set<String> DRL_CATEGORIES = Set.of("SL-01", "SL-02", "WB-01", "WB-03", "GT-01", "DV-01",
            "DV-02", "DV-03", "DV-04", "DV-05");
    private static final long MINUTE = 60_000L;

    private ThresholdConditions() {
    }

    /** @return the default threshold conditions, one per category, for every device of the category's type */
    public static List<ThresholdCondition> defaults() {
        return List.of(
                of("SL-03 pole tilt", "SL-03", "streetlight", "pole_tilt_deg", Direction.ABOVE, 10, 5, MINUTE,
                        LampWindow.ANY),
                of("SL-04 leakage", "SL-04", "streetlight", "leakage_ma", Direction.ABOVE, 30, 10, 0,
                        LampWindow.ANY),
                of("SL-05 burning by day", "SL-05", "streetlight", "lamp_current_a", Direction.ABOVE, 0.05, 0.05,
                        15 * MINUTE, LampWindow.LAMP_OFF),
                of("SL-06 controller fault", "SL-06", "streetlight", "controller_fault", Direction.ABOVE, 1, 1,
                        5 * MINUTE, LampWindow.ANY),
                of("WB-02 bin tipped", "WB-02", "bin", "tilt_deg", Direction.ABOVE, 45, 20, 2 * MINUTE,
                        LampWindow.ANY),
                of("WB-04 dumping", "WB-04", "bin", "dumping", Direction.ABOVE, 1, 1, 0, LampWindow.ANY),
                of("GT-02 gate jammed", "GT-02", "gate", "jammed", Direction.ABOVE, 1, 1, MINUTE, LampWindow.ANY),
                of("GT-03 gate tamper", "GT-03", "gate", "tamper", Direction.ABOVE, 1, 1, 0, LampWindow.ANY),
                of("GT-04 gate power lost", "GT-04", "gate", "mains_ok", Direction.BELOW, 0, 0.5, 2 * MINUTE,
                        LampWindow.ANY));
    }

    /**
     * @param conditions a configured set, never null
     * @return the same list
     * @throws IllegalArgumentException naming a condition that raises a DRL category, or a duplicate (two
     *                                  type-wide conditions of one category, or two overrides of one device)
     */
    public static List<ThresholdCondition> validate(final List<ThresholdCondition> conditions) {
        Objects.requireNonNull(conditions, "conditions must not be null.");
        final Set<String> seen = new HashSet<>();
        for (final ThresholdCondition c : conditions) {
            if (DRL_CATEGORIES.contains(c.category())) {
                throw new IllegalArgumentException(c.id() + ": category " + c.category()
                        + " is decided by its own DRL rules; a threshold condition cannot raise it");
            }
            if (!seen.add(c.category() + "|" + c.deviceId())) {
                throw new IllegalArgumentException(c.id() + ": a second condition for category " + c.category()
                        + (c.deviceId() == null ? "" : " and device " + c.deviceId()));
            }
        }
        return List.copyOf(conditions);
    }

    private static ThresholdCondition of(final String id, final String category, final String type,
                                         final String metric, final Direction direction, final double raiseAt,
                                         final double clearAt, final long durationMillis, final LampWindow window) {
        return new ThresholdCondition(id, 1, category, type, null, metric, direction, raiseAt, clearAt,
                durationMillis, window);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Rolls dark lamps (SL-01) up to their road segment: when {@code minDarkLamps} lamps of one segment are dark, one
 * SL-02 is raised for the segment with the lamps named in its evidence; when fewer remain dark it clears. The SL-02
 * anomaly's device type is {@code segment} and its device id the segment id, so the issue store keeps one open issue
 * per segment. Not thread-safe: {@link AnomalyGate} serialises calls.
 */
final class SegmentRollUp {
    /** Rule id recorded as evidence of roll-up verdicts. */
    static final String RULE_ID = "SL-02 segment roll-up@1";
    static final String SEGMENT_TYPE = "segment";
    private final int minDarkLamps;
    private final Map<String, TreeSet<String>> darkBySegment = new HashMap<>();
    private final Map<String, Boolean> raised = new HashMap<>();

    SegmentRollUp(final int minDarkLamps) {
        this.minDarkLamps = minDarkLamps;
    }

    /** @return true when the segment's SL-02 is raised (its lamps' own faults are then covered by it) */
    boolean outage(final String segment) {
        return raised.getOrDefault(segment, false);
    }

    /**
     * @param lamp    an SL-01 verdict of a lamp on {@code segment}
     * @param segment the lamp's road segment, not empty
     * @return the SL-02 verdict this causes, if any
     */
    Optional<Anomaly> apply(final Anomaly lamp, final String segment) {
        final TreeSet<String> dark = darkBySegment.computeIfAbsent(segment, s -> new TreeSet<>());
        if (lamp.status() == AnomalyStatus.RAISED) {
            dark.add(lamp.deviceId());
        } else {
            dark.remove(lamp.deviceId());
        }
        final boolean isRaised = outage(segment);
        if (!isRaised && dark.size() >= minDarkLamps) {
            raised.put(segment, true);
            return Optional.of(verdict(lamp, segment, AnomalyStatus.RAISED, dark.size() + " dark lamps on "
                    + segment + " (>= " + minDarkLamps + "): " + String.join(", ", dark)));
        }
        if (isRaised && dark.size() < minDarkLamps) {
            raised.put(segment, false);
            return Optional.of(verdict(lamp, segment, AnomalyStatus.CLEARED, "dark lamps on " + segment
                    + " down to " + dark.size() + (dark.isEmpty() ? "" : ": " + String.join(", ", dark))));
        }
        return Optional.empty();
    }

    private static Anomaly verdict(final Anomaly lamp, final String segment, final AnomalyStatus status,
                                   final String detail) {
        return new Anomaly(lamp.community(), SEGMENT_TYPE, segment, "SL-02", status, lamp.atMillis(), RULE_ID,
                detail);
    }
}

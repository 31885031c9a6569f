// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

/**
 * What moves a {@link RuleSession}'s pseudo clock (and the {@code Now} fact the time-driven rules join on).
 *
 * <p>Under both sources the clock only moves forward and every reading is judged on its own event time: a pending
 * duration starts at the reading's time, and verdicts are dated by event time.
 */
public enum ClockSource {
    /**
     * Readings and {@link RuleSession#advanceTo(long)} both move the clock, to the latest time seen. Suits replays
     * and tests, where event time is the only time there is. One device whose clock runs ahead drags the whole
     * session forward: other devices then look silent (DV-01) and their durations complete early.
     */
    EVENTS,
    /**
     * Only {@link RuleSession#advanceTo(long)} moves the clock (the gateway calls it with wall-clock time); readings
     * never do. A duration completes when this clock reaches its due time, or when a reading stamped at or after
     * the due time breaks the condition; a reading ahead of the clock that merely continues the condition waits
     * for the clock. Silence (DV-01) is measured against this clock, and a reading counts as heard at
     * {@code min(its event time, the clock)}, so a device stamping the future affects nobody's silence but its
     * own, and not beyond the present.
     */
    EXTERNAL
}

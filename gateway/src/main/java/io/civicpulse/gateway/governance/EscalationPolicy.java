// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The escalation ladder and reopen rules ({@code escalation:} in governance.yaml, GOVERNANCE.md §2.5). Immutable.
 *
 * @param remindPercent       R0 提醒 at this share of a timer's window, 1–99
 * @param yellowPercent       R1 黄色预警 at this share, above {@code remindPercent}, below 100
 * @param grace               R3 上报上级 fires this long after the deadline, and every further grace R4 one level up;
 *                            per severity, every severity present
 * @param maxLoops            how many times R3/R4 report one level further up (PagerDuty {@code num_loops}), ≥ 1
 * @param maxReturns          returns (退回) allowed before the district government becomes the locked lead
 * @param reopenWindow        a sensor re-trigger within this time after closing reopens the same issue
 * @param sensorVerifyWindow  telemetry must stay normal this long after a clear before the issue closes
 */
public record EscalationPolicy(int remindPercent, int yellowPercent, Map<Severity, TimeLimit> grace, int maxLoops,
                               int maxReturns, TimeLimit reopenWindow, TimeLimit sensorVerifyWindow) {
    /** GOVERNANCE.md §2.5 defaults, used when the file has no {@code escalation:} section. */
    public static final EscalationPolicy DEFAULTS = new EscalationPolicy(50, 80, defaultGrace(), 3, 2,
            TimeLimit.parse("72h"), TimeLimit.parse("30m"));

    /** @throws NullPointerException if a component is null */
    public EscalationPolicy {
        grace = Map.copyOf(Objects.requireNonNull(grace, "grace must not be null."));
        Objects.requireNonNull(reopenWindow, "reopenWindow must not be null.");
        Objects.requireNonNull(sensorVerifyWindow, "sensorVerifyWindow must not be null.");
    }

    /** @return CRITICAL 30m, MAJOR 2h, MINOR 1wd, INFO 1wd */
    static Map<Severity, TimeLimit> defaultGrace() {
        final Map<Severity, TimeLimit> m = new EnumMap<>(Severity.class);
        m.put(Severity.CRITICAL, TimeLimit.parse("30m"));
        m.put(Severity.MAJOR, TimeLimit.parse("2h"));
        m.put(Severity.MINOR, TimeLimit.parse("1wd"));
        m.put(Severity.INFO, TimeLimit.parse("1wd"));
        return m;
    }

    /**
     * @param severity a severity, never null
     * @return its grace period
     */
    public TimeLimit graceFor(final Severity severity) {
        return grace.get(severity);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.engine.AnomalyListener;
import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;
import io.civicpulse.rules.model.ThresholdCondition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A lane's rule session that follows hot reloads: before each call it checks the {@link RulePack} generation and,
 * when a new one is in force, opens fresh sessions on it (same clock, same registered devices and conditions) and
 * closes the old ones. When the pack has shadow rules, a shadow session sees the same calls and its shadow rules'
 * verdicts go to the {@link ShadowLog} only.
 *
 * <p>A swap starts the rules' memory afresh: a pending duration restarts, and an anomaly raised before the swap is
 * raised again by the new session if it still holds (the issue store merges it into the open issue).
 *
 * <p>Not thread-safe, like any session: its lane thread drives it.
 */
public final class ReloadableRuleSession implements RuleSession {
    private final Supplier<RulePack> packs;
    private final RuleParameters parameters;
    private final AnomalyListener listener;
    private final ShadowLog shadowLog;
    private final Map<String, DeviceProfile> profiles = new LinkedHashMap<>();
    private List<ThresholdCondition> conditions;
    private RulePack pack;
    private RuleSession live;
    private RuleSession shadow;

    /**
     * @param packs       the pack in force
     * @param parameters  thresholds
     * @param conditions  threshold conditions
     * @param listener    receives live verdicts
     * @param shadowLog   receives shadow verdicts
     * @param startMillis the clock's start, in epoch milliseconds
     */
    public ReloadableRuleSession(final Supplier<RulePack> packs, final RuleParameters parameters,
                                 final List<ThresholdCondition> conditions, final AnomalyListener listener,
                                 final ShadowLog shadowLog, final long startMillis) {
        this.packs = Objects.requireNonNull(packs, "packs must not be null.");
        this.parameters = Objects.requireNonNull(parameters, "parameters must not be null.");
        this.conditions = List.copyOf(conditions);
        this.listener = Objects.requireNonNull(listener, "listener must not be null.");
        this.shadowLog = Objects.requireNonNull(shadowLog, "shadowLog must not be null.");
        open(packs.get(), startMillis);
    }

    private void open(final RulePack next, final long startMillis) {
        pack = next;
        // The gateway passes wall-clock time: a device whose clock runs ahead cannot make others silent.
        live = next.live().openSession(parameters, listener, startMillis, ClockSource.EXTERNAL);
        live.replaceConditions(conditions);
        profiles.values().forEach(live::register);
        shadow = null;
        if (next.shadow() != null) {
            final long generation = next.generation();
            shadow = next.shadow().openSession(parameters, a -> recordShadow(next, generation, a), startMillis,
                    ClockSource.EXTERNAL);
            shadow.replaceConditions(conditions);
            profiles.values().forEach(shadow::register);
        }
    }

    private void recordShadow(final RulePack from, final long generation, final Anomaly a) {
        final int at = a.ruleId().lastIndexOf('@');
        final String name = at < 0 ? a.ruleId() : a.ruleId().substring(0, at);
        if (from.shadowRuleNames().contains(name)) {
            shadowLog.record(generation, a);
        }
    }

    private void follow() {
        final RulePack next = packs.get();
        if (next.generation() != pack.generation()) {
            final long now = live.now();
            closeSessions();
            open(next, now);
        }
    }

    @Override
    public void register(final DeviceProfile profile) {
        follow();
        profiles.put(profile.getDeviceId(), profile);
        live.register(profile);
        if (shadow != null) {
            shadow.register(profile);
        }
    }

    @Override
    public void replaceConditions(final List<ThresholdCondition> replacement) {
        follow();
        live.replaceConditions(replacement);
        if (shadow != null) {
            shadow.replaceConditions(replacement);
        }
        conditions = List.copyOf(replacement);
    }

    @Override
    public void process(final List<Reading> readings) {
        follow();
        live.process(readings);
        if (shadow != null) {
            shadow.process(readings);
        }
    }

    @Override
    public void deviceOffline(final String deviceId, final long atMillis) {
        follow();
        live.deviceOffline(deviceId, atMillis);
        if (shadow != null) {
            shadow.deviceOffline(deviceId, atMillis);
        }
    }

    @Override
    public void deviceConnected(final String deviceId, final long atMillis) {
        follow();
        live.deviceConnected(deviceId, atMillis);
        if (shadow != null) {
            shadow.deviceConnected(deviceId, atMillis);
        }
    }

    @Override
    public void payloadRejected(final String deviceId, final long atMillis, final String reason) {
        follow();
        live.payloadRejected(deviceId, atMillis, reason);
        if (shadow != null) {
            shadow.payloadRejected(deviceId, atMillis, reason);
        }
    }

    @Override
    public void advanceTo(final long epochMillis) {
        follow();
        live.advanceTo(epochMillis);
        if (shadow != null) {
            shadow.advanceTo(epochMillis);
        }
    }

    @Override
    public long now() {
        return live.now();
    }

    /** @return the generation of the pack this session evaluates */
    public long generation() {
        return pack.generation();
    }

    @Override
    public void close() {
        closeSessions();
    }

    private void closeSessions() {
        live.close();
        if (shadow != null) {
            shadow.close();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.Connected;
import io.civicpulse.rules.model.ConnectionLost;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.DeviceState;
import io.civicpulse.rules.model.Now;
import io.civicpulse.rules.model.PayloadRejected;
import io.civicpulse.rules.model.Reading;
import io.civicpulse.rules.model.ThresholdCondition;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RuleSession} over one Drools STREAM session on a pseudo clock moved as its {@link ClockSource} says.
 *
 * <p>Per reading: under {@link ClockSource#EVENTS} the clock moves to its event time (time-driven rules fire first
 * if the {@link Now} fact moved; under {@link ClockSource#EXTERNAL} the clock stays), the device's
 * {@link DeviceState} is replaced to include it, the reading is inserted, the rules fire, and the reading is
 * deleted again. The gateway's reports are handled the same way, as transient facts: a
 * {@link #deviceOffline(String, long) lost connection} ({@link ConnectionLost}), an accepted
 * {@link #deviceConnected(String, long) connection} ({@link Connected}) and a
 * {@link #payloadRejected(String, long, String) refused payload} ({@link PayloadRejected}). Working memory therefore
 * holds only per-device facts (profile, {@link DeviceState}, pending and active anomalies, an offline marker, the
 * device-health tallies) and stays bounded by the number of devices, not calls.
 *
 * <p>Anomalies are collected while the rules fire and handed to the listener after the call's evaluation, outside
 * Drools: a listener exception then propagates to the caller of {@code process}/{@code advanceTo}/
 * {@code deviceOffline} without leaving the agenda half-fired; that anomaly is not retried, any later ones are
 * delivered on the next call.
 *
 * <p>Not thread-safe: one lane thread drives it.
 */
final class DroolsRuleSession implements RuleSession {
    /** While processing readings, the {@link Now} fact follows the clock in steps of at least this (ms). */
    static final long NOW_RESOLUTION_MILLIS = 1_000L;
    /** Firings per call above which the rules are assumed to loop; the rest stays on the agenda. */
    static final int FIRING_LIMIT = 100_000;
    private static final String GLOBAL = "anomalies";
    private static final Logger LOG = LoggerFactory.getLogger(DroolsRuleSession.class);

    private final KieSession session;
    private final SessionPseudoClock clock;
    private final AnomalyListener listener;
    private final RuleParameters parameters;
    private final ClockSource clockSource;
    private final ArrayDeque<Anomaly> outbox = new ArrayDeque<>();
    private final Map<String, FactHandle> profiles = new HashMap<>();
    private final Map<String, DeviceSlot> devices = new HashMap<>();
    private final List<FactHandle> conditions = new ArrayList<>();
    private FactHandle nowHandle;
    private long nowFactMillis;
    private boolean closed;

    private DroolsRuleSession(final KieSession session, final AnomalyListener listener,
                              final RuleParameters parameters, final ClockSource clockSource) {
        this.session = session;
        this.clock = session.getSessionClock();
        this.listener = listener;
        this.parameters = parameters;
        this.clockSource = clockSource;
    }

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code startMillis} is negative (the pseudo clock starts at 0)
     */
    static DroolsRuleSession open(final KieBase kieBase, final RuleParameters parameters,
                                  final AnomalyListener listener, final long startMillis,
                                  final ClockSource clockSource) {
        Objects.requireNonNull(parameters, "parameters must not be null.");
        Objects.requireNonNull(listener, "listener must not be null.");
        Objects.requireNonNull(clockSource, "clockSource must not be null.");
        if (startMillis < 0) {
            throw new IllegalArgumentException("startMillis must be >= 0, was " + startMillis);
        }
        final KieSessionConfiguration configuration = KieServices.Factory.get().newKieSessionConfiguration();
        configuration.setOption(ClockTypeOption.PSEUDO);
        final DroolsRuleSession ruleSession = new DroolsRuleSession(kieBase.newKieSession(configuration, null),
                listener, parameters, clockSource);
        ruleSession.start(startMillis);
        return ruleSession;
    }

    private void start(final long startMillis) {
        session.setGlobal(GLOBAL, (AnomalyListener) outbox::add);
        clock.advanceTime(startMillis, TimeUnit.MILLISECONDS);
        session.insert(parameters);
        nowHandle = session.insert(new Now(startMillis));
        nowFactMillis = startMillis;
        insertConditions(ThresholdConditions.defaults());
    }

    @Override
    public void replaceConditions(final List<ThresholdCondition> replacement) {
        ensureOpen();
        final List<ThresholdCondition> checked = ThresholdConditions.validate(replacement);
        conditions.forEach(session::delete);
        conditions.clear();
        insertConditions(checked);
    }

    private void insertConditions(final List<ThresholdCondition> list) {
        for (final ThresholdCondition c : list) {
            conditions.add(session.insert(c));
        }
    }

    @Override
    public void register(final DeviceProfile profile) {
        Objects.requireNonNull(profile, "profile must not be null.");
        ensureOpen();
        final FactHandle handle = profiles.get(profile.getDeviceId());
        if (handle == null) {
            profiles.put(profile.getDeviceId(), session.insert(profile));
        } else {
            session.update(handle, profile);
        }
        // Computed here, not in DRL, so DV-01 joins Now on one field that Drools can range-index.
        final long silence = parameters.silenceMillis(profile.getExpectedIntervalMillis());
        final DeviceSlot slot = devices.get(profile.getDeviceId());
        if (slot == null) {
            final DeviceState state = DeviceState.registered(profile, now(), silence);
            devices.put(profile.getDeviceId(), new DeviceSlot(session.insert(state), state));
        } else {
            slot.state = slot.state.withSilence(silence);
            session.update(slot.handle, slot.state);
        }
    }

    @Override
    public void process(final List<Reading> readings) {
        Objects.requireNonNull(readings, "readings must not be null.");
        ensureOpen();
        for (final Reading reading : readings) {
            evaluate(Objects.requireNonNull(reading, "readings must not contain null."));
        }
        // Deleting the last reading may itself activate operator rules (e.g. "not Reading(...)").
        fire();
        deliver();
    }

    private void evaluate(final Reading reading) {
        if (clockSource == ClockSource.EVENTS && moveClock(reading.getTimestampMillis(), NOW_RESOLUTION_MILLIS)) {
            // Time passes before the reading lands: a silence or duration that elapsed in the gap is raised with
            // the device's old state, and the reading can then clear it.
            fire();
        }
        remember(reading);
        final FactHandle handle = session.insert(reading);
        try {
            fire();
        } finally {
            // Also when an operator rule throws: a reading left behind would match every later firing.
            session.delete(handle);
        }
    }

    /**
     * The device counts as heard at {@code min(reading time, clock)}: its own time under EVENTS (the clock has just
     * moved there), never later than the present under EXTERNAL.
     */
    private void remember(final Reading reading) {
        final DeviceSlot slot = devices.get(reading.getDeviceId());
        if (slot == null) {
            final DeviceState state = DeviceState.firstSeen(reading, now());
            devices.put(reading.getDeviceId(), new DeviceSlot(session.insert(state), state));
        } else {
            slot.state = slot.state.seen(reading, now());
            session.update(slot.handle, slot.state);
        }
    }

    @Override
    public void deviceOffline(final String deviceId, final long atMillis) {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        report(deviceId, atMillis, new ConnectionLost(deviceId, atMillis));
    }

    @Override
    public void deviceConnected(final String deviceId, final long atMillis) {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        report(deviceId, atMillis, new Connected(deviceId, atMillis));
    }

    @Override
    public void payloadRejected(final String deviceId, final long atMillis, final String reason) {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(reason, "reason must not be null.");
        report(deviceId, atMillis, new PayloadRejected(deviceId, atMillis, reason));
    }

    /** A gateway report about a known device: inserted, fired and deleted again, like a reading. */
    private void report(final String deviceId, final long atMillis, final Object fact) {
        ensureOpen();
        if (!devices.containsKey(deviceId)) {
            LOG.debug("{} of unknown device ignored.", fact);
            return;
        }
        // Resolution 1 ms: the rules date the offline instant no later than Now, so Now must equal the clock. Under
        // EXTERNAL Now already does (only advanceTo moves it, exactly).
        if (clockSource == ClockSource.EVENTS && moveClock(atMillis, 1L)) {
            fire();
        }
        final FactHandle handle = session.insert(fact);
        try {
            fire();
        } finally {
            session.delete(handle);
        }
        fire();
        deliver();
    }

    @Override
    public void advanceTo(final long epochMillis) {
        ensureOpen();
        moveClock(epochMillis, 1L);
        fire();
        deliver();
    }

    @Override
    public long now() {
        return clock.getCurrentTime();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.dispose();
        }
    }

    /** @return facts in working memory (for tests and diagnostics) */
    long factCount() {
        return session.getFactCount();
    }

    /**
     * Moves the clock forward only; refreshes {@link Now} once it lags by at least {@code resolution} ms.
     *
     * @return true when {@link Now} changed
     */
    private boolean moveClock(final long targetMillis, final long resolution) {
        final long current = clock.getCurrentTime();
        if (targetMillis > current) {
            clock.advanceTime(targetMillis - current, TimeUnit.MILLISECONDS);
        }
        final long now = clock.getCurrentTime();
        if (now - nowFactMillis < resolution) {
            return false;
        }
        session.update(nowHandle, new Now(now));
        nowFactMillis = now;
        return true;
    }

    private void fire() {
        final int fired = session.fireAllRules(FIRING_LIMIT);
        if (fired >= FIRING_LIMIT) {
            LOG.warn("Rules fired {} times in one call; a rule probably loops. The rest runs on the next call.",
                    fired);
        }
    }

    private void deliver() {
        Anomaly next = outbox.poll();
        while (next != null) {
            listener.onAnomaly(next);
            next = outbox.poll();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("rule session is closed");
        }
    }

    /** One device's {@link DeviceState} fact and its handle, so it can be replaced without a lookup. */
    private static final class DeviceSlot {
        private final FactHandle handle;
        private DeviceState state;

        DeviceSlot(final FactHandle handle, final DeviceState state) {
            this.handle = handle;
            this.state = state;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.testsupport;

import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives one device through a table row of steps on a fresh session and reports the anomalies as
 * {@code STATUS@time} strings, so rule tests read as fact-scenario tables.
 *
 * <p>Step syntax: {@code "10=95"} is a reading at minute 10 carrying the metric with value 95; {@code "@12"} moves
 * the clock to minute 12 without a reading; {@code "offline@5"} reports the device's connection lost at minute 5
 * ({@link RuleSession#deviceOffline(String, long)}), {@code "offline:dev-999@5"} that of another device;
 * {@code "connected@5"} and {@code "rejected@5"} report an accepted connection and a refused payload (reason
 * {@link #REJECTION}) the same way; {@code "10/12=95"} is a reading stamped at minute 10 that the gateway received at
 * minute 12 (without {@code /} the reading carries no receive time). Times are
 * minutes after {@link #BASE} (decimals allowed) or, for the streetlight window, a local day and time in November
 * 2026 ({@code "28T05:45"}). Consecutive readings are processed as one batch. Under {@link ClockSource#EXTERNAL}
 * only the {@code "@"} steps move the clock.
 */
public final class Scenario {
    /** The default parameters' community zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 2026-11-27 19:00 local: inside the default 18:00-06:00 lamp on-window. */
    public static final long BASE = ZonedDateTime.of(2026, 11, 27, 19, 0, 0, 0, ZONE).toInstant().toEpochMilli();
    /** The device every scenario drives. */
    public static final String DEVICE = "dev-001";
    /** The reason of every {@code "rejected@..."} step. */
    public static final String REJECTION = "payload is not valid JSON";
    private static final List<String> REPORTS = List.of("offline", "connected", "rejected");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd'T'HH:mm:ss");

    private final RuleSession session;
    private final String deviceType;
    private final List<Anomaly> anomalies = new ArrayList<>();

    private Scenario(final RuleParameters parameters, final String deviceType, final ClockSource clockSource) {
        this.session = TestEngine.defaultPack().openSession(parameters, anomalies::add, BASE, clockSource);
        this.deviceType = deviceType;
    }

    /**
     * @param parameters thresholds
     * @param deviceType type of the driven device
     * @return a scenario on a fresh session whose clock starts at {@link #BASE} and follows the readings
     */
    public static Scenario open(final RuleParameters parameters, final String deviceType) {
        return new Scenario(parameters, deviceType, ClockSource.EVENTS);
    }

    /**
     * @param parameters  thresholds
     * @param deviceType  type of the driven device
     * @param clockSource what moves the session clock
     * @return a scenario on a fresh session whose clock starts at {@link #BASE}
     */
    public static Scenario open(final RuleParameters parameters, final String deviceType,
                                final ClockSource clockSource) {
        return new Scenario(parameters, deviceType, clockSource);
    }

    /**
     * @param expectedIntervalMillis the device's reporting interval
     * @return this, with the device registered at the current clock
     */
    public Scenario registered(final long expectedIntervalMillis) {
        session.register(new DeviceProfile("c1", deviceType, DEVICE, expectedIntervalMillis));
        return this;
    }

    /**
     * @param metric the metric every reading step carries
     * @param steps  the table row's steps
     * @return the transitions of {@code category}, as {@code STATUS@ddTHH:mm:ss} in the community's zone
     */
    public List<String> run(final String metric, final List<String> steps, final String category) {
        final List<Reading> batch = new ArrayList<>();
        for (final String step : steps) {
            if (step.startsWith("@")) {
                session.process(batch);
                batch.clear();
                session.advanceTo(time(step.substring(1)));
            } else if (REPORTS.stream().anyMatch(step::startsWith)) {
                session.process(batch);
                batch.clear();
                report(step);
            } else {
                final String[] parts = step.split("=");
                batch.add(reading(parts[0], metric, Double.parseDouble(parts[1])));
            }
        }
        session.process(batch);
        session.close();
        return anomalies.stream().filter(a -> a.category().equals(category))
                .map(a -> a.status() + "@" + shown(a.atMillis())).toList();
    }

    private void report(final String step) {
        final String kind = step.substring(0, step.indexOf(step.contains(":") ? ':' : '@'));
        final String[] parts = step.substring(kind.length()).split("@");
        final String device = parts[0].isEmpty() ? DEVICE : parts[0].substring(1);
        final long at = time(parts[1]);
        switch (kind) {
            case "offline" -> session.deviceOffline(device, at);
            case "connected" -> session.deviceConnected(device, at);
            default -> session.payloadRejected(device, at, REJECTION);
        }
    }

    /** @return the session under test (to configure it before {@link #run}) */
    public RuleSession session() {
        return session;
    }

    /** @return every anomaly the scenario produced so far */
    public List<Anomaly> anomalies() {
        return anomalies;
    }

    /**
     * @param expected {@code STATUS@time} entries in the step time syntax
     * @return the same entries in the form {@link #run} reports
     */
    public static List<String> expected(final List<String> expected) {
        return expected.stream().map(e -> {
            final String[] parts = e.split("@");
            return parts[0] + "@" + shown(time(parts[1]));
        }).toList();
    }

    /**
     * @param token minutes after {@link #BASE}, or {@code ddTHH:mm} in November 2026, local time
     * @return epoch milliseconds
     */
    public static long time(final String token) {
        if (token.contains("T")) {
            final String[] parts = token.split("T");
            final LocalDateTime local = LocalDateTime.of(2026, 11, Integer.parseInt(parts[0]), 0, 0)
                    .with(LocalTime.parse(parts[1]));
            return local.atZone(ZONE).toInstant().toEpochMilli();
        }
        return BASE + Math.round(Double.parseDouble(token) * 60_000);
    }

    private Reading reading(final String times, final String metric, final double value) {
        final String[] parts = times.split("/");
        return new Reading("c1", deviceType, DEVICE, time(parts[0]), Reading.NO_SEQUENCE, Map.of(metric, value),
                parts.length > 1 ? time(parts[1]) : Reading.NO_RECEIVE_TIME);
    }

    private static String shown(final long epochMillis) {
        return SHOWN.format(Instant.ofEpochMilli(epochMillis).atZone(ZONE));
    }
}

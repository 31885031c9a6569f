// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.fleet.FleetOptions;
import io.civicpulse.simulators.fleet.FleetRunner;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a {@link Scenario} against a gateway: starts its fleet, plays the timeline (faults into devices, resident
 * reports over HTTP) and checks each expectation at its time, polling the issue API until it holds or its
 * {@code within} runs out. Used by the {@code scenario} command and by the gateway's scenario ITs.
 *
 * <p>Threads: {@link #run()} blocks the caller; the fleet runs on its own threads.
 */
public final class ScenarioRunner {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 500;

    private final Scenario scenario;
    private final MqttEndpoint mqtt;
    private final GatewayHttp gateway;
    private final Duration maxRealWait;
    private final Consumer<String> log;

    /**
     * @param scenario what to run
     * @param mqtt the gateway's (or the broker's, for uplink formats) MQTT address
     * @param gateway the gateway's HTTP API
     * @param maxRealWait longest real-time wait to reach a scenario time without a controllable clock
     * @param log receives one line per step and check, as they happen
     */
    public ScenarioRunner(final Scenario scenario, final MqttEndpoint mqtt, final GatewayHttp gateway,
                          final Duration maxRealWait, final Consumer<String> log) {
        this.scenario = Objects.requireNonNull(scenario, "scenario must not be null.");
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt must not be null.");
        this.gateway = Objects.requireNonNull(gateway, "gateway must not be null.");
        this.maxRealWait = Objects.requireNonNull(maxRealWait, "maxRealWait must not be null.");
        this.log = Objects.requireNonNull(log, "log must not be null.");
    }

    /**
     * Runs the scenario to the end.
     *
     * @return every expectation's verdict; a fleet that cannot connect fails every expectation
     */
    public ScenarioResult run() throws InterruptedException {
        final ScenarioClock clock = ScenarioClock.probe(gateway, maxRealWait);
        final List<String> notes = new ArrayList<>(List.of(clock.describe()));
        log.accept("scenario " + scenario.name() + ": " + clock.describe());
        try (FleetRunner fleet = new FleetRunner(fleetOptions(clock))) {
            fleet.start();
            if (!fleet.awaitConnected(CONNECT_TIMEOUT)) {
                return notConnected(fleet, notes);
            }
            log.accept("fleet connected: " + fleet.statistics().statusLine());
            clock.start();
            final List<String> stepFailures = new ArrayList<>();
            final List<ScenarioResult.Outcome> outcomes = new ArrayList<>();
            play(fleet, clock, stepFailures, outcomes);
            log.accept("fleet: " + fleet.statistics().statusLine());
            return new ScenarioResult(scenario.name(), outcomes, stepFailures, notes);
        }
    }

    private FleetOptions fleetOptions(final ScenarioClock clock) {
        final ScenarioFleet spec = scenario.fleet();
        return FleetOptions.builder().endpoint(mqtt).protocol(spec.protocol()).qos(spec.qos()).shape(spec.shape())
                .interval(spec.interval()).client(spec.client()).format(spec.format())
                .nightWindow(spec.nightWindow() == null ? NightWindow.DEFAULT : spec.nightWindow())
                .solarLighting(spec.nightWindow() == null).clock(clock.fleetClock()).build();
    }

    private ScenarioResult notConnected(final FleetRunner fleet, final List<String> notes) {
        final String why = "the fleet did not connect within " + CONNECT_TIMEOUT.toSeconds() + " s to " + mqtt
                + ": " + fleet.statistics().statusLine() + "; last error: " + fleet.statistics().lastError();
        final List<ScenarioResult.Outcome> outcomes = scenario.expectations().stream()
                .map(expectation -> new ScenarioResult.Outcome(expectation, false, null, List.of(why), 0))
                .toList();
        return new ScenarioResult(scenario.name(), outcomes, List.of(), notes);
    }

    // Steps and checks in scenario-time order; at equal times steps go first, checks keep file order.
    private void play(final FleetRunner fleet, final ScenarioClock clock, final List<String> stepFailures,
                      final List<ScenarioResult.Outcome> outcomes) throws InterruptedException {
        final Duration end = scenario.timeline().isEmpty() ? Duration.ZERO
                : scenario.timeline().get(scenario.timeline().size() - 1).at();
        final List<Object[]> agenda = new ArrayList<>();
        scenario.timeline().forEach(step -> agenda.add(new Object[] {step.at(), 0, step}));
        scenario.expectations().forEach(expect -> agenda.add(new Object[] {expect.by() == null ? end : expect.by(),
            1, expect}));
        agenda.sort(Comparator.<Object[], Duration>comparing(item -> (Duration) item[0])
                .thenComparing(item -> (Integer) item[1]));
        for (final Object[] item : agenda) {
            final String unreachable = reach(clock, (Duration) item[0]);
            if (item[2] instanceof ScenarioStep step) {
                final String failure = unreachable != null ? unreachable : perform(step, fleet);
                if (failure != null) {
                    stepFailures.add(step.describe() + " at " + step.at() + ": " + failure);
                }
                log.accept(String.format(java.util.Locale.ROOT, "[%7.1f s] %s%s", seconds(clock), step.describe(),
                        failure == null ? "" : " FAILED: " + failure));
            } else {
                final Expectation expectation = (Expectation) item[2];
                final ScenarioResult.Outcome outcome = unreachable != null
                        ? new ScenarioResult.Outcome(expectation, false, null, List.of(unreachable), seconds(clock))
                        : await(expectation, clock);
                outcomes.add(outcome);
                log.accept(String.format(java.util.Locale.ROOT, "[%7.1f s] %s %s", seconds(clock),
                        outcome.passed() ? "ok  " : "FAIL", expectation.describe()));
            }
        }
    }

    private String reach(final ScenarioClock clock, final Duration at) throws InterruptedException {
        try {
            return clock.reach(at);
        } catch (final IOException e) {
            return "cannot advance the gateway clock: " + e.getMessage();
        }
    }

    private String perform(final ScenarioStep step, final FleetRunner fleet) throws InterruptedException {
        if (step.fault() != null) {
            try {
                fleet.inject(step.device(), step.fault());
                return null;
            } catch (final IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        try {
            final GatewayHttp.Answer answer = gateway.report(step.report());
            return answer.ok() ? null : "POST /api/reports answered " + answer.status() + ": " + answer.json();
        } catch (final IOException e) {
            return "POST /api/reports failed: " + e.getMessage();
        }
    }

    private ScenarioResult.Outcome await(final Expectation expectation, final ScenarioClock clock)
            throws InterruptedException {
        final long deadline = System.nanoTime() + expectation.within().toNanos();
        ExpectationCheck.Verdict verdict;
        while (true) {
            verdict = look(expectation);
            // An absence must hold for the whole window; anything else passes as soon as it shows.
            final boolean settled = expectation.absent() ? !verdict.passed() : verdict.passed();
            if (settled || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        final List<String> differences = verdict.mismatches().stream()
                .map(m -> String.format(java.util.Locale.ROOT, "%-13s expected %s, actual %s", m.field() + ":",
                        m.expected(), m.actual()))
                .toList();
        return new ScenarioResult.Outcome(expectation, verdict.passed(), verdict.issueId(), differences,
                seconds(clock));
    }

    private ExpectationCheck.Verdict look(final Expectation expectation) throws InterruptedException {
        try {
            return ExpectationCheck.check(expectation, gateway);
        } catch (final IOException e) {
            return new ExpectationCheck.Verdict(false, null, List.of(new ExpectationCheck.Mismatch("gateway",
                    "an answer from " + gateway, e.toString())));
        }
    }

    private static double seconds(final ScenarioClock clock) {
        return clock.now().toMillis() / 1000.0;
    }
}

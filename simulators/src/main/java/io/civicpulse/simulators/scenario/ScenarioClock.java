// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario time: zero when the fleet is connected. With a gateway that offers a controllable clock
 * ({@code GET /api/clock} answers), long waits are skipped by advancing that clock; otherwise the runner waits
 * in real time and says so. The fleet's readings carry the same shifted time ({@link #fleetClock()}).
 */
final class ScenarioClock {

    /** Waits up to this long happen in real time even with a controllable clock, so readings keep flowing. */
    private static final Duration REAL_WAIT_LIMIT = Duration.ofSeconds(3);

    private final GatewayHttp gateway;
    private final boolean controllable;
    private final double speed;
    private final Duration maxRealWait;
    private final AtomicLong advancedMillis = new AtomicLong();
    private long startNanos;

    private ScenarioClock(final GatewayHttp gateway, final boolean controllable, final double speed,
                          final Duration maxRealWait) {
        this.gateway = gateway;
        this.controllable = controllable;
        this.speed = speed;
        this.maxRealWait = maxRealWait;
    }

    /** Asks the gateway whether it has a clock; a 404 (or any failure) means real time. */
    static ScenarioClock probe(final GatewayHttp gateway, final Duration maxRealWait) throws InterruptedException {
        try {
            final GatewayHttp.Answer answer = gateway.clock();
            if (answer.ok() && answer.json().has("now")) {
                final JsonNode speed = answer.json().path("speed");
                return new ScenarioClock(gateway, true, speed.isNumber() && speed.asDouble() > 0 ? speed.asDouble()
                        : 1.0, maxRealWait);
            }
        } catch (final IOException e) {
            // Treated like a gateway without a clock: the run goes on in real time.
        }
        return new ScenarioClock(gateway, false, 1.0, maxRealWait);
    }

    /** Whether the gateway's clock can be advanced. */
    boolean controllable() {
        return controllable;
    }

    /** One line for the run log. */
    String describe() {
        return controllable ? "gateway clock (speed " + speed + "): long waits skip ahead with POST /api/clock/advance"
                : "the gateway has no controllable clock (GET /api/clock: 404), so the run waits in real time";
    }

    /** Scenario time starts now. */
    void start() {
        startNanos = System.nanoTime();
    }

    /** Scenario time elapsed. */
    Duration now() {
        final long realNanos = System.nanoTime() - startNanos;
        return Duration.ofNanos((long) (realNanos * speed)).plusMillis(advancedMillis.get());
    }

    /** A clock for the fleet's readings: real time plus whatever the gateway clock was advanced by. */
    Clock fleetClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plusMillis(advancedMillis.get());
            }
        };
    }

    /**
     * Brings scenario time to {@code target}: waits, or advances the gateway clock for longer gaps.
     *
     * @return null when there, or why it cannot get there (a real-time wait longer than the allowed maximum)
     */
    String reach(final Duration target) throws InterruptedException, IOException {
        final Duration gap = target.minus(now());
        if (gap.isNegative() || gap.isZero()) {
            return null;
        }
        if (controllable && gap.compareTo(REAL_WAIT_LIMIT) > 0) {
            final GatewayHttp.Answer answer = gateway.advanceClock(gap);
            if (!answer.ok()) {
                return "POST /api/clock/advance?by=" + gap + " answered " + answer.status() + ": " + answer.json();
            }
            advancedMillis.addAndGet(gap.toMillis());
            return null;
        }
        final long realMillis = (long) (gap.toMillis() / speed);
        if (realMillis > maxRealWait.toMillis()) {
            return "reaching scenario time " + target + " needs " + Duration.ofMillis(realMillis)
                    + " of real waiting (more than --max-wait " + maxRealWait + ") and the gateway has no"
                    + " controllable clock (GET /api/clock)";
        }
        Thread.sleep(realMillis);
        return null;
    }
}

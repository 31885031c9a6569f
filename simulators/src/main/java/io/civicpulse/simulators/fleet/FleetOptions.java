// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.mqtt.PublishingOptionsBuilder;
import io.civicpulse.simulators.payload.PayloadFormat;
import io.civicpulse.simulators.registry.FleetShape;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a {@link FleetRunner} needs; build with {@link #builder()}. Immutable.
 *
 * @param endpoint gateway MQTT address; default 127.0.0.1:1883
 * @param protocol MQTT version; default 5
 * @param qos publish QoS, 0 or 1; default 1
 * @param shape fleet seed, counts and community; default {@link FleetShape#demo()}
 * @param interval time between two readings of a device; default 10 s
 * @param faults faults to inject; default none
 * @param nightWindow when streetlights are lit; default 18:00-06:00
 * @param zone time zone of the night window and the gates' daily pattern; default Asia/Shanghai
 * @param clock source of reading timestamps and of the local hour; default the system clock
 * @param keepAliveSeconds MQTT keep alive; default 30
 * @param client MQTT client library; default Paho (use Netty beyond a few thousand devices, and for dropouts)
 * @param format how readings go on the wire; default native JSON
 * @param solarLighting streetlights follow sunset and sunrise at their position instead of the night window;
 *        default false
 * @param maxClockDriftPpm each device's clock runs fast or slow by up to this many parts per million; default 0
 * @param dropoutLength how long a {@code dropout} fault keeps a device offline; default 60 s
 */
public record FleetOptions(MqttEndpoint endpoint, MqttProtocol protocol, int qos, FleetShape shape, Duration interval,
                           List<FaultSpec> faults, NightWindow nightWindow, ZoneId zone, Clock clock,
                           int keepAliveSeconds, MqttClientKind client, PayloadFormat format, boolean solarLighting,
                           double maxClockDriftPpm, Duration dropoutLength) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    /**
     * @throws IllegalArgumentException if a value is missing or out of range
     */
    public FleetOptions {
        if (endpoint == null || protocol == null || shape == null || interval == null || faults == null
                || nightWindow == null || zone == null || clock == null || client == null || format == null
                || dropoutLength == null) {
            throw new IllegalArgumentException("fleet options must not contain null values.");
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least 10ms, was " + interval.toMillis() + "ms");
        }
        if (maxClockDriftPpm < 0 || maxClockDriftPpm > 1_000_000 || !Double.isFinite(maxClockDriftPpm)) {
            throw new IllegalArgumentException("clock drift must be within 0..1000000 ppm, was " + maxClockDriftPpm);
        }
        if (dropoutLength.isNegative()) {
            throw new IllegalArgumentException("dropout length must not be negative, was " + dropoutLength);
        }
        faults = List.copyOf(faults);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects options; gateway address, protocol and QoS come from {@link PublishingOptionsBuilder}.
     * {@link #build()} validates them. Not thread-safe.
     */
    public static final class Builder extends PublishingOptionsBuilder<Builder> {
        private FleetShape shape = FleetShape.demo();
        private Duration interval = DEFAULT_INTERVAL;
        private final List<FaultSpec> faults = new ArrayList<>();
        private NightWindow nightWindow = NightWindow.DEFAULT;
        private ZoneId zone = DEFAULT_ZONE;
        private Clock clock = Clock.systemUTC();
        private int keepAliveSeconds = 30;
        private PayloadFormat format = PayloadFormat.NATIVE;
        private boolean solarLighting;
        private double maxClockDriftPpm;
        private Duration dropoutLength = Duration.ofSeconds(60);

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder shape(final FleetShape value) {
            this.shape = value;
            return this;
        }

        public Builder interval(final Duration value) {
            this.interval = value;
            return this;
        }

        public Builder fault(final FaultSpec value) {
            this.faults.add(value);
            return this;
        }

        public Builder faults(final List<FaultSpec> values) {
            this.faults.addAll(values);
            return this;
        }

        public Builder nightWindow(final NightWindow value) {
            this.nightWindow = value;
            return this;
        }

        public Builder zone(final ZoneId value) {
            this.zone = value;
            return this;
        }

        public Builder clock(final Clock value) {
            this.clock = value;
            return this;
        }

        public Builder keepAliveSeconds(final int value) {
            this.keepAliveSeconds = value;
            return this;
        }

        public Builder format(final PayloadFormat value) {
            this.format = value;
            return this;
        }

        public Builder solarLighting(final boolean value) {
            this.solarLighting = value;
            return this;
        }

        public Builder maxClockDriftPpm(final double value) {
            this.maxClockDriftPpm = value;
            return this;
        }

        public Builder dropoutLength(final Duration value) {
            this.dropoutLength = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a value is missing or out of range
         */
        public FleetOptions build() {
            return new FleetOptions(endpoint(), protocol(), qos(), shape, interval, faults, nightWindow, zone, clock,
                    keepAliveSeconds, client(), format, solarLighting, maxClockDriftPpm, dropoutLength);
        }
    }
}

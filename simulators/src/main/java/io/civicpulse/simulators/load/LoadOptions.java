// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.mqtt.PublishingOptionsBuilder;
import io.civicpulse.simulators.registry.FleetShape;
import java.time.Duration;

/**
 * Everything a {@link LoadRunner} needs; build with {@link #builder()}. Immutable.
 *
 * <p>The load generator connects streetlights {@code sl-001..sl-N} with the fleet's deterministic secrets,
 * so a registry written with {@code registry --seed S --streetlights N} (same seed, and N of the same digit
 * count, which fixes the id width) lets every one of them in.
 *
 * @param endpoint gateway MQTT address; default 127.0.0.1:1883
 * @param protocol MQTT version; default 5
 * @param qos 0 or 1; default 1
 * @param devices connections, one per streetlight; default 100
 * @param seed fleet seed the secrets derive from; default 42
 * @param community community in the topics; default lakeside
 * @param idDigits digits of the device number in ids; 0 means as the registry would write N ids (at least 3)
 * @param rate target total publishes per second; 0 means as fast as the windows allow
 * @param duration how long to publish; default 60 s
 * @param window most unacknowledged publishes per connection; default 100
 * @param payloadBytes approximate payload size; the reading is padded with JSON whitespace up to it; default 100
 * @param profile how the target rate moves during the run; default steady
 * @param client MQTT client library; default Paho (Netty for thousands of connections)
 */
public record LoadOptions(MqttEndpoint endpoint, MqttProtocol protocol, int qos, int devices, long seed,
                          String community, int idDigits, double rate, Duration duration, int window,
                          int payloadBytes, LoadProfile profile, MqttClientKind client) {

    public static final int MAX_WINDOW = 10_000;
    public static final int MAX_PAYLOAD_BYTES = 1_000_000;

    /**
     * @throws IllegalArgumentException if a value is missing or out of range
     */
    public LoadOptions {
        if (endpoint == null || protocol == null || duration == null || community == null || profile == null
                || client == null) {
            throw new IllegalArgumentException("load options must not contain null values.");
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
        }
        if (devices < 1 || devices > FleetShape.MAX_PER_TYPE) {
            throw new IllegalArgumentException("devices must be within 1.." + FleetShape.MAX_PER_TYPE
                    + ", was " + devices);
        }
        if (!FleetShape.COMMUNITY.matcher(community).matches()) {
            throw new IllegalArgumentException("community '" + community + "' must match " + FleetShape.COMMUNITY);
        }
        if (idDigits != 0 && (idDigits < Integer.toString(devices).length() || idDigits > 9)) {
            throw new IllegalArgumentException("idDigits must be 0 (automatic) or fit " + devices + " devices, was "
                    + idDigits);
        }
        if (rate < 0 || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or positive, was " + rate);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be within 1.." + MAX_WINDOW + ", was " + window);
        }
        if (profile.needsBaseRate() && rate <= 0) {
            throw new IllegalArgumentException("profile 'ramp' climbs to --rate: give a positive rate, or use"
                    + " ramp:FROM-TO");
        }
        if (payloadBytes < 0 || payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payloadBytes must be within 0.." + MAX_PAYLOAD_BYTES + ", was "
                    + payloadBytes);
        }
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The digits of the device number in ids: {@link #idDigits()} or, if 0, at least 3 and enough for N. */
    public int effectiveIdDigits() {
        return idDigits != 0 ? idDigits : Math.max(3, Integer.toString(devices).length());
    }

    /**
     * Collects options; gateway address, protocol and QoS come from {@link PublishingOptionsBuilder}.
     * {@link #build()} validates them. Not thread-safe.
     */
    public static final class Builder extends PublishingOptionsBuilder<Builder> {
        private int devices = 100;
        private long seed = FleetShape.DEFAULT_SEED;
        private String community = FleetShape.DEFAULT_COMMUNITY;
        private int idDigits;
        private double rate;
        private Duration duration = Duration.ofSeconds(60);
        private int window = 100;
        private int payloadBytes = 100;
        private LoadProfile profile = LoadProfile.STEADY;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder devices(final int value) {
            this.devices = value;
            return this;
        }

        public Builder seed(final long value) {
            this.seed = value;
            return this;
        }

        public Builder community(final String value) {
            this.community = value;
            return this;
        }

        public Builder idDigits(final int value) {
            this.idDigits = value;
            return this;
        }

        public Builder rate(final double value) {
            this.rate = value;
            return this;
        }

        public Builder duration(final Duration value) {
            this.duration = value;
            return this;
        }

        public Builder window(final int value) {
            this.window = value;
            return this;
        }

        public Builder payloadBytes(final int value) {
            this.payloadBytes = value;
            return this;
        }

        public Builder profile(final LoadProfile value) {
            this.profile = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a value is missing or out of range
         */
        public LoadOptions build() {
            return new LoadOptions(endpoint(), protocol(), qos(), devices, seed, community, idDigits, rate, duration,
                    window, payloadBytes, profile, client());
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/**
 * The part the fleet's and the load generator's option builders share: where the gateway listens, which
 * MQTT version the devices speak and the QoS they publish with, with the same defaults for both.
 * Subclasses add their own settings and validate everything when they build. Not thread-safe.
 *
 * @param <B> the concrete builder, which every setter returns so calls chain
 */
public abstract class PublishingOptionsBuilder<B extends PublishingOptionsBuilder<B>> {

    private MqttEndpoint endpoint = MqttEndpoint.DEFAULT;
    private MqttProtocol protocol = MqttProtocol.V5;
    private int qos = 1;
    private MqttClientKind client = MqttClientKind.PAHO;

    protected PublishingOptionsBuilder() {
    }

    /** Gateway MQTT address; default 127.0.0.1:1883. */
    public final B endpoint(final MqttEndpoint value) {
        this.endpoint = value;
        return self();
    }

    /** MQTT version; default 5. */
    public final B protocol(final MqttProtocol value) {
        this.protocol = value;
        return self();
    }

    /** Publish QoS, 0 or 1 (checked when building); default 1. */
    public final B qos(final int value) {
        this.qos = value;
        return self();
    }

    /** MQTT client library; default Paho (Netty for thousands of devices, and for network dropouts). */
    public final B client(final MqttClientKind value) {
        this.client = value;
        return self();
    }

    /** The client library set so far. */
    protected final MqttClientKind client() {
        return client;
    }

    /** The endpoint set so far. */
    protected final MqttEndpoint endpoint() {
        return endpoint;
    }

    /** The protocol set so far. */
    protected final MqttProtocol protocol() {
        return protocol;
    }

    /** The QoS set so far. */
    protected final int qos() {
        return qos;
    }

    /** This builder as its concrete type. */
    protected abstract B self();
}

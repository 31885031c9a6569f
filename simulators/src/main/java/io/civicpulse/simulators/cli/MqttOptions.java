// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.mqtt.PublishingOptionsBuilder;
import picocli.CommandLine.Option;

/** How devices reach the gateway, shared by {@code fleet} and {@code load}: address, MQTT version and QoS. */
final class MqttOptions {

    @Option(names = "--mqtt", defaultValue = "127.0.0.1:1883", paramLabel = "HOST:PORT",
            description = "Gateway MQTT listener (default: 127.0.0.1:1883).")
    private MqttEndpoint endpoint;

    @Option(names = "--protocol", defaultValue = "5", paramLabel = "5|3", description = "MQTT 5 or 3.1.1 (default: 5).")
    private MqttProtocol protocol;

    @Option(names = "--qos", defaultValue = "1", paramLabel = "0|1", description = "Publish QoS (default: 1).")
    private int qos;

    @Option(names = "--client", defaultValue = "netty", paramLabel = "netty|paho",
            description = "MQTT client library: netty (one shared event loop, 10,000+ devices, network dropouts) or"
                    + " paho (about three threads per device) (default: netty).")
    private MqttClientKind client;

    /** Sets endpoint, protocol, QoS and client library on {@code builder} and returns it. */
    <B extends PublishingOptionsBuilder<B>> B applyTo(final B builder) {
        return builder.endpoint(endpoint).protocol(protocol).qos(qos).client(client);
    }
}

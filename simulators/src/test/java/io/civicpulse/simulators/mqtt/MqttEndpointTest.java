// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttEndpointTest {

    @Test
    void parse_hostAndPort() {
        final MqttEndpoint endpoint = MqttEndpoint.parse("gateway.local:18830");

        assertThat(endpoint).isEqualTo(new MqttEndpoint("gateway.local", 18830));
        assertThat(endpoint.serverUri()).isEqualTo("tcp://gateway.local:18830");
        assertThat(endpoint).hasToString("gateway.local:18830");
    }

    @Test
    void parse_bracketedIpv6() {
        final MqttEndpoint endpoint = MqttEndpoint.parse("[::1]:1883");

        assertThat(endpoint.host()).isEqualTo("::1");
        assertThat(endpoint.serverUri()).isEqualTo("tcp://[::1]:1883");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", ":1883", "localhost:", "localhost:mqtt", "localhost:0", "localhost:70000"})
    void parse_invalid_refusedNamingTheProblem(final String text) {
        assertThatThrownBy(() -> MqttEndpoint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(invalid MQTT address '" + text + "'.*|MQTT port must be within 1..65535.*)");
    }

    @Test
    void protocol_parse_acceptsFiveAndThree() {
        assertThat(MqttProtocol.parse("5")).isEqualTo(MqttProtocol.V5);
        assertThat(MqttProtocol.parse("3")).isEqualTo(MqttProtocol.V3);
        assertThat(MqttProtocol.parse("3.1.1")).isEqualTo(MqttProtocol.V3);
        assertThatThrownBy(() -> MqttProtocol.parse("4.2")).hasMessage("invalid MQTT protocol '4.2': use 5 or 3");
    }

    @Test
    void errors_describe_addsReasonCodeAndCause() {
        final Exception v3 = new org.eclipse.paho.client.mqttv3.MqttException(5);
        final Exception wrapped = new org.eclipse.paho.client.mqttv3.MqttException(
                32103, new java.net.ConnectException("Connection refused"));

        assertThat(MqttErrors.describe(v3)).contains("(5)");
        assertThat(MqttErrors.describe(wrapped)).contains("(32103)").contains("Connection refused");
        assertThat(MqttErrors.describe(null)).isEqualTo("unknown error");
    }
}

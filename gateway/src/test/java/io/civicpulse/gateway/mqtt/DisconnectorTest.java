// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisconnectorTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Disconnector disconnector = new Disconnector(meters);
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void releaseChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void disconnect_mqtt5_sendsDisconnectWithReasonThenCloses() {
        // given
        // when
        disconnector.disconnect(channel, "bin-001", true, (byte) 0x8E, "session taken over", "takeover");

        // then
        final MqttMessage m = channel.readOutbound();
        assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        final MqttReasonCodeAndPropertiesVariableHeader h =
                (MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader();
        assertThat(h.reasonCode()).isEqualTo((byte) 0x8E);
        assertThat(h.properties().getProperty(MqttProperties.MqttPropertyType.REASON_STRING.value()).value())
                .isEqualTo("session taken over");
        assertThat(channel.isOpen()).isFalse();
        assertThat(meters.get(GatewayMetrics.MQTT_DISCONNECTS).tag("reason", "takeover").counter().count())
                .isEqualTo(1);
    }

    @Test
    void disconnect_mqtt311_closesWithoutAPacket() {
        // given
        // when
        disconnector.disconnect(channel, "bin-001", false, (byte) 0x8D, "keep alive", "keepalive");

        // then
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(meters.get(GatewayMetrics.MQTT_DISCONNECTS).tag("reason", "keepalive").counter().count())
                .isEqualTo(1);
    }

    @Test
    void disconnect_alreadyClosed_countsAndSendsNothing() {
        // given
        channel.close();

        // when
        disconnector.disconnect(channel, "bin-001", true, (byte) 0x8E, "late", "takeover");

        // then
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(meters.get(GatewayMetrics.MQTT_DISCONNECTS).tag("reason", "takeover").counter().count())
                .isEqualTo(1);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.payload;

import io.civicpulse.simulators.device.TelemetryPayload;
import io.civicpulse.simulators.registry.DeviceIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * How a simulated device's readings go on the wire (docs/device-protocol.md): native JSON or SenML straight to
 * the gateway, or the uplink events a LoRaWAN network server (ChirpStack v4, The Things Stack v3) publishes on
 * its broker, which the gateway's bridge consumes. Uplinks name the device by DevEUI (write the registry with
 * {@code --lorawan}).
 */
public enum PayloadFormat {
    /** {@code {"ts","seq","metrics"}} on {@code cp/{community}/{type}/{id}/telemetry}. */
    NATIVE("native"),
    /** An RFC 8428 pack on {@code cp/{community}/{type}/{id}/senml}. */
    SENML("senml"),
    /** A ChirpStack v4 {@code up} event on {@code application/{app}/device/{devEui}/event/up}. */
    CHIRPSTACK_V4("chirpstack-v4"),
    /** A The Things Stack v3 uplink on {@code v3/{app}@{tenant}/devices/{id}/up}. */
    TTN_V3("ttn-v3");

    /** The application id the uplink topics carry. */
    public static final String APPLICATION = "civicpulse-sim";

    private final String label;

    PayloadFormat(final String label) {
        this.label = label;
    }

    /** The name used on the command line and in {@code ingest.formats}. */
    public String label() {
        return label;
    }

    /**
     * Parses a label such as {@code senml}.
     *
     * @throws IllegalArgumentException naming the text and the known formats
     */
    public static PayloadFormat parse(final String text) {
        final String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (final PayloadFormat format : values()) {
            if (format.label.equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown payload format '" + text
                + "': use native, senml, chirpstack-v4 or ttn-v3");
    }

    /** The topic {@code device} publishes on in this format. */
    public String topic(final DeviceIdentity device, final String devEui) {
        return switch (this) {
            case NATIVE -> device.telemetryTopic();
            case SENML -> "cp/" + device.community() + "/" + device.type().topicName() + "/" + device.id() + "/senml";
            case CHIRPSTACK_V4 -> "application/" + APPLICATION + "/device/" + devEui + "/event/up";
            case TTN_V3 -> "v3/" + APPLICATION + "@ttn/devices/" + device.id() + "/up";
        };
    }

    /** One reading of {@code device} in this format, UTF-8. */
    public byte[] payload(final DeviceIdentity device, final String devEui, final long epochMillis, final long seq,
                          final Map<String, Number> metrics) {
        return switch (this) {
            case NATIVE -> TelemetryPayload.bytes(epochMillis, seq, metrics);
            case SENML -> UplinkPayloads.senml(device.id(), epochMillis, metrics).getBytes(StandardCharsets.UTF_8);
            case CHIRPSTACK_V4 -> UplinkPayloads.chirpStack(devEui, epochMillis, seq, metrics)
                    .getBytes(StandardCharsets.UTF_8);
            case TTN_V3 -> UplinkPayloads.ttn(device.id(), devEui, epochMillis, seq, metrics)
                    .getBytes(StandardCharsets.UTF_8);
        };
    }
}

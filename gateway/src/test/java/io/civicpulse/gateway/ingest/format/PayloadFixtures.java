// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.civicpulse.gateway.registry.Device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The published payload examples in {@code src/test/resources/payloads/} (see its README and SOURCES.md), and the
 * small registry the tests route them to.
 */
final class PayloadFixtures {
    /** Registered with the DevEUI of the ChirpStack v4 docs example. */
    static final Device CS_DOCS = device("cs-docs", "bin", "0101010101010101");
    /** Registered with the DevEUI of the Dingtek capture ({@code 7cf95720fc015fef}), written upper-case. */
    static final Device DINGTEK = device("bin-dt-01", "bin", "7CF95720FC015FEF");
    /** Registered with the DevEUI of the ThingsBoard WS301 example. */
    static final Device WS301 = device("gate-ws-01", "gate", "1000000000000001");
    /** Registered with the DevEUI of the TTS data-formats example ({@code 0004A30B001C0530}); id differs from TTS. */
    static final Device TTN_DOCS = device("bin-ttn-01", "bin", "0004a30b001c0530");
    /** Registered under the TTS device id of the MQTT-server example, without a DevEUI. */
    static final Device DEV1 = new Device("dev1", "bin", "lakeside", "$2a$04$x", 60, Double.NaN, Double.NaN, "",
            "");
    /** A SenML streetlight. */
    static final Device LAMP = new Device("sl-001", "streetlight", "lakeside", "$2a$04$x", 10, Double.NaN,
            Double.NaN, "", "");
    /** Every device above. */
    static final List<Device> DEVICES = List.of(CS_DOCS, DINGTEK, WS301, TTN_DOCS, DEV1, LAMP);

    static final String CS_DOCS_TOPIC = "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/0101010101010101/"
            + "event/up";
    static final String DINGTEK_TOPIC = "application/1ebdc5b7-d43d-46e0-9a4e-bd50ad2d86d2/device/7cf95720fc015fef/"
            + "event/up";
    static final String WS301_TOPIC = "application/ca739e26-7b67-4f14-b69e-d568c22a5a75/device/1000000000000001/"
            + "event/up";
    static final String TTN_TOPIC = "v3/app1@tenant1/devices/dev1/up";
    static final String SENML_TOPIC = "cp/lakeside/streetlight/sl-001/senml";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadFixtures() {
    }

    private static Device device(final String id, final String type, final String devEui) {
        return new Device(id, type, "lakeside", "$2a$04$x", 60, Double.NaN, Double.NaN, "", "",
                devEui.toLowerCase(Locale.ROOT));
    }

    /** @return the file's bytes, unchanged */
    static byte[] bytes(final String name) {
        try (InputStream in = PayloadFixtures.class.getClassLoader().getResourceAsStream("payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture payloads/" + name);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param envelope a ChirpStack or TTS uplink fixture
     * @param path     where the decoded object goes: {@code object} or {@code uplink_message.decoded_payload}
     * @param decoded  a {@code decoded-*} fixture
     * @return the envelope with the decoded object set, compact (as ChirpStack publishes it)
     */
    static byte[] withDecoded(final String envelope, final String path, final String decoded) {
        try {
            final ObjectNode root = (ObjectNode) JSON.readTree(bytes(envelope));
            final String[] steps = path.split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < steps.length - 1; i++) {
                parent = (ObjectNode) parent.get(steps[i]);
            }
            parent.set(steps[steps.length - 1], JSON.readTree(bytes(decoded)));
            return JSON.writeValueAsBytes(root);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the text as UTF-8 bytes */
    static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the parsed JSON of a text, for building variants */
    static JsonNode tree(final byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

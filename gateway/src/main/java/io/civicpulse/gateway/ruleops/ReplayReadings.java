// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.rules.model.Reading;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses recorded telemetry for a replay: one JSON object per line,
 * {@code {"community":"lakeside","type":"bin","device":"bin-001","ts":1764266400000,"seq":1,"metrics":{...}}}
 * ({@code seq} optional; blank lines and lines starting with {@code #} are skipped). Thread-safe (stateless).
 */
public final class ReplayReadings {
    /** Lines read at most, so one request cannot exhaust the heap. */
    public static final int MAX_LINES = 2_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayReadings() {
    }

    /**
     * @param in the JSONL text
     * @return the readings in file order
     * @throws IllegalArgumentException {@code "line N: what is wrong"} for the first bad line
     * @throws IOException if reading fails
     */
    public static List<Reading> parse(final BufferedReader in) throws IOException {
        final List<Reading> readings = new ArrayList<>();
        String line = in.readLine();
        int number = 1;
        while (line != null) {
            final String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
                if (readings.size() >= MAX_LINES) {
                    throw new IllegalArgumentException("line " + number + ": more than " + MAX_LINES + " readings");
                }
                readings.add(reading(text, number));
            }
            line = in.readLine();
            number++;
        }
        return readings;
    }

    private static Reading reading(final String text, final int number) {
        final JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("line " + number + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("line " + number + ": expected a JSON object");
        }
        final String community = text(node, "community", number);
        final String type = text(node, "type", number);
        final String device = text(node, "device", number);
        if (!node.path("ts").canConvertToLong() || node.path("ts").asLong() < 0) {
            throw new IllegalArgumentException("line " + number + ": ts must be epoch milliseconds (>= 0)");
        }
        final JsonNode metrics = node.path("metrics");
        if (!metrics.isObject() || metrics.isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": metrics must be a non-empty object of numbers");
        }
        final Map<String, Double> values = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> it = metrics.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("line " + number + ": metrics." + e.getKey() + " is not a number");
            }
            values.put(e.getKey(), e.getValue().asDouble());
        }
        return new Reading(community, type, device, node.get("ts").asLong(),
                node.path("seq").asLong(Reading.NO_SEQUENCE), values);
    }

    private static String text(final JsonNode node, final String field, final int number) {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("line " + number + ": " + field + " is missing (a non-empty string)");
        }
        return value.asText();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.rules.model.Reading;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Strict JSON reading shared by the tree-based formats: duplicate keys, trailing content and deep nesting are
 * refused; floating-point numbers are kept exact (SenML times are seconds with fractions). Thread-safe.
 */
final class JsonPayloads {
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonPayloads() {
    }

    /**
     * @param payload the payload bytes
     * @return the JSON tree, never null
     * @throws PayloadException when the payload is empty or not one valid JSON value, naming line and column
     */
    static JsonNode read(final byte[] payload) throws PayloadException {
        if (payload.length == 0) {
            throw new PayloadException("payload is empty");
        }
        try {
            return JSON.readTree(payload);
        } catch (final JsonProcessingException e) {
            final String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new PayloadException("payload is not valid JSON" + at + ": " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw new PayloadException("payload is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * @param root a JSON tree
     * @param path dotted field names, e.g. {@code uplink_message.received_at}
     * @return the node, or null when a step is missing or JSON null
     */
    static JsonNode at(final JsonNode root, final String path) {
        JsonNode node = root;
        for (final String step : path.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(step);
        }
        return node == null || node.isNull() ? null : node;
    }

    /**
     * @param root a JSON object
     * @param path dotted path of an RFC 3339 time
     * @return epoch milliseconds, or null when the field is absent
     * @throws PayloadException when present but not an RFC 3339 time with offset
     */
    static Long time(final JsonNode root, final String path) throws PayloadException {
        final JsonNode node = at(root, path);
        if (node == null) {
            return null;
        }
        try {
            if (node.isTextual()) {
                return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
            }
        } catch (final DateTimeParseException e) {
            // reported below
        }
        throw new PayloadException(path + " " + node + " is not an RFC 3339 time with offset");
    }

    /**
     * @param root  a JSON object
     * @param array dotted path of an array of objects (gateway receptions: {@code rxInfo}, {@code rx_metadata})
     * @param field the time field in each element
     * @return the first element's time in epoch milliseconds, or null when no element has one
     * @throws PayloadException when a time is present but not RFC 3339
     */
    static Long firstTime(final JsonNode root, final String array, final String field) throws PayloadException {
        final JsonNode list = at(root, array);
        if (list == null || !list.isArray()) {
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            final Long t = time(list.get(i), field);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /**
     * @param root a JSON object
     * @param path dotted path of a frame counter
     * @return the counter, or {@link Reading#NO_SEQUENCE} when absent
     * @throws PayloadException when present but not a non-negative integer
     */
    static long counter(final JsonNode root, final String path) throws PayloadException {
        final JsonNode node = at(root, path);
        if (node == null) {
            return Reading.NO_SEQUENCE;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new PayloadException(path + " " + node + " is not a non-negative integer");
        }
        return node.asLong();
    }

    /**
     * @param root a JSON object
     * @param path dotted path of an optional text
     * @return the text, or null when absent
     * @throws PayloadException when present but not a string
     */
    static String text(final JsonNode root, final String path) throws PayloadException {
        final JsonNode node = at(root, path);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new PayloadException(path + " must be a string, not " + node);
        }
        return node.asText();
    }
}

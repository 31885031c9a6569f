// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.civicpulse.gateway.storage.TelemetrySchema;
import io.civicpulse.rules.model.Reading;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decodes the native JSON payload ({@code docs/device-protocol.md}) into a {@link Reading}.
 *
 * <p>Stateless and thread-safe. Streams tokens instead of building a tree: this runs once per message on the
 * Netty event loop, so it must be cheap. Every refusal names the field and what was wrong.
 */
public final class NativeJsonPayloadDecoder {
    /** At most this many metrics per reading. */
    public static final int MAX_METRICS = 64;
    /** Epoch milliseconds below this are seconds (or 1970): refused rather than stored at the wrong time. */
    static final long MIN_EPOCH_MILLIS = 1_000_000_000_000L;

    private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
            .build();

    private final long maxFutureSkewMillis;

    /** @param maxFutureSkewMillis readings stamped further than this after {@code now} are refused */
    public NativeJsonPayloadDecoder(final long maxFutureSkewMillis) {
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    /** @return how far after {@code now} a reading may be stamped, in milliseconds */
    public long maxFutureSkewMillis() {
        return maxFutureSkewMillis;
    }

    /**
     * @param topic    the parsed topic (community, type and id of the reading)
     * @param payload  the payload bytes
     * @param offset   first byte
     * @param length   number of bytes
     * @param nowMillis the gateway's clock, for the future-skew check
     * @return the reading
     * @throws PayloadException naming what is wrong
     */
    public Reading decode(final TelemetryTopic topic, final byte[] payload, final int offset, final int length,
                          final long nowMillis) throws PayloadException {
        if (length == 0) {
            throw new PayloadException("payload is empty; expected a JSON object with ts and metrics");
        }
        long ts = Long.MIN_VALUE;
        long seq = Reading.NO_SEQUENCE;
        Map<String, Double> metrics = null;
        try (JsonParser p = JSON.createParser(payload, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new PayloadException("payload is not a JSON object");
            }
            final java.util.Set<String> seen = new java.util.HashSet<>(4);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String field = p.currentName();
                if (!seen.add(field)) {
                    throw new PayloadException(field + " appears twice");
                }
                p.nextToken();
                switch (field) {
                    case "ts" -> ts = readTimestamp(p);
                    case "seq" -> seq = readSequence(p);
                    case "metrics" -> metrics = readMetrics(p);
                    default -> throw new PayloadException("unknown field '" + field
                            + "'; expected ts, seq and metrics");
                }
            }
            if (p.nextToken() != null) {
                throw new PayloadException("trailing content after the JSON object");
            }
        } catch (final IOException e) {
            throw new PayloadException("payload is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (ts == Long.MIN_VALUE) {
            throw new PayloadException("ts is missing");
        }
        if (metrics == null) {
            throw new PayloadException("metrics is missing");
        }
        if (ts > nowMillis + maxFutureSkewMillis) {
            throw new PayloadException("ts is " + (ts - nowMillis) / 1000 + " s in the future (check the device "
                    + "clock; at most " + maxFutureSkewMillis / 1000 + " s allowed)");
        }
        return new Reading(topic.community(), topic.deviceType(), topic.deviceId(), ts, seq, metrics);
    }

    private static long readTimestamp(final JsonParser p) throws IOException, PayloadException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new PayloadException("ts " + p.getText() + " is too large for epoch milliseconds");
            }
            final long ms = p.getLongValue();
            if (ms < MIN_EPOCH_MILLIS) {
                throw new PayloadException("ts " + ms + " is not epoch milliseconds (seconds or 1970?); "
                        + "send milliseconds or an RFC 3339 string");
            }
            return ms;
        }
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            final String text = p.getText();
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (final DateTimeParseException e) {
                throw new PayloadException("ts '" + text + "' is not an RFC 3339 time with offset");
            }
        }
        throw new PayloadException("ts must be epoch milliseconds or an RFC 3339 string");
    }

    private static long readSequence(final JsonParser p) throws IOException, PayloadException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
            throw new PayloadException("seq must be a non-negative integer");
        }
        return p.getLongValue();
    }

    private static Map<String, Double> readMetrics(final JsonParser p) throws IOException, PayloadException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new PayloadException("metrics must be a JSON object of name: number");
        }
        final Map<String, Double> metrics = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            if (!METRIC_NAME.matcher(name).matches()) {
                throw new PayloadException("metric name '" + name + "' is not lower-case snake case [a-z][a-z0-9_]*");
            }
            if (TelemetrySchema.RESERVED_NAMES.contains(name)) {
                throw new PayloadException("metric name '" + name + "' is reserved by the telemetry store "
                        + TelemetrySchema.RESERVED_NAMES);
            }
            final JsonToken t = p.nextToken();
            final double value = switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE -> 1.0;
                case VALUE_FALSE -> 0.0;
                default -> throw new PayloadException("metrics." + name + " is not a number or boolean");
            };
            if (!Double.isFinite(value)) {
                throw new PayloadException("metrics." + name + " is not a finite number");
            }
            if (metrics.put(name, value) != null) {
                throw new PayloadException("metrics." + name + " appears twice");
            }
            if (metrics.size() > MAX_METRICS) {
                throw new PayloadException("more than " + MAX_METRICS + " metrics");
            }
        }
        if (metrics.isEmpty()) {
            throw new PayloadException("metrics is empty");
        }
        return metrics;
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "unreadable";
        }
        final int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.ingest.PayloadException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns a network server's decoded object (ChirpStack {@code object}, The Things Stack {@code decoded_payload}:
 * the output of the vendor's codec) into our metrics with a field map.
 *
 * <p>Fields the map does not name are ignored (codecs add counters, flags and positions we do not store). A field
 * the map names must give a number: a finite number, a boolean (1/0), a text listed in the mapping's
 * {@code values}, or a text holding a number (codecs quote numbers). Anything else refuses the whole payload, as
 * does an object in which the map finds no field at all. Stateless and thread-safe.
 */
final class DecodedObjectMapper {
    private static final Pattern NUMBER_TEXT = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final String mapKey;
    private final List<FieldMapping> mappings;

    /**
     * @param mapKey   the configuration key of the map, for refusals ({@code ingest.fieldMaps.chirpstack-v4})
     * @param mappings the field map, in order
     */
    DecodedObjectMapper(final String mapKey, final List<FieldMapping> mappings) {
        this.mapKey = mapKey;
        this.mappings = List.copyOf(mappings);
    }

    /**
     * @param object the decoded object
     * @param where  its path in the payload, for refusals ({@code object})
     * @return our metric names to values, never empty
     * @throws PayloadException when a mapped field has no usable value, two fields give one metric, or nothing maps
     */
    Map<String, Double> map(final JsonNode object, final String where) throws PayloadException {
        if (!object.isObject()) {
            throw new PayloadException(where + " must be a JSON object, not " + object.getNodeType());
        }
        final Map<String, Double> metrics = new HashMap<>();
        final Map<String, String> sources = new HashMap<>();
        for (final FieldMapping m : mappings) {
            final JsonNode node = JsonPayloads.at(object, m.field());
            if (node == null) {
                continue;
            }
            final String path = where + "." + m.field();
            final String earlier = sources.putIfAbsent(m.metric(), path);
            if (earlier != null) {
                throw new PayloadException(earlier + " and " + path + " both give " + m.metric()
                        + "; the payload must carry only one of them");
            }
            metrics.put(m.metric(), m.apply(number(node, m, path)));
        }
        if (metrics.isEmpty()) {
            throw new PayloadException(where + " has none of the fields in " + mapKey + " (it has "
                    + fieldNames(object) + ")");
        }
        return metrics;
    }

    private static double number(final JsonNode node, final FieldMapping m, final String path)
            throws PayloadException {
        final double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isBoolean()) {
            value = node.booleanValue() ? 1 : 0;
        } else if (node.isTextual()) {
            value = text(node.asText(), m, path);
        } else {
            throw new PayloadException(path + " is " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not a number, boolean or text");
        }
        if (!Double.isFinite(value)) {
            throw new PayloadException(path + " is not a finite number");
        }
        return value;
    }

    private static double text(final String text, final FieldMapping m, final String path) throws PayloadException {
        final Double known = m.valueOf(text);
        if (known != null) {
            return known;
        }
        if (NUMBER_TEXT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        throw new PayloadException(path + " is '" + text + "', which gives no number for " + m.metric()
                + (m.values().isEmpty() ? "" : "; known texts: " + new TreeSet<>(m.values().keySet())));
    }

    private static String fieldNames(final JsonNode object) {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "no fields" : String.join(", ", names);
    }
}

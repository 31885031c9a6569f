// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.ingest.format.DefaultFieldMaps;
import io.civicpulse.gateway.ingest.format.FieldMapping;
import io.civicpulse.gateway.ingest.format.FormatOptions;
import io.civicpulse.gateway.ingest.format.FormatRoute;
import io.civicpulse.gateway.ingest.format.PayloadFormats;
import io.civicpulse.gateway.ingest.format.SenmlFormat;
import io.civicpulse.gateway.topic.TopicFilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code ingest.formats} (topic filter → payload format) and {@code ingest.fieldMaps} (per format: vendor
 * field or SenML name → our metric). An absent key takes the built-in default ({@link FormatOptions#defaults()});
 * a field map that is set replaces the default map of its format as a whole. Every mistake names the key.
 */
final class PayloadFormatsReader {
    private static final String FORMATS = "ingest.formats";
    private static final String MAPS = "ingest.fieldMaps";
    private static final Set<String> ROUTE_KEYS = Set.of("filter", "format");
    private static final Set<String> MAPPING_KEYS = Set.of("field", "unit", "metric", "scale", "offset", "min",
            "max", "values");

    private PayloadFormatsReader() {
    }

    static FormatOptions read(final ConfigReader r) throws ConfigException {
        final List<FormatRoute> routes = routes(r, r.tree(FORMATS));
        final Map<String, List<FieldMapping>> maps = new HashMap<>(DefaultFieldMaps.ALL);
        final JsonNode node = r.tree(MAPS);
        if (node != null) {
            if (!node.isObject()) {
                throw r.error(MAPS, node.toString(), "a section with a list per format " + PayloadFormats.MAPPED);
            }
            final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                final Map.Entry<String, JsonNode> e = it.next();
                final String key = MAPS + "." + e.getKey();
                if (!PayloadFormats.MAPPED.contains(e.getKey())) {
                    throw r.error(key, e.getKey(), "a format with a field map, one of " + PayloadFormats.MAPPED);
                }
                maps.put(e.getKey(), mappings(r, key, e.getValue(), SenmlFormat.NAME.equals(e.getKey())));
            }
        }
        return new FormatOptions(routes, maps);
    }

    private static List<FormatRoute> routes(final ConfigReader r, final JsonNode node) throws ConfigException {
        if (node == null) {
            return FormatOptions.DEFAULT_ROUTES;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw r.error(FORMATS, node.toString(), "a non-empty list of {filter: ..., format: ...}");
        }
        final List<FormatRoute> routes = new ArrayList<>();
        final Set<String> filters = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            final String at = FORMATS + "[" + i + "]";
            final JsonNode entry = r.section(at, node.get(i), ROUTE_KEYS);
            final String filter = text(r, at + ".filter", entry.get("filter"));
            if (!TopicFilter.isValid(filter) || filter.startsWith("$")) {
                throw r.error(at + ".filter", filter, "an MQTT topic filter (+ for one level, # for the rest, "
                        + "not starting with $)");
            }
            if (!filters.add(filter)) {
                throw r.error(at + ".filter", filter, "a filter not listed before");
            }
            final String format = text(r, at + ".format", entry.get("format"));
            if (!PayloadFormats.NAMES.contains(format)) {
                throw r.error(at + ".format", format, "one of " + PayloadFormats.NAMES);
            }
            routes.add(new FormatRoute(filter, format));
        }
        return routes;
    }

    private static List<FieldMapping> mappings(final ConfigReader r, final String key, final JsonNode node,
                                               final boolean senml) throws ConfigException {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw r.error(key, String.valueOf(node), "a non-empty list of {field: ..., metric: ...}");
        }
        final List<FieldMapping> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            final String at = key + "[" + i + "]";
            final JsonNode e = r.section(at, node.get(i), MAPPING_KEYS);
            if (!senml && e.has("unit")) {
                throw r.error(at + ".unit", e.get("unit").asText(), "no unit: only SenML records carry units");
            }
            try {
                out.add(new FieldMapping(optionalText(r, at + ".field", e.get("field")),
                        optionalText(r, at + ".unit", e.get("unit")), text(r, at + ".metric", e.get("metric")),
                        number(r, at + ".scale", e.get("scale"), 1), number(r, at + ".offset", e.get("offset"), 0),
                        number(r, at + ".min", e.get("min"), Double.NEGATIVE_INFINITY),
                        number(r, at + ".max", e.get("max"), Double.POSITIVE_INFINITY), values(r, at, e)));
            } catch (final IllegalArgumentException ex) {
                throw new ConfigException(r.error(at, e.toString(), "a valid mapping").getMessage() + ": "
                        + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static Map<String, Double> values(final ConfigReader r, final String at, final JsonNode e)
            throws ConfigException {
        final Map<String, Double> out = new LinkedHashMap<>();
        final JsonNode v = e.get("values");
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw r.error(at + ".values", v.toString(), "a section of text: number, e.g. {open: 1, closed: 0}");
        }
        final Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> f = it.next();
            out.put(f.getKey(), number(r, at + ".values." + f.getKey(), f.getValue(), Double.NaN));
        }
        return out;
    }


    private static String text(final ConfigReader r, final String key, final JsonNode node) throws ConfigException {
        final String value = optionalText(r, key, node);
        if (value == null) {
            throw r.error(key, "null", "a value (it is required)");
        }
        return value;
    }

    private static String optionalText(final ConfigReader r, final String key, final JsonNode node)
            throws ConfigException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw r.error(key, node.toString(), "a single value");
        }
        return node.asText();
    }

    private static double number(final ConfigReader r, final String key, final JsonNode node, final double dflt)
            throws ConfigException {
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw r.error(key, node.toString(), "a finite number");
        }
        return node.asDouble();
    }
}

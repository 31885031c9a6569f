// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values from a YAML tree by dotted key, with range checks and environment overrides.
 *
 * <p>Every value may be overridden by an environment variable named {@code CP_} + the key in upper snake case
 * ({@code mqtt.port} → {@code CP_MQTT_PORT}, {@code issues.jdbcUrl} → {@code CP_ISSUES_JDBC_URL}). Every key it
 * reads is remembered, so {@link #requireNoUnknownKeys()} can refuse a misspelt key instead of ignoring it.
 */
final class ConfigReader {
    private final ObjectNode root;
    private final Map<String, String> env;
    private final String source;
    private final Set<String> readKeys = new HashSet<>();

    ConfigReader(final ObjectNode root, final Map<String, String> env, final String source) {
        this.root = root;
        this.env = env;
        this.source = source;
    }

    String string(final String key, final String defaultValue) throws ConfigException {
        final String raw = raw(key);
        return raw == null ? defaultValue : raw;
    }

    /** @return true when the key is written in the configuration file itself (secrets must not be) */
    boolean inFile(final String key) {
        readKeys.add(key);
        final JsonNode node = node(key);
        return node != null && !node.isNull();
    }

    /** @return the environment variable's value (after command-line overrides), or null when unset */
    String environment(final String name) {
        return env.get(name);
    }

    int intIn(final String key, final int defaultValue, final int min, final int max) throws ConfigException {
        final String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        final int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (final NumberFormatException e) {
            throw error(key, raw, "a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw error(key, raw, "a whole number from " + min + " to " + max);
        }
        return value;
    }

    boolean bool(final String key, final boolean defaultValue) throws ConfigException {
        final String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(key, raw, "true or false");
        };
    }

    double doubleIn(final String key, final double defaultValue, final double min, final double max)
            throws ConfigException {
        final String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            final double value = Double.parseDouble(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (final NumberFormatException e) {
            // reported below with the expected range
        }
        throw error(key, raw, "a number from " + min + " to " + max);
    }

    /** Sizes are written in bytes or with a binary unit: {@code 65536}, {@code 64KiB}, {@code 512MiB}, {@code 1GiB}. */
    long bytes(final String key, final long defaultValue, final long min, final long max) throws ConfigException {
        final String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        final long value = ByteSizeText.parse(raw);
        if (value < min || value > max) {
            throw error(key, raw, "a size from " + ByteSizeText.format(min) + " to " + ByteSizeText.format(max)
                    + " written like 65536, 64KiB, 512MiB or 1GiB");
        }
        return value;
    }

    /** Durations are written {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 1d}. */
    Duration duration(final String key, final Duration defaultValue, final Duration min) throws ConfigException {
        final String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        final Duration value = DurationText.parse(raw);
        if (value == null || value.compareTo(min) < 0) {
            throw error(key, raw, "a duration of at least " + DurationText.format(min)
                    + " written like 500ms, 30s, 10m, 2h or 1d");
        }
        return value;
    }

    ZoneId zone(final String key, final ZoneId defaultValue) throws ConfigException {
        final String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return ZoneId.of(raw.trim());
        } catch (final RuntimeException e) {
            throw error(key, raw, "a time-zone id such as Asia/Shanghai");
        }
    }

    /** A daily window written {@code HH:MM-HH:MM}; returns {@code [from, until]}. */
    LocalTime[] window(final String key, final String defaultValue) throws ConfigException {
        final String raw = string(key, defaultValue);
        final String[] parts = raw.split("-", -1);
        try {
            if (parts.length == 2) {
                final LocalTime until = "24:00".equals(parts[1].trim()) ? LocalTime.MIDNIGHT
                        : LocalTime.parse(parts[1].trim());
                return new LocalTime[] {LocalTime.parse(parts[0].trim()), until};
            }
        } catch (final RuntimeException e) {
            // reported below
        }
        throw error(key, raw, "a daily window written HH:MM-HH:MM, e.g. 18:00-06:00");
    }

    List<String> stringList(final String key) throws ConfigException {
        readKeys.add(key);
        final JsonNode node = node(key);
        final List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw error(key, node.toString(), "a list of strings");
        }
        for (final JsonNode item : node) {
            out.add(item.asText());
        }
        return out;
    }

    /**
     * A whole section or list, for readers that validate its inside themselves; environment variables do not
     * override it.
     *
     * @param key dotted key
     * @return the node, or null when the key is absent or null
     */
    JsonNode tree(final String key) {
        readKeys.add(key);
        final JsonNode node = node(key);
        return node == null || node.isNull() ? null : node;
    }

    /** Like {@link #stringList(String)}, but a key that is absent (or null) gives {@code defaultValue}. */
    List<String> stringList(final String key, final List<String> defaultValue) throws ConfigException {
        final List<String> value = stringList(key);
        final JsonNode node = node(key);
        return node == null || node.isNull() ? defaultValue : value;
    }

    /** Fails on any key in the file that no reader asked for: a typo must not silently fall back to a default. */
    void requireNoUnknownKeys() throws ConfigException {
        final List<String> unknown = new ArrayList<>();
        collectUnknown(root, "", unknown);
        if (!unknown.isEmpty()) {
            throw new ConfigException(source + ": unknown configuration key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (see config/gateway.yaml for every key)");
        }
    }

    /**
     * A list entry or sub-section that must be an object with only the given keys (misspelt keys are errors).
     *
     * @param at   the entry's key path, for messages
     * @return {@code node}
     * @throws ConfigException naming the entry or the unknown key
     */
    JsonNode section(final String at, final JsonNode node, final Set<String> keys) throws ConfigException {
        if (!node.isObject()) {
            throw error(at, node.toString(), "a section with the keys " + keys);
        }
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!keys.contains(name)) {
                throw error(at + "." + name, node.get(name).toString(), "no such key; expected " + keys);
            }
        }
        return node;
    }

    ConfigException error(final String key, final String value, final String expected) {
        return new ConfigException(source + ": " + key + ": '" + value + "' is not valid; expected " + expected);
    }

    private void collectUnknown(final JsonNode node, final String prefix, final List<String> out) {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (readKeys.contains(key)) {
                continue;
            }
            if (field.getValue().isObject() && isPrefixOfReadKey(key)) {
                collectUnknown(field.getValue(), key, out);
            } else {
                out.add(key);
            }
        }
    }

    private boolean isPrefixOfReadKey(final String key) {
        final String dotted = key + ".";
        return readKeys.stream().anyMatch(k -> k.startsWith(dotted));
    }

    private String raw(final String key) throws ConfigException {
        readKeys.add(key);
        final String fromEnv = env.get(envName(key));
        if (fromEnv != null) {
            return fromEnv;
        }
        final JsonNode node = node(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw error(key, node.toString(), "a single value, not a section");
        }
        return node.asText();
    }

    private JsonNode node(final String key) {
        JsonNode node = root;
        for (final String part : key.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    static String envName(final String key) {
        return "CP_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_')
                .toUpperCase(java.util.Locale.ROOT);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed reads from a YAML tree that collect a problem (key path, value, expectation) instead of throwing, so one
 * run reports every mistake in the file. Not thread-safe; one instance per load.
 */
final class PolicyReader {
    private final List<String> problems = new ArrayList<>();

    void problem(final String path, final String message) {
        problems.add(path + ": " + message);
    }

    List<String> problems() {
        return problems;
    }

    /** Reports keys of {@code node} not in {@code known}: a misspelt key must not be silently ignored. */
    void allowOnly(final JsonNode node, final String path, final Set<String> known) {
        for (final Map.Entry<String, JsonNode> property : node.properties()) {
            final String name = property.getKey();
            if (!known.contains(name)) {
                problem(join(path, name), "unknown key (known: " + known.stream().sorted()
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /** @return the mapping under {@code key}, or null (with a problem if required or not a mapping) */
    JsonNode object(final JsonNode parent, final String key, final String path, final boolean required) {
        final JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                problem(join(path, key), "missing (expected a mapping)");
            }
            return null;
        }
        if (!node.isObject()) {
            problem(join(path, key), "'" + node.asText() + "' is not a mapping of keys to values");
            return null;
        }
        return node;
    }

    /** @return the trimmed scalar text under {@code key}, or null (with a problem if required or not a scalar) */
    String text(final JsonNode parent, final String key, final String path, final boolean required) {
        final JsonNode node = parent.get(key);
        final String at = join(path, key);
        if (node == null || node.isNull() || node.isValueNode() && node.asText().isBlank()) {
            if (required) {
                problem(at, "missing (expected a value)");
            }
            return null;
        }
        if (!node.isValueNode()) {
            problem(at, "expected a single value, found a " + (node.isArray() ? "list" : "mapping"));
            return null;
        }
        return node.asText().trim();
    }

    /** @return the scalar items of the list under {@code key}; empty if absent; problems for non-scalar items */
    List<String> list(final JsonNode parent, final String key, final String path) {
        final JsonNode node = parent.get(key);
        final List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problem(join(path, key), "'" + node.asText() + "' is not a list (write [a, b] or one '- a' per line)");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isValueNode()) {
                out.add(node.get(i).asText().trim());
            } else {
                problem(join(path, key) + "[" + i + "]", "expected a single value");
            }
        }
        return out;
    }

    <E extends Enum<E>> E enumValue(final JsonNode parent, final String key, final String path,
                                    final Class<E> type) {
        final String raw = text(parent, key, path, true);
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            problem(join(path, key), "'" + raw + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
            return null;
        }
    }

    TimeLimit limit(final JsonNode parent, final String key, final String path, final boolean required) {
        final String raw = text(parent, key, path, false);
        if (raw == null) {
            if (required) {
                problem(join(path, key), "missing (expected " + TimeLimit.EXPECTED + ")");
            }
            return null;
        }
        final TimeLimit limit = TimeLimit.parse(raw);
        if (limit == null) {
            problem(join(path, key), "'" + raw + "' is not " + TimeLimit.EXPECTED);
        }
        return limit;
    }

    static String join(final String path, final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

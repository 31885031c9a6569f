// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The payload formats of one gateway: which topic filter speaks which format ({@code ingest.formats}, first match
 * wins) and the field map of each format that needs one ({@code ingest.fieldMaps}). Immutable.
 *
 * @param routes    filters and formats, in order of precedence; never null
 * @param fieldMaps format name to its field map, for each of {@link PayloadFormats#MAPPED}; never null
 */
public record FormatOptions(List<FormatRoute> routes, Map<String, List<FieldMapping>> fieldMaps) {

    /** The routes used when {@code ingest.formats} is not set. */
    public static final List<FormatRoute> DEFAULT_ROUTES = List.of(
            new FormatRoute("cp/+/+/+/telemetry", NativeJsonFormat.NAME),
            new FormatRoute("cp/+/+/+/senml", SenmlFormat.NAME),
            new FormatRoute("application/+/device/+/event/up", ChirpStackV4Format.NAME),
            new FormatRoute("v3/+/devices/+/up", TtnV3Format.NAME));

    /** @throws NullPointerException when a part is null */
    public FormatOptions {
        routes = List.copyOf(Objects.requireNonNull(routes, "routes must not be null."));
        final Map<String, List<FieldMapping>> copy = new HashMap<>();
        Objects.requireNonNull(fieldMaps, "fieldMaps must not be null.").forEach((f, m) -> copy.put(f, List.copyOf(m)));
        fieldMaps = Map.copyOf(copy);
    }

    /** @return the default routes with the default field maps */
    public static FormatOptions defaults() {
        return new FormatOptions(DEFAULT_ROUTES, DefaultFieldMaps.ALL);
    }

    /**
     * @param format a format name
     * @return its field map, or an empty list when it has none
     */
    public List<FieldMapping> fieldMap(final String format) {
        return fieldMaps.getOrDefault(format, List.of());
    }
}

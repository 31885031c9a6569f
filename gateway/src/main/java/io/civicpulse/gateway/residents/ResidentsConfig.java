// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.civicpulse.gateway.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settings of resident reports, the public view and Open311 ({@code config/residents.yaml}, next to the governance
 * policy; optional: without the file every default applies). Immutable.
 *
 * @param maxTextChars   longest report text in characters; default {@value #DEFAULT_MAX_TEXT}
 * @param maxPhotoBytes  largest photo in bytes (decoded); default {@value #DEFAULT_MAX_PHOTO}
 * @param mergeWindowDays only issues opened within this many days take merged reports; default 30 [proposed]
 * @param groups         per category group (streetlight, waste, gate): merge radius and public precision
 * @param open311        Open311 endpoint settings
 */
public record ResidentsConfig(int maxTextChars, int maxPhotoBytes, int mergeWindowDays,
                              Map<String, GroupSettings> groups, Open311Settings open311) {
    /** Default longest report text. */
    public static final int DEFAULT_MAX_TEXT = 2000;
    /** Default largest photo: 512 KiB keeps a base64 body under the HTTP server's 1 MB request limit. */
    public static final int DEFAULT_MAX_PHOTO = 512 * 1024;
    /** Largest accepted photo limit: the HTTP server refuses bodies over 1 MB anyway. */
    static final int MAX_PHOTO_LIMIT = 700 * 1024;
    /** GOVERNANCE.md §2.6: smaller radii for point assets (30–50 m), same compound for gates; FMS uses 250 m. */
    static final GroupSettings FALLBACK_GROUP = new GroupSettings(250, 3);

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** @throws IllegalArgumentException if a value is out of range */
    public ResidentsConfig {
        maxTextChars = orDefault(maxTextChars, DEFAULT_MAX_TEXT);
        maxPhotoBytes = orDefault(maxPhotoBytes, DEFAULT_MAX_PHOTO);
        mergeWindowDays = orDefault(mergeWindowDays, 30);
        require(maxTextChars >= 10 && maxTextChars <= 4000, "maxTextChars", maxTextChars, "10..4000");
        require(maxPhotoBytes <= MAX_PHOTO_LIMIT, "maxPhotoBytes", maxPhotoBytes, "1.." + MAX_PHOTO_LIMIT);
        require(mergeWindowDays <= 365, "mergeWindowDays", mergeWindowDays, "1..365");
        groups = Map.copyOf(groups == null ? defaultGroups() : groups);
        open311 = open311 == null ? new Open311Settings(false, List.of(), null, null) : open311;
    }

    /**
     * Merge radius and public location precision of one category group.
     *
     * @param mergeRadiusMetres a report within this distance of an open issue of the same category merges into it,
     *                          and snaps to the nearest registered asset of the group within it (1..1000)
     * @param publicDecimals    decimals of lat/long shown for report locations near homes: 3 ≈ 110 m (0..5)
     */
    public record GroupSettings(@JsonProperty("mergeRadiusMetres") int mergeRadiusMetres,
                                @JsonProperty("publicDecimals") int publicDecimals) {
        /** @throws IllegalArgumentException if a value is out of range */
        public GroupSettings {
            require(mergeRadiusMetres >= 1 && mergeRadiusMetres <= 1000, "mergeRadiusMetres", mergeRadiusMetres,
                    "1..1000");
            require(publicDecimals >= 0 && publicDecimals <= 5, "publicDecimals", publicDecimals, "0..5");
        }
    }

    /**
     * @param requireApiKey  whether POST requests.{fmt} needs an {@code api_key}
     * @param apiKeyHashes   bcrypt hashes of accepted API keys (never the keys themselves)
     * @param contact        discovery {@code contact}, or null for a default
     * @param keyService     discovery {@code key_service}, or null for a default
     */
    public record Open311Settings(boolean requireApiKey, List<String> apiKeyHashes, String contact,
                                  String keyService) {
        /** @throws IllegalArgumentException if keys are required but none is configured */
        public Open311Settings {
            apiKeyHashes = List.copyOf(apiKeyHashes == null ? List.of() : apiKeyHashes);
            require(!requireApiKey || !apiKeyHashes.isEmpty(), "open311.apiKeyHashes", apiKeyHashes.size(),
                    "at least one bcrypt hash when open311.requireApiKey is true");
            contact = contact == null ? "CivicPulse community platform operator" : contact;
            keyService = keyService == null ? "Ask the platform operator for an API key" : keyService;
        }
    }

    /** @return every default (no file) */
    public static ResidentsConfig defaults() {
        return new ResidentsConfig(0, 0, 0, null, null);
    }

    /**
     * @param file the YAML file; when it does not exist the defaults apply
     * @return the settings
     * @throws ConfigException naming the file and the problem
     */
    public static ResidentsConfig load(final Path file) throws ConfigException {
        if (!Files.exists(file)) {
            return defaults();
        }
        try {
            return YAML.readValue(file.toFile(), ResidentsConfig.class);
        } catch (final JsonMappingException e) {
            final String where = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(Collectors.joining("."));
            throw new ConfigException(file + ": " + where + ": " + rootMessage(e), e);
        } catch (final IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * @param group a category group
     * @return its settings, or a 250 m / 3 decimals fallback
     */
    public GroupSettings group(final String group) {
        return groups.getOrDefault(group, FALLBACK_GROUP);
    }

    private static Map<String, GroupSettings> defaultGroups() {
        return Map.of("streetlight", new GroupSettings(50, 3), "waste", new GroupSettings(50, 3),
                "gate", new GroupSettings(150, 3));
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof JsonMappingException m ? m.getOriginalMessage() : t.getMessage();
    }

    private static int orDefault(final int value, final int fallback) {
        return value == 0 ? fallback : value;
    }

    private static void require(final boolean ok, final String key, final Object value, final String expected) {
        if (!ok) {
            throw new IllegalArgumentException(key + " = " + value + " is not valid; expected " + expected);
        }
    }
}

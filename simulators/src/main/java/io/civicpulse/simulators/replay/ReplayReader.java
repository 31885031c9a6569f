// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads recorded telemetry: JSONL ({@code {"device":"bin-001","ts":1764266400000,"metrics":{"fill_pct":93.5}}} per
 * line, {@code ts} in epoch ms or ISO-8601) or CSV with a header {@code ts,device,<metric>,<metric>...} (empty
 * cells are metrics the reading lacks). What the gateway's own readings export looks like, and what
 * {@code GET /api/devices/{id}/readings} returns, flattened. Errors name the file and the line.
 */
public final class ReplayReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayReader() {
    }

    /**
     * All records of {@code file}, oldest first (stable for equal times). The format follows the extension:
     * {@code .csv} is CSV, anything else JSONL.
     *
     * @throws IllegalArgumentException naming the file, the line and the problem
     * @throws IOException if the file cannot be read
     */
    public static List<ReplayRecord> read(final Path file) throws IOException {
        final List<ReplayRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final boolean csv = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
            String[] header = null;
            String text;
            int line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                try {
                    if (!csv) {
                        records.add(jsonLine(text, line));
                    } else if (header == null) {
                        header = csvHeader(text);
                    } else {
                        records.add(csvLine(header, text, line));
                    }
                } catch (final IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + line + ": " + e.getMessage());
                }
            }
        }
        records.sort(Comparator.comparingLong(ReplayRecord::epochMillis));
        return records;
    }

    private static ReplayRecord jsonLine(final String text, final int line) {
        final JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (final IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage().split("\n")[0]);
        }
        if (!node.path("device").isTextual() || !node.path("metrics").isObject() || node.path("metrics").isEmpty()) {
            throw new IllegalArgumentException("expected {\"device\": ID, \"ts\": TIME, \"metrics\": {NAME: NUMBER}}");
        }
        final Map<String, Number> metrics = new LinkedHashMap<>();
        node.path("metrics").fields().forEachRemaining(field -> {
            if (!field.getValue().isNumber()) {
                throw new IllegalArgumentException("metric '" + field.getKey() + "' is not a number");
            }
            metrics.put(field.getKey(), field.getValue().numberValue());
        });
        return new ReplayRecord(time(node.path("ts").asText()), node.path("device").asText(), metrics, line);
    }

    private static String[] csvHeader(final String text) {
        final String[] header = text.split(",", -1);
        if (header.length < 3 || !"ts".equals(header[0].trim()) || !"device".equals(header[1].trim())) {
            throw new IllegalArgumentException("the CSV header must be ts,device,<metric>[,<metric>...], was '"
                    + text + "'");
        }
        return header;
    }

    private static ReplayRecord csvLine(final String[] header, final String text, final int line) {
        final String[] cells = text.split(",", -1);
        if (cells.length != header.length) {
            throw new IllegalArgumentException("expected " + header.length + " cells like the header, found "
                    + cells.length);
        }
        final Map<String, Number> metrics = new LinkedHashMap<>();
        for (int i = 2; i < cells.length; i++) {
            final String cell = cells[i].trim();
            if (!cell.isEmpty()) {
                try {
                    metrics.put(header[i].trim(), Double.parseDouble(cell));
                } catch (final NumberFormatException e) {
                    throw new IllegalArgumentException("column '" + header[i].trim() + "': '" + cell
                            + "' is not a number");
                }
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a reading needs at least one metric");
        }
        return new ReplayRecord(time(cells[0].trim()), cells[1].trim(), metrics, line);
    }

    private static long time(final String text) {
        if (text.matches("\\d{1,15}")) {
            return Long.parseLong(text);
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is neither epoch milliseconds nor ISO-8601 such"
                    + " as 2026-11-27T10:00:00Z");
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the analysis API: named columns and rows, rendered as JSON ({@code {"columns": [...], "rows":
 * [{column: value}]}} plus the answer's parameters) or as CSV (RFC 4180, a header line, then the rows).
 *
 * @param columns column names, in order
 * @param rows    rows, each with one value per column (numbers, strings, instants, booleans or null)
 */
public record AnalysisTable(List<String> columns, List<List<Object>> rows) {
    /** Copies both lists; rows may hold nulls. */
    public AnalysisTable {
        columns = List.copyOf(columns);
        final List<List<Object>> copy = new ArrayList<>(rows.size());
        for (final List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " does not have " + columns.size() + " values");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }

    /**
     * @param parameters what the answer is about (range, bucket, thresholds), put before the rows
     * @return the JSON body
     */
    public Map<String, Object> toJson(final Map<String, Object> parameters) {
        final Map<String, Object> body = new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters"));
        body.put("columns", columns);
        final List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (final List<Object> row : rows) {
            final Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), row.get(i));
            }
            out.add(m);
        }
        body.put("rows", out);
        return body;
    }

    /** @return the CSV text, header first; nulls as empty fields */
    public String toCsv() {
        final StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder()
                .setHeader(columns.toArray(String[]::new)).build())) {
            for (final List<Object> row : rows) {
                csv.printRecord(row);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

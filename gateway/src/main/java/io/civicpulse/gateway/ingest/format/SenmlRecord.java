// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

/**
 * One SenML record after the base fields are applied (RFC 8428 §4.6, "resolved"), with its time in epoch
 * milliseconds.
 *
 * @param index      position in the pack, from 0, for refusals
 * @param name       base name + name, never empty
 * @param unit       unit ({@code u}, else the base unit), or null
 * @param kind       which value field the record carries
 * @param number     the value for {@link Kind#NUMBER} (base value added) and {@link Kind#SUM} (base sum added)
 * @param text       the value for {@link Kind#STRING} and {@link Kind#DATA}, else null
 * @param flag       the value for {@link Kind#BOOLEAN}
 * @param timeMillis base time + time, relative times resolved against the gateway clock
 */
record SenmlRecord(int index, String name, String unit, Kind kind, double number, String text, boolean flag,
                   long timeMillis) {

    /** The value field of a record. */
    enum Kind {
        /** {@code v}. */
        NUMBER,
        /** {@code vb}. */
        BOOLEAN,
        /** {@code vs}. */
        STRING,
        /** {@code vd}. */
        DATA,
        /** Only {@code s}, no value field. */
        SUM
    }

    /** @return {@code record 3 ('urn:dev:ow:10e2073a01080063:temp')}, for refusals */
    String describe() {
        return "record " + index + " ('" + name + "')";
    }
}

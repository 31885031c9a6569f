// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.ingest.PayloadException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves a SenML JSON pack (RFC 8428): applies base name, base time, base unit, base value and base sum to each
 * record in order (§4.6), turns times in seconds (with fractions) into epoch milliseconds, relative times (below
 * 2^28 s, §4.5.3) against the gateway clock, and refuses what the RFC does not allow: no name, a name with other
 * characters than §4.5.1 allows, no value, two values, a {@code bver} above 10 or an unknown field ending in
 * {@code _} (§4.4, "must understand"). Other unknown fields are ignored, as §4.4 asks. Stateless.
 */
final class SenmlPackResolver {
    /** The SenML version this resolver implements (RFC 8428 §4.4). */
    static final int VERSION = 10;

    private static final Set<String> KNOWN = Set.of("bn", "bt", "bu", "bv", "bs", "bver", "n", "u", "v", "vs",
            "vb", "vd", "s", "t", "ut");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:./_-]*");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal RELATIVE_BELOW = BigDecimal.valueOf(1L << 28);
    /** 9999-12-31T23:59:59Z: later times are refused rather than overflowing. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(253_402_300_799L);

    private SenmlPackResolver() {
    }

    /**
     * @param pack      the parsed payload
     * @param nowMillis the gateway clock, for relative and absent times
     * @return the resolved records in pack order
     * @throws PayloadException naming the record and what is wrong
     */
    static List<SenmlRecord> resolve(final JsonNode pack, final long nowMillis) throws PayloadException {
        if (!pack.isArray() || pack.isEmpty()) {
            throw new PayloadException("payload is not a SenML pack: expected a non-empty JSON array of records "
                    + "(RFC 8428 §4)");
        }
        final List<SenmlRecord> out = new ArrayList<>(pack.size());
        String baseName = "";
        String baseUnit = null;
        BigDecimal baseTime = BigDecimal.ZERO;
        double baseValue = 0;
        double baseSum = 0;
        for (int i = 0; i < pack.size(); i++) {
            final JsonNode r = pack.get(i);
            final String at = "record " + i;
            checkFields(r, at);
            baseName = r.has("bn") ? text(r, "bn", at) : baseName;
            baseUnit = r.has("bu") ? text(r, "bu", at) : baseUnit;
            baseTime = r.has("bt") ? decimal(r, "bt", at) : baseTime;
            baseValue = r.has("bv") ? decimal(r, "bv", at).doubleValue() : baseValue;
            baseSum = r.has("bs") ? decimal(r, "bs", at).doubleValue() : baseSum;
            final String name = baseName + (r.has("n") ? text(r, "n", at) : "");
            if (name.isEmpty()) {
                throw new PayloadException(at + " has no name: neither bn (on it or an earlier record) nor n");
            }
            if (!NAME.matcher(name).matches()) {
                throw new PayloadException(at + ": name '" + name + "' may hold only letters, digits and - : . / _ "
                        + "and must start with a letter or digit (RFC 8428 §4.5.1)");
            }
            final String unit = r.has("u") ? text(r, "u", at) : baseUnit;
            final BigDecimal seconds = baseTime.add(r.has("t") ? decimal(r, "t", at) : BigDecimal.ZERO);
            out.add(value(r, i, name, unit, millis(seconds, nowMillis, at), baseValue, baseSum));
        }
        return out;
    }

    private static void checkFields(final JsonNode r, final String at) throws PayloadException {
        if (!r.isObject()) {
            throw new PayloadException(at + " is not a JSON object");
        }
        final Iterator<String> names = r.fieldNames();
        while (names.hasNext()) {
            final String f = names.next();
            if (!KNOWN.contains(f) && f.endsWith("_")) {
                throw new PayloadException(at + ": field '" + f + "' must be understood (RFC 8428 §4.4) and this "
                        + "gateway does not know it");
            }
        }
        if (r.has("bver")) {
            final JsonNode v = r.get("bver");
            if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > VERSION) {
                throw new PayloadException(at + ": bver " + v + " is not a SenML version from 1 to " + VERSION);
            }
        }
    }

    private static SenmlRecord value(final JsonNode r, final int i, final String name, final String unit,
                                     final long time, final double baseValue, final double baseSum)
            throws PayloadException {
        final String at = "record " + i + " ('" + name + "')";
        final int count = (r.has("v") ? 1 : 0) + (r.has("vs") ? 1 : 0) + (r.has("vb") ? 1 : 0)
                + (r.has("vd") ? 1 : 0);
        if (count > 1) {
            throw new PayloadException(at + " has more than one of v, vs, vb and vd (RFC 8428 §4.2)");
        }
        if (r.has("v")) {
            return new SenmlRecord(i, name, unit, SenmlRecord.Kind.NUMBER,
                    finite(baseValue + decimal(r, "v", at).doubleValue(), at), null, false, time);
        }
        if (r.has("vb")) {
            if (!r.get("vb").isBoolean()) {
                throw new PayloadException(at + ": vb must be true or false, not " + r.get("vb"));
            }
            return new SenmlRecord(i, name, unit, SenmlRecord.Kind.BOOLEAN, 0, null, r.get("vb").asBoolean(), time);
        }
        if (r.has("vs") || r.has("vd")) {
            final boolean data = r.has("vd");
            return new SenmlRecord(i, name, unit, data ? SenmlRecord.Kind.DATA : SenmlRecord.Kind.STRING, 0,
                    text(r, data ? "vd" : "vs", at), false, time);
        }
        if (r.has("s")) {
            return new SenmlRecord(i, name, unit, SenmlRecord.Kind.SUM,
                    finite(baseSum + decimal(r, "s", at).doubleValue(), at), null, false, time);
        }
        throw new PayloadException(at + " has no value: none of v, vs, vb, vd or s (RFC 8428 §4.2)");
    }

    private static long millis(final BigDecimal seconds, final long nowMillis, final String at)
            throws PayloadException {
        if (seconds.abs().compareTo(MAX_SECONDS) > 0) {
            throw new PayloadException(at + ": time " + seconds.toPlainString() + " s is out of range");
        }
        // Half a millisecond rounds towards the future, also for negative (relative) times.
        final long ms = seconds.movePointRight(3).add(HALF).setScale(0, RoundingMode.FLOOR).longValueExact();
        // RFC 8428 §4.5.3: values below 2^28 are relative to now (0 = now, negative = in the past).
        return seconds.compareTo(RELATIVE_BELOW) < 0 ? nowMillis + ms : ms;
    }

    private static String text(final JsonNode r, final String field, final String at) throws PayloadException {
        if (!r.get(field).isTextual()) {
            throw new PayloadException(at + ": " + field + " must be a string, not " + r.get(field));
        }
        return r.get(field).asText();
    }

    private static BigDecimal decimal(final JsonNode r, final String field, final String at)
            throws PayloadException {
        if (!r.get(field).isNumber()) {
            throw new PayloadException(at + ": " + field + " must be a number, not " + r.get(field));
        }
        return r.get(field).decimalValue();
    }

    private static double finite(final double value, final String at) throws PayloadException {
        if (!Double.isFinite(value)) {
            throw new PayloadException(at + ": the value is not a finite number");
        }
        return value;
    }
}

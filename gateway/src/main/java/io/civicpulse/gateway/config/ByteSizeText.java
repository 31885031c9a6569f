// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-written sizes in binary units: {@code 65536}, {@code 64KiB}, {@code 512MiB}, {@code 1GiB}, {@code 2TiB}. */
public final class ByteSizeText {
    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,12})\\s*(B|KiB|MiB|GiB|TiB)?\\s*");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSizeText() {
    }

    /**
     * @param text the written size
     * @return the size in bytes, or -1 when the text is not a whole number with an optional unit
     *     {@code B|KiB|MiB|GiB|TiB} or overflows
     */
    public static long parse(final String text) {
        final Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        final long n = Long.parseLong(m.group(1));
        final String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = 0;
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                shift = 10 * i;
            }
        }
        if (Long.numberOfLeadingZeros(n) <= shift) {
            return -1;
        }
        return n << shift;
    }

    /** @return the shortest exact text for the size, e.g. {@code 1GiB} */
    public static String format(final long bytes) {
        int unit = 0;
        long n = bytes;
        while (unit < UNITS.length - 1 && n != 0 && n % 1024 == 0) {
            n /= 1024;
            unit++;
        }
        return unit == 0 ? Long.toString(n) : n + UNITS[unit];
    }
}

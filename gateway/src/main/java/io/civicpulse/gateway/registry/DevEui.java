// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A LoRaWAN DevEUI (EUI-64) written as 16 hexadecimal digits. Network servers disagree on case: ChirpStack writes
 * it lower-case in topics ({@code 0101010101010101}), The Things Stack upper-case ({@code 0004A30B001C0530}); the
 * gateway compares the lower-case form.
 */
public final class DevEui {
    private static final Pattern HEX16 = Pattern.compile("[0-9A-Fa-f]{16}");

    private DevEui() {
    }

    /**
     * @param text a DevEUI as written, may be null
     * @return the lower-case form, or null when {@code text} is not 16 hexadecimal digits
     */
    public static String normalize(final String text) {
        if (text == null || !HEX16.matcher(text).matches()) {
            return null;
        }
        return text.toLowerCase(Locale.ROOT);
    }
}

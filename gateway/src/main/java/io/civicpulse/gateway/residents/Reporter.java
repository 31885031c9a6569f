// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

/**
 * Who reported, if they said: personal information (PIPL). Stored for staff only; never in any public or Open311
 * payload, log line or timeline note.
 *
 * @param name  name, or null
 * @param phone phone number, or null
 * @param email e-mail address, or null
 */
public record Reporter(String name, String phone, String email) {
    /** Nobody given. */
    public static final Reporter ANONYMOUS = new Reporter(null, null, null);

    @Override
    public String toString() {
        // Keeps identity out of logs and exception messages that print records.
        return "Reporter[redacted]";
    }
}

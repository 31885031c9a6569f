// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The passwords of simulated devices, derived from the seed and the device id.
 *
 * <p>Deterministic on purpose, so {@code fleet --seed 42} knows the secrets whose bcrypt hashes
 * {@code registry --seed 42} wrote. Anyone who knows the seed knows every password: these are simulated
 * credentials only and must never be given to real devices.
 */
public final class DeviceSecrets {

    private static final int SECRET_HEX_CHARS = 32;

    private DeviceSecrets() {
    }

    /** First 32 hex characters (128 bits) of SHA-256({@code "civicpulse-sim:" + seed + ":" + deviceId}). */
    public static String secret(final long seed, final String deviceId) {
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            final byte[] digest = sha256.digest(("civicpulse-sim:" + seed + ":" + deviceId)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, SECRET_HEX_CHARS);
        } catch (final NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256 (java.security.MessageDigest javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The LoRaWAN DevEUI of a simulated device: 16 hex digits of SHA-256({@code "civicpulse-deveui:" + seed + ":"
     * + deviceId}), so {@code registry --lorawan} and a fleet publishing uplinks agree.
     */
    public static String devEui(final long seed, final String deviceId) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(("civicpulse-deveui:" + seed + ":"
                    + deviceId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

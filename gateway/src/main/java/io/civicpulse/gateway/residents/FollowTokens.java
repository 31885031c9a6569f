// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Follow tokens: 256 random bits, returned once to the reporter, stored only as a SHA-256 hash. A fast hash is
 * right here (unlike passwords): the token is random, not chosen by a person, so it cannot be guessed from a
 * leaked hash, and an unsalted hash lets the store look the token up by an index. Thread-safe.
 */
public final class FollowTokens {
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private FollowTokens() {
    }

    /** @return a new token: 43 URL-safe characters */
    public static String newToken() {
        final byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param token a token as given by the reporter, never null
     * @return its SHA-256 hash in lower-case hex (64 characters)
     */
    public static String hash(final String token) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * @param token text from a URL
     * @return true if it has the shape of a token (cheap check before any database lookup)
     */
    public static boolean looksValid(final String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '-' || c == '_');
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.auth;

import java.time.Instant;

/**
 * A freshly issued bearer token; the only time the plain token exists outside the caller. Immutable.
 *
 * @param token     the bearer token (send as {@code Authorization: Bearer <token>})
 * @param expiresAt when it stops working
 * @param username  the user
 * @param bodyId    the user's body
 * @param role      the user's role
 */
public record IssuedToken(String token, Instant expiresAt, String username, String bodyId, Role role) {
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.auth;

import java.util.Objects;

/**
 * Who performs a workflow command: a signed-in user of a body, or the platform. Immutable.
 *
 * @param username user name (never shown publicly), never null
 * @param bodyId   the body the user acts for, never null
 * @param role     the role, never null
 */
public record Actor(String username, String bodyId, Role role) {
    /** @throws NullPointerException if a component is null */
    public Actor {
        Objects.requireNonNull(username, "username must not be null.");
        Objects.requireNonNull(bodyId, "bodyId must not be null.");
        Objects.requireNonNull(role, "role must not be null.");
    }

    /**
     * @param platformBodyId the policy's platform body
     * @return the actor of automatic steps
     */
    public static Actor platform(final String platformBodyId) {
        return new Actor("platform", platformBodyId, Role.PLATFORM);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the policy fixtures in {@code src/test/resources/governance}. */
public final class TestPolicies {
    private TestPolicies() {
    }

    /**
     * @return the small valid test policy ({@code governance/valid.yaml})
     * @throws PolicyException if it does not load (a broken fixture)
     */
    public static GovernancePolicy valid() throws PolicyException {
        return load("valid.yaml");
    }

    /**
     * @param name fixture file name in {@code governance/}
     * @return the policy
     * @throws PolicyException if it is invalid
     */
    public static GovernancePolicy load(final String name) throws PolicyException {
        try (InputStream in = TestPolicies.class.getClassLoader().getResourceAsStream("governance/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture governance/" + name);
            }
            return GovernancePolicy.load(in, name);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

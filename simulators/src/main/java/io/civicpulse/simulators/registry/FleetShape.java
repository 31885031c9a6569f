// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import java.util.regex.Pattern;

/**
 * Which devices a simulated community has. Together with the seed this fixes every id, position and
 * secret, so {@code registry} and {@code fleet} run with the same options agree on the credentials.
 *
 * @param seed the fleet seed
 * @param streetlights number of streetlights, 0 or more
 * @param bins number of waste bins, 0 or more
 * @param gates number of access gates, 0 or more
 * @param community the community id used in topics; lower-case letters, digits and {@code -}
 */
public record FleetShape(long seed, int streetlights, int bins, int gates, String community) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_STREETLIGHTS = 50;
    public static final int DEFAULT_BINS = 50;
    public static final int DEFAULT_GATES = 10;
    public static final String DEFAULT_COMMUNITY = "lakeside";
    /** A safe topic segment (no {@code /}, {@code +}, {@code #}); the same rule the gateway's registry applies. */
    public static final Pattern COMMUNITY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Upper bound per type; ids stay short and the registry stays loadable. */
    public static final int MAX_PER_TYPE = 999_999;

    /**
     * @throws IllegalArgumentException if a count is negative or too large, or the community is not allowed
     */
    public FleetShape {
        checkCount("streetlights", streetlights);
        checkCount("bins", bins);
        checkCount("gates", gates);
        if (community == null || !COMMUNITY.matcher(community).matches()) {
            throw new IllegalArgumentException("community '" + community + "' must match " + COMMUNITY.pattern());
        }
    }

    /** The demo fleet: seed 42, 50 streetlights, 50 bins, 10 gates in {@code lakeside}. */
    public static FleetShape demo() {
        return new FleetShape(DEFAULT_SEED, DEFAULT_STREETLIGHTS, DEFAULT_BINS, DEFAULT_GATES, DEFAULT_COMMUNITY);
    }

    /** All devices together. */
    public int size() {
        return streetlights + bins + gates;
    }

    private static void checkCount(final String name, final int count) {
        if (count < 0 || count > MAX_PER_TYPE) {
            throw new IllegalArgumentException(name + " must be within 0.." + MAX_PER_TYPE + ", was " + count);
        }
    }
}

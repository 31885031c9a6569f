// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators;

import java.util.SplittableRandom;

/**
 * Random streams derived from the fleet seed and a key such as {@code "position:sl-001"}.
 *
 * <p>Every device and every decision gets its own stream, so adding bins to a fleet does not move
 * its streetlights and the same seed always reproduces the same fleet, faults and behaviour.
 */
public final class DeterministicRandom {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private DeterministicRandom() {
    }

    /** A fresh stream for {@code key}; equal arguments always give an identical sequence. */
    public static SplittableRandom forKey(final long seed, final String key) {
        return new SplittableRandom(mix(seed, key));
    }

    static long mix(final long seed, final String key) {
        long hash = FNV_OFFSET ^ (seed * GOLDEN_GAMMA);
        for (int i = 0; i < key.length(); i++) {
            hash = (hash ^ key.charAt(i)) * FNV_PRIME;
        }
        return hash ^ (hash >>> 29);
    }
}

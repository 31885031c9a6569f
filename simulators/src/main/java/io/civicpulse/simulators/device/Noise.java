// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.SplittableRandom;

/** Small numeric helpers shared by the models: bounded noise, Poisson counts, rounding. */
final class Noise {

    /** Above this mean the normal approximation is used: Knuth's loop would need too many draws. */
    private static final double POISSON_NORMAL_THRESHOLD = 30.0;

    private Noise() {
    }

    /** {@code mean} plus Gaussian noise of {@code sigma}, clamped to {@code mean ± limit}. */
    static double around(final SplittableRandom random, final double mean, final double sigma, final double limit) {
        final double value = mean + random.nextGaussian() * sigma;
        return Math.max(mean - limit, Math.min(mean + limit, value));
    }

    /** A Poisson-distributed count with the given mean (events expected in the elapsed time). */
    static int poisson(final SplittableRandom random, final double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > POISSON_NORMAL_THRESHOLD) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        final double limit = Math.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** Rounds to {@code decimals} places so payloads stay short and readable. */
    static double round(final double value, final int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Hours between two epoch-millisecond times; 0 for the first sample or a clock going backwards. */
    static double elapsedHours(final long previousMillis, final long nowMillis) {
        if (previousMillis < 0 || nowMillis <= previousMillis) {
            return 0.0;
        }
        return (nowMillis - previousMillis) / 3_600_000.0;
    }
}

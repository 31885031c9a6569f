// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * A token bucket for one client's PUBLISH rate ({@code mqtt.limits.messageRate} per second, up to
 * {@code mqtt.limits.messageBurst} at once). A rate of 0 never refuses.
 *
 * <p>Not thread-safe: used on its connection's event loop only.
 */
final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    /**
     * @param ratePerSecond tokens added per second; 0 = unlimited
     * @param burst         bucket size
     * @param nowNanos      the current {@link System#nanoTime()}
     */
    TokenBucket(final int ratePerSecond, final int burst, final long nowNanos) {
        this.perNano = ratePerSecond / 1e9;
        this.capacity = ratePerSecond == 0 ? 0 : Math.max(1, burst);
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return true when one message may pass
     */
    boolean tryTake(final long nowNanos) {
        if (capacity == 0) {
            return true;
        }
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}

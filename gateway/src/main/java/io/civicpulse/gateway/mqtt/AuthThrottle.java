// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after {@code limit} failed logins from one remote address within {@code window},
 * that address is refused for {@code cooldown} without a password check (so it cannot keep the bcrypt threads
 * busy either). Addresses are forgotten once quiet; the table is bounded.
 *
 * <p>Thread-safe.
 */
public final class AuthThrottle {
    private static final int MAX_ADDRESSES = 100_000;

    private final int limit;
    private final long windowMillis;
    private final long cooldownMillis;
    private final LongSupplier clock;
    private final Map<String, Entry> byAddress = new ConcurrentHashMap<>();

    /**
     * @param limit    failures that trigger throttling
     * @param window   the period in which they are counted
     * @param cooldown how long the address is refused afterwards
     * @param clock    milliseconds
     */
    public AuthThrottle(final int limit, final Duration window, final Duration cooldown, final LongSupplier clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.cooldownMillis = cooldown.toMillis();
        this.clock = clock;
    }

    /** @return a throttle that never refuses */
    public static AuthThrottle off() {
        return new AuthThrottle(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ZERO, System::currentTimeMillis);
    }

    /**
     * @param address the remote address (host only), or null when unknown
     * @return true while the address is refused
     */
    public boolean blocked(final String address) {
        if (address == null) {
            return false;
        }
        final Entry e = byAddress.get(address);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            return e.blockedUntil > clock.getAsLong();
        }
    }

    /** @param address the remote address of a failed login, or null when unknown */
    public void failed(final String address) {
        if (address == null) {
            return;
        }
        final long now = clock.getAsLong();
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(e -> e.quietSince(now - windowMillis - cooldownMillis));
        }
        final Entry e = byAddress.computeIfAbsent(address, a -> new Entry());
        synchronized (e) {
            e.failures.addLast(now);
            while (!e.failures.isEmpty() && e.failures.peekFirst() <= now - windowMillis) {
                e.failures.pollFirst();
            }
            if (e.failures.size() >= limit) {
                e.blockedUntil = now + cooldownMillis;
                e.failures.clear();
            }
        }
    }

    /** Failures of one address. */
    private static final class Entry {
        private final ArrayDeque<Long> failures = new ArrayDeque<>();
        private long blockedUntil;

        synchronized boolean quietSince(final long t) {
            return blockedUntil < t && (failures.isEmpty() || failures.peekLast() < t);
        }
    }
}

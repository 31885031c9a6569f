// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import io.civicpulse.rules.engine.DeviceHealthLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DV-05 (connection flapping) bookkeeping of one device: when its latest connections dropped without DISCONNECT, and
 * since when it is connected again.
 *
 * <p>Immutable; at most one per device, replaced by the DV-05 rules at each {@link LinkEvent}. Holds at most
 * {@link DeviceHealthLimits#flapDisconnects()} + 1 instants.
 *
 * @param deviceId       device id, never null
 * @param dropsMillis    the latest drop instants, oldest first, in epoch milliseconds (gateway clock); never null
 * @param flapping       true when more than the limit's count of drops fell within its window
 * @param connectedSince when the device connected after its latest drop (epoch milliseconds), or
 *                       {@link Long#MAX_VALUE} while it is not known to be connected
 * @param quietAtMillis  from when DV-05 clears: {@code connectedSince} plus the quiet period, or
 *                       {@link Long#MAX_VALUE}; a single field so the clear joins {@link Now} on it
 * @param counted        the report this tally already counts, or null
 */
public record LinkTally(String deviceId, List<Long> dropsMillis, boolean flapping, long connectedSince,
                        long quietAtMillis, LinkEvent counted) {

    /** @throws NullPointerException if the id or the drops are null */
    public LinkTally {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        dropsMillis = List.copyOf(dropsMillis);
    }

    /**
     * @param deviceId a device id
     * @return a tally with no drop and no known connection
     */
    public static LinkTally start(final String deviceId) {
        return new LinkTally(deviceId, List.of(), false, Long.MAX_VALUE, Long.MAX_VALUE, null);
    }

    /**
     * @param event  the report being evaluated, never null
     * @param limits the device's limits, never null
     * @return the tally with it counted: a connection starts the quiet period; a drop ends it (unless it is older
     *     than the connection, a late report of the connection before) and is added to the drops
     */
    public LinkTally next(final LinkEvent event, final DeviceHealthLimits limits) {
        final long at = event.atMillis();
        if (event instanceof Connected) {
            final long quiet = at > Long.MAX_VALUE - limits.flapQuietMillis() ? Long.MAX_VALUE
                    : at + limits.flapQuietMillis();
            return new LinkTally(deviceId, dropsMillis, flapping, at, quiet, event);
        }
        final List<Long> drops = new ArrayList<>(dropsMillis);
        drops.add(at);
        drops.sort(null);
        while (drops.size() > limits.flapDisconnects() + 1) {
            drops.remove(0);
        }
        final boolean many = drops.size() > limits.flapDisconnects()
                && drops.get(drops.size() - 1) - drops.get(0) <= limits.flapWindowMillis();
        if (connectedSince != Long.MAX_VALUE && at < connectedSince) {
            return new LinkTally(deviceId, drops, many, connectedSince, quietAtMillis, event);
        }
        return new LinkTally(deviceId, drops, many, Long.MAX_VALUE, Long.MAX_VALUE, event);
    }

    /** @return the tally after DV-05 cleared: no drops remembered, still connected */
    public LinkTally settled() {
        return new LinkTally(deviceId, List.of(), false, connectedSince, Long.MAX_VALUE, counted);
    }
}

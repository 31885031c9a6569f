// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import io.civicpulse.rules.engine.DeviceHealthLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DV-04 (schema violations) bookkeeping of one device: when its latest refused payloads were refused, and why the
 * last one was.
 *
 * <p>Immutable; at most one per device, replaced by the DV-04 rules at each {@link PayloadRejected} and deleted when
 * DV-04 clears. Holds at most {@link DeviceHealthLimits#rejections()} instants, so it stays small however many
 * payloads a device gets wrong.
 *
 * @param deviceId      device id, never null
 * @param recentMillis  the latest refusal instants, oldest first, in epoch milliseconds (gateway clock); never null
 * @param lastReason    why the latest payload was refused, never null (empty before the first)
 * @param violating     true when the limit's count of refusals fell within its window
 * @param quietAtMillis from when (epoch milliseconds, gateway clock) a valid reading clears DV-04: the latest
 *                      refusal plus {@link DeviceHealthLimits#rejectionClearMillis()}
 * @param counted       the refusal this tally already counts, or null
 */
public record RejectionTally(String deviceId, List<Long> recentMillis, String lastReason, boolean violating,
                             long quietAtMillis, PayloadRejected counted) {

    /** @throws NullPointerException if an argument other than {@code counted} is null */
    public RejectionTally {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        recentMillis = List.copyOf(recentMillis);
        Objects.requireNonNull(lastReason, "lastReason must not be null.");
    }

    /**
     * @param deviceId a device id
     * @return a tally with no refusal yet
     */
    public static RejectionTally start(final String deviceId) {
        return new RejectionTally(deviceId, List.of(), "", false, Long.MAX_VALUE, null);
    }

    /**
     * @param rejected the refusal being evaluated, never null
     * @param limits   the device's limits, never null
     * @return the tally with it counted
     */
    public RejectionTally add(final PayloadRejected rejected, final DeviceHealthLimits limits) {
        final List<Long> times = new ArrayList<>(recentMillis);
        times.add(rejected.atMillis());
        times.sort(null);
        while (times.size() > limits.rejections()) {
            times.remove(0);
        }
        final long latest = times.get(times.size() - 1);
        final boolean reached = times.size() == limits.rejections()
                && latest - times.get(0) <= limits.rejectionWindowMillis();
        final long quiet = latest > Long.MAX_VALUE - limits.rejectionClearMillis() ? Long.MAX_VALUE
                : latest + limits.rejectionClearMillis();
        return new RejectionTally(deviceId, times, rejected.reason(), reached, quiet, rejected);
    }

    /** @return the latest refusal instant, in epoch milliseconds, or {@link Long#MIN_VALUE} before the first */
    public long lastMillis() {
        return recentMillis.isEmpty() ? Long.MIN_VALUE : recentMillis.get(recentMillis.size() - 1);
    }
}

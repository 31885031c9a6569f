// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Map;
import java.util.Objects;

/**
 * One accepted telemetry message of one device: a set of named numeric metrics at one instant.
 *
 * <p>Immutable; a Drools event whose timestamp is {@link #getTimestampMillis()} (event time, not arrival time).
 * Metric names are lower-case snake case with the unit as suffix ({@code lamp_current_a}, {@code fill_pct},
 * {@code temperature_c}); booleans arrive as {@code 1.0} / {@code 0.0}.
 */
public final class Reading {
    /** Sequence number used when the device sent none. */
    public static final long NO_SEQUENCE = -1L;
    /** Receive time of a reading whose arrival the gateway did not record. */
    public static final long NO_RECEIVE_TIME = Long.MIN_VALUE;

    private final String community;
    private final String deviceType;
    private final String deviceId;
    private final long timestampMillis;
    private final long sequence;
    private final long receivedMillis;
    private final Map<String, Double> metrics;

    /**
     * Creates a reading.
     *
     * @param community       community id from the topic, never null
     * @param deviceType      device type ({@code streetlight}, {@code bin}, {@code gate}), never null
     * @param deviceId        device id, never null
     * @param timestampMillis event time in epoch milliseconds (UTC)
     * @param sequence        device sequence number, or {@link #NO_SEQUENCE}
     * @param metrics         metric name to value; copied; never null
     * @throws NullPointerException if a non-null argument is null
     */
    public Reading(final String community, final String deviceType, final String deviceId,
                   final long timestampMillis, final long sequence, final Map<String, Double> metrics) {
        this(community, deviceType, deviceId, timestampMillis, sequence, metrics, NO_RECEIVE_TIME);
    }

    /**
     * Creates a reading that records when the gateway received it.
     *
     * @param community       community id from the topic, never null
     * @param deviceType      device type ({@code streetlight}, {@code bin}, {@code gate}), never null
     * @param deviceId        device id, never null
     * @param timestampMillis event time in epoch milliseconds (UTC), as the device stamped it
     * @param sequence        device sequence number, or {@link #NO_SEQUENCE}
     * @param metrics         metric name to value; copied; never null
     * @param receivedMillis  when the gateway received the message, in epoch milliseconds on the gateway's clock, or
     *                        {@link #NO_RECEIVE_TIME}
     * @throws NullPointerException if a non-null argument is null
     */
    public Reading(final String community, final String deviceType, final String deviceId,
                   final long timestampMillis, final long sequence, final Map<String, Double> metrics,
                   final long receivedMillis) {
        this.receivedMillis = receivedMillis;
        this.community = Objects.requireNonNull(community, "community must not be null.");
        this.deviceType = Objects.requireNonNull(deviceType, "deviceType must not be null.");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId must not be null.");
        this.timestampMillis = timestampMillis;
        this.sequence = sequence;
        this.metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics must not be null."));
    }

    public String getCommunity() {
        return community;
    }

    public String getDeviceType() {
        return deviceType;
    }

    public String getDeviceId() {
        return deviceId;
    }

    /** @return event time in epoch milliseconds (UTC) */
    public long getTimestampMillis() {
        return timestampMillis;
    }

    /** @return the device's sequence number, or {@link #NO_SEQUENCE} */
    public long getSequence() {
        return sequence;
    }

    /**
     * @return when the gateway received the reading, in epoch milliseconds on the gateway's clock, or
     *     {@link #NO_RECEIVE_TIME}
     */
    public long getReceivedMillis() {
        return receivedMillis;
    }

    /** @return true when the gateway recorded when it received the reading */
    public boolean hasReceivedMillis() {
        return receivedMillis != NO_RECEIVE_TIME;
    }

    /**
     * @return the receive time when recorded, else the event time: the best instant on the gateway's clock
     *     (epoch milliseconds) at which the device was heard
     */
    public long receivedOrEventMillis() {
        return hasReceivedMillis() ? receivedMillis : timestampMillis;
    }

    /**
     * @return how far the device's stamp lies ahead of the receive time, in milliseconds (negative: behind), or 0
     *     when the receive time is unknown
     */
    public long clockOffsetMillis() {
        return hasReceivedMillis() ? timestampMillis - receivedMillis : 0L;
    }

    /** @return unmodifiable metric map, never null */
    public Map<String, Double> getMetrics() {
        return metrics;
    }

    /** @return true when the reading carries the named metric */
    public boolean has(final String metric) {
        return metrics.containsKey(metric);
    }

    /**
     * @return the metric's value, or {@code NaN} when absent. In Java every comparison with NaN is false, but
     *     Drools (drools-mvel 10.1.0) JIT-compiles constraints so that {@code NaN < x} and {@code NaN <= x} turn
     *     true after about 20 evaluations: in DRL always guard with {@link #has(String)} first
     */
    public double value(final String metric) {
        final Double v = metrics.get(metric);
        return v == null ? Double.NaN : v;
    }

    @Override
    public String toString() {
        return "Reading[" + deviceId + " @" + timestampMillis + " " + metrics + "]";
    }
}

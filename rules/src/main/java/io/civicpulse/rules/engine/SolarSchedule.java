// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streetlight on-windows from the sun: lamps are scheduled on from sunset + {@code duskOffset} to sunrise +
 * {@code dawnOffset} at each device's own position ({@link SolarCalculator}). Devices without a position are not
 * covered ({@link #covers(String)}), and the fixed window of {@link RuleParameters} applies to them.
 *
 * <p>Thread-safe: sessions of several lanes share it; sun times are cached per device for the current local day.
 */
public final class SolarSchedule {
    private final Map<String, double[]> positions;
    private final long duskOffsetMillis;
    private final long dawnOffsetMillis;
    private final Map<String, CachedDay> cache = new ConcurrentHashMap<>();

    /**
     * @param positions        device id to {@code {latitude, longitude}} in degrees, copied, never null
     * @param duskOffsetMillis added to sunset (positive: later), in milliseconds
     * @param dawnOffsetMillis added to sunrise (negative: earlier), in milliseconds
     * @throws IllegalArgumentException if a position is not two numbers in range
     */
    public SolarSchedule(final Map<String, double[]> positions, final long duskOffsetMillis,
                         final long dawnOffsetMillis) {
        Objects.requireNonNull(positions, "positions must not be null.");
        positions.forEach((id, p) -> {
            if (p == null || p.length != 2 || !(Math.abs(p[0]) <= 90) || !(Math.abs(p[1]) <= 180)) {
                throw new IllegalArgumentException("position of " + id + " must be {lat, lon} in range");
            }
        });
        this.positions = Map.copyOf(positions);
        this.duskOffsetMillis = duskOffsetMillis;
        this.dawnOffsetMillis = dawnOffsetMillis;
    }

    /** @return true when the device has a position, so the sun decides its window */
    public boolean covers(final String deviceId) {
        return deviceId != null && positions.containsKey(deviceId);
    }

    /**
     * @param epochMillis an instant
     * @param deviceId    a covered device
     * @param zone        the community's zone (which local day the instant belongs to)
     * @return true between dusk and dawn at the device's position
     */
    public boolean scheduledOn(final long epochMillis, final String deviceId, final ZoneId zone) {
        final LocalDate day = Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
        final long[] today = window(deviceId, day);
        return epochMillis < today[0] || epochMillis >= today[1];
    }

    /**
     * @return when the on-window containing {@code epochMillis} ends (the next dawn), or {@code epochMillis} when the
     *     lamp is not scheduled on then
     */
    public long windowEnd(final long epochMillis, final String deviceId, final ZoneId zone) {
        if (!scheduledOn(epochMillis, deviceId, zone)) {
            return epochMillis;
        }
        final LocalDate day = Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
        final long[] today = window(deviceId, day);
        return epochMillis < today[0] ? today[0] : window(deviceId, day.plusDays(1))[0];
    }

    /**
     * @return when the off-window (daytime) containing {@code epochMillis} ends (today's dusk), or
     *     {@code epochMillis} when the lamp is scheduled on then
     */
    public long offWindowEnd(final long epochMillis, final String deviceId, final ZoneId zone) {
        if (scheduledOn(epochMillis, deviceId, zone)) {
            return epochMillis;
        }
        return window(deviceId, Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate())[1];
    }

    /** @return {dawn, dusk} of that local day in epoch milliseconds; polar day/night give a window that says so */
    private long[] window(final String deviceId, final LocalDate day) {
        final CachedDay cached = cache.get(deviceId);
        if (cached != null && cached.day.equals(day)) {
            return cached.dawnDusk;
        }
        final double[] p = positions.get(deviceId);
        final Optional<SolarCalculator.SunTimes> sun = SolarCalculator.sunTimes(p[0], p[1], day);
        final long[] dawnDusk;
        if (sun.isPresent()) {
            dawnDusk = new long[] {sun.get().sunrise().toEpochMilli() + dawnOffsetMillis,
                    sun.get().sunset().toEpochMilli() + duskOffsetMillis};
        } else if (SolarCalculator.polarDay(p[0], day)) {
            dawnDusk = new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        } else {
            // Polar night: dawn never comes, so every instant is "before dawn".
            dawnDusk = new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
        }
        cache.put(deviceId, new CachedDay(day, dawnDusk));
        return dawnDusk;
    }

    private record CachedDay(LocalDate day, long[] dawnDusk) {
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Thresholds and durations of the default rule pack. They come from configuration, never from the DRL;
 * the session inserts this object as a fact so rules read it.
 *
 * @param zone                  community time zone, used for the streetlight on-window
 * @param lampOnFrom            local time the lamps are scheduled on (dusk), e.g. 18:00
 * @param lampOnUntil           local time the lamps are scheduled off (dawn), e.g. 06:00; equal to
 *                              {@code lampOnFrom} means "always on"
 * @param lampDarkCurrentAmps   lamp current below this (in amperes) while scheduled on counts as dark
 * @param lampDarkMillis        how long a lamp must stay dark before SL-01 is raised, in milliseconds
 * @param binFullPercent        fill level (percent) at or above which a bin counts as full
 * @param binFullClearPercent   fill level (percent) below which a full bin clears (hysteresis)
 * @param binFullMillis         how long a bin must stay full before WB-01 is raised, in milliseconds
 * @param binFireCelsius        temperature (°C) at or above which WB-03 (fire) is raised at once
 * @param binFireRiseCelsius    rise (°C) since the previous reading that also raises WB-03
 * @param binFireClearCelsius   temperature (°C) below which a fire clears
 * @param gateHeldOpenMillis    how long a gate may stay open before GT-01 is raised, in milliseconds
 * @param silentIntervals       a device is silent after this many expected intervals without a reading
 * @param batteryLowPercent     battery (percent) at or below which DV-02 is raised
 * @param batteryClearPercent   battery (percent) at or above which DV-02 clears (hysteresis)
 * @param solar                 per-device on-windows from the sun, or null to use the fixed window for every lamp
 * @param deviceHealth          limits of DV-03 (clock drift), DV-04 (schema violations) and DV-05 (connection
 *                              flapping), per category and per device; never null
 */
public record RuleParameters(
        ZoneId zone,
        LocalTime lampOnFrom,
        LocalTime lampOnUntil,
        double lampDarkCurrentAmps,
        long lampDarkMillis,
        double binFullPercent,
        double binFullClearPercent,
        long binFullMillis,
        double binFireCelsius,
        double binFireRiseCelsius,
        double binFireClearCelsius,
        long gateHeldOpenMillis,
        int silentIntervals,
        double batteryLowPercent,
        double batteryClearPercent,
        SolarSchedule solar,
        DeviceHealthParameters deviceHealth) {

    /** Parameters with the fixed lamp window for every lamp (no solar schedule). */
    public RuleParameters(final ZoneId zone, final LocalTime lampOnFrom, final LocalTime lampOnUntil,
                          final double lampDarkCurrentAmps, final long lampDarkMillis, final double binFullPercent,
                          final double binFullClearPercent, final long binFullMillis, final double binFireCelsius,
                          final double binFireRiseCelsius, final double binFireClearCelsius,
                          final long gateHeldOpenMillis, final int silentIntervals, final double batteryLowPercent,
                          final double batteryClearPercent) {
        this(zone, lampOnFrom, lampOnUntil, lampDarkCurrentAmps, lampDarkMillis, binFullPercent, binFullClearPercent,
                binFullMillis, binFireCelsius, binFireRiseCelsius, binFireClearCelsius, gateHeldOpenMillis,
                silentIntervals, batteryLowPercent, batteryClearPercent, null);
    }

    /** Parameters with the default device-health limits ({@link DeviceHealthParameters#defaultsForAll()}). */
    public RuleParameters(final ZoneId zone, final LocalTime lampOnFrom, final LocalTime lampOnUntil,
                          final double lampDarkCurrentAmps, final long lampDarkMillis, final double binFullPercent,
                          final double binFullClearPercent, final long binFullMillis, final double binFireCelsius,
                          final double binFireRiseCelsius, final double binFireClearCelsius,
                          final long gateHeldOpenMillis, final int silentIntervals, final double batteryLowPercent,
                          final double batteryClearPercent, final SolarSchedule solar) {
        this(zone, lampOnFrom, lampOnUntil, lampDarkCurrentAmps, lampDarkMillis, binFullPercent, binFullClearPercent,
                binFullMillis, binFireCelsius, binFireRiseCelsius, binFireClearCelsius, gateHeldOpenMillis,
                silentIntervals, batteryLowPercent, batteryClearPercent, solar,
                DeviceHealthParameters.defaultsForAll());
    }

    /** @return the same parameters with lamp windows from the sun for the devices {@code solar} covers */
    public RuleParameters withSolar(final SolarSchedule schedule) {
        return new RuleParameters(zone, lampOnFrom, lampOnUntil, lampDarkCurrentAmps, lampDarkMillis, binFullPercent,
                binFullClearPercent, binFullMillis, binFireCelsius, binFireRiseCelsius, binFireClearCelsius,
                gateHeldOpenMillis, silentIntervals, batteryLowPercent, batteryClearPercent, schedule, deviceHealth);
    }

    /** @return the same parameters with other device-health limits (DV-03, DV-04, DV-05) */
    public RuleParameters withDeviceHealth(final DeviceHealthParameters limits) {
        return new RuleParameters(zone, lampOnFrom, lampOnUntil, lampDarkCurrentAmps, lampDarkMillis, binFullPercent,
                binFullClearPercent, binFullMillis, binFireCelsius, binFireRiseCelsius, binFireClearCelsius,
                gateHeldOpenMillis, silentIntervals, batteryLowPercent, batteryClearPercent, solar, limits);
    }

    /**
     * @param deviceId a device id
     * @return that device's DV-03/DV-04/DV-05 limits (its override, else the category defaults)
     */
    public DeviceHealthLimits health(final String deviceId) {
        return deviceHealth.forDevice(deviceId);
    }

    /**
     * @param epochMillis an instant
     * @param deviceId    the streetlight
     * @return true when that lamp is scheduled on: from the sun at its position when the solar schedule covers it,
     *     otherwise {@link #lampScheduledOn(long)}
     */
    public boolean lampScheduledOn(final long epochMillis, final String deviceId) {
        return solar != null && solar.covers(deviceId) ? solar.scheduledOn(epochMillis, deviceId, zone)
                : lampScheduledOn(epochMillis);
    }

    /**
     * @param epochMillis an instant at which the lamp is scheduled off
     * @param deviceId    the streetlight
     * @return when its off-window (daytime) ends: the next dusk
     */
    public long lampOffWindowEnd(final long epochMillis, final String deviceId) {
        if (solar != null && solar.covers(deviceId)) {
            return solar.offWindowEnd(epochMillis, deviceId, zone);
        }
        final ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        final LocalDate day = at.toLocalTime().isBefore(lampOnFrom) ? at.toLocalDate() : at.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, lampOnFrom, zone).toInstant().toEpochMilli();
    }

    /** @return like {@link #lampWindowEnd(long)}, for that lamp (solar when covered) */
    public long lampWindowEnd(final long epochMillis, final String deviceId) {
        return solar != null && solar.covers(deviceId) ? solar.windowEnd(epochMillis, deviceId, zone)
                : lampWindowEnd(epochMillis);
    }

    /** @throws IllegalArgumentException naming the parameter that is out of range */
    public RuleParameters {
        Objects.requireNonNull(zone, "zone must not be null.");
        Objects.requireNonNull(lampOnFrom, "lampOnFrom must not be null.");
        Objects.requireNonNull(lampOnUntil, "lampOnUntil must not be null.");
        Objects.requireNonNull(deviceHealth, "deviceHealth must not be null.");
        requirePositive("lampDarkMillis", lampDarkMillis);
        requirePositive("binFullMillis", binFullMillis);
        requirePositive("gateHeldOpenMillis", gateHeldOpenMillis);
        requirePositive("silentIntervals", silentIntervals);
        if (binFullClearPercent > binFullPercent) {
            throw new IllegalArgumentException("binFullClearPercent (" + binFullClearPercent
                    + ") must not exceed binFullPercent (" + binFullPercent + ")");
        }
        if (batteryClearPercent < batteryLowPercent) {
            throw new IllegalArgumentException("batteryClearPercent (" + batteryClearPercent
                    + ") must not be below batteryLowPercent (" + batteryLowPercent + ")");
        }
        if (binFireClearCelsius > binFireCelsius) {
            throw new IllegalArgumentException("binFireClearCelsius (" + binFireClearCelsius
                    + ") must not exceed binFireCelsius (" + binFireCelsius + ")");
        }
    }

    /** @return the defaults documented in {@code config/gateway.yaml} */
    public static RuleParameters defaults() {
        return new RuleParameters(ZoneId.of("Asia/Shanghai"), LocalTime.of(18, 0), LocalTime.of(6, 0),
                0.05, 10 * 60_000L, 90.0, 80.0, 10 * 60_000L, 70.0, 20.0, 50.0, 5 * 60_000L, 3, 15.0, 25.0);
    }

    /**
     * @param epochMillis an instant
     * @return true when streetlights are scheduled on at that instant in the community's zone
     */
    public boolean lampScheduledOn(final long epochMillis) {
        if (lampOnFrom.equals(lampOnUntil)) {
            return true;
        }
        final LocalTime t = Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalTime();
        if (lampOnFrom.isBefore(lampOnUntil)) {
            return !t.isBefore(lampOnFrom) && t.isBefore(lampOnUntil);
        }
        return !t.isBefore(lampOnFrom) || t.isBefore(lampOnUntil);
    }

    /**
     * Tells until when a streetlight that is dark now could stay dark <em>while scheduled on</em>, so SL-01 can
     * raise only if its duration fits inside one on-window.
     *
     * @param epochMillis an instant at which {@link #lampScheduledOn(long)} is true
     * @return the instant (epoch milliseconds) the on-window containing it ends, {@link Long#MAX_VALUE} when the
     *     lamps are always on, or {@code epochMillis} itself when they are not scheduled on at that instant
     */
    public long lampWindowEnd(final long epochMillis) {
        if (lampOnFrom.equals(lampOnUntil)) {
            return Long.MAX_VALUE;
        }
        if (!lampScheduledOn(epochMillis)) {
            return epochMillis;
        }
        final ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        // Before the "until" time of the same local day the window ends today, otherwise (overnight) tomorrow.
        final LocalDate endDay = at.toLocalTime().isBefore(lampOnUntil)
                ? at.toLocalDate() : at.toLocalDate().plusDays(1);
        return ZonedDateTime.of(endDay, lampOnUntil, zone).toInstant().toEpochMilli();
    }

    /**
     * @param expectedIntervalMillis a device's reporting interval in milliseconds
     * @return how long (milliseconds) that device may stay quiet before DV-01: {@code silentIntervals} intervals,
     *     saturated at {@link Long#MAX_VALUE} instead of overflowing
     */
    public long silenceMillis(final long expectedIntervalMillis) {
        if (expectedIntervalMillis > Long.MAX_VALUE / silentIntervals) {
            return Long.MAX_VALUE;
        }
        return silentIntervals * expectedIntervalMillis;
    }

    private static void requirePositive(final String name, final long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.rules.engine.DeviceHealthLimits;
import io.civicpulse.rules.engine.DeviceHealthParameters;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the device-health limits ({@code rules.device.clockDrift} … {@code rules.device.flapQuiet}) and their
 * per-device overrides ({@code rules.device.overrides.<device id>.<key>}, each key optional, unset keys taken from
 * the category values). Every value is range-checked and a bad one names its full key.
 */
final class DeviceHealthReader {
    private static final String PREFIX = "rules.device";
    private static final String OVERRIDES = PREFIX + ".overrides";
    /** The keys of one set of limits; an override may set any of them. */
    private static final Set<String> KEYS = Set.of("clockDrift", "clockDriftReadings", "clockDriftClear",
            "clockDriftClearReadings", "rejections", "rejectionWindow", "rejectionClearAfter", "flapDisconnects",
            "flapWindow", "flapQuiet");

    private DeviceHealthReader() {
    }

    static DeviceHealthParameters read(final ConfigReader r) throws ConfigException {
        final DeviceHealthLimits defaults = limits(r, PREFIX, DeviceHealthLimits.defaults());
        final Map<String, DeviceHealthLimits> perDevice = new LinkedHashMap<>();
        final JsonNode overrides = r.tree(OVERRIDES);
        if (overrides != null) {
            if (!overrides.isObject()) {
                throw r.error(OVERRIDES, overrides.toString(), "a mapping of device id to limits, e.g. "
                        + "{gate-003: {flapDisconnects: 6}}");
            }
            final Iterator<String> ids = overrides.fieldNames();
            while (ids.hasNext()) {
                final String id = ids.next();
                if (id.contains(".") || !overrides.get(id).isObject()) {
                    throw r.error(OVERRIDES + "." + id, overrides.get(id).toString(),
                            "a device id without dots mapped to limits, e.g. {clockDrift: 10m}");
                }
                requireKnownKeys(r, OVERRIDES + "." + id, overrides.get(id));
                perDevice.put(id, limits(r, OVERRIDES + "." + id, defaults));
            }
        }
        return new DeviceHealthParameters(defaults, perDevice);
    }

    /** The section is read as a tree, so the reader's own unknown-key check does not look inside it. */
    private static void requireKnownKeys(final ConfigReader r, final String at, final JsonNode limits)
            throws ConfigException {
        final Iterator<String> keys = limits.fieldNames();
        while (keys.hasNext()) {
            final String key = keys.next();
            if (!KEYS.contains(key)) {
                throw r.error(at + "." + key, limits.get(key).toString(), "one of " + new TreeSet<>(KEYS));
            }
        }
    }

    private static DeviceHealthLimits limits(final ConfigReader r, final String at, final DeviceHealthLimits d)
            throws ConfigException {
        final long drift = millis(r, at + ".clockDrift", d.clockDriftMillis(), Duration.ofSeconds(1));
        final long driftClear = millis(r, at + ".clockDriftClear", d.clockDriftClearMillis(), Duration.ZERO);
        try {
            return new DeviceHealthLimits(drift,
                    r.intIn(at + ".clockDriftReadings", d.clockDriftReadings(), 1, 1000), driftClear,
                    r.intIn(at + ".clockDriftClearReadings", d.clockDriftClearReadings(), 1, 1000),
                    r.intIn(at + ".rejections", d.rejections(), 1, 1000),
                    millis(r, at + ".rejectionWindow", d.rejectionWindowMillis(), Duration.ofSeconds(1)),
                    millis(r, at + ".rejectionClearAfter", d.rejectionClearMillis(), Duration.ofSeconds(1)),
                    r.intIn(at + ".flapDisconnects", d.flapDisconnects(), 1, 1000),
                    millis(r, at + ".flapWindow", d.flapWindowMillis(), Duration.ofSeconds(1)),
                    millis(r, at + ".flapQuiet", d.flapQuietMillis(), Duration.ofSeconds(1)));
        } catch (final IllegalArgumentException e) {
            // The only cross-key check: the clear limit must not exceed the raise limit (hysteresis).
            throw new ConfigException("rules: " + at + ".clockDriftClear (" + Duration.ofMillis(driftClear)
                    + ") must not exceed " + at + ".clockDrift (" + Duration.ofMillis(drift) + ")", e);
        }
    }

    private static long millis(final ConfigReader r, final String key, final long defaultMillis, final Duration min)
            throws ConfigException {
        return r.duration(key, Duration.ofMillis(defaultMillis), min).toMillis();
    }
}

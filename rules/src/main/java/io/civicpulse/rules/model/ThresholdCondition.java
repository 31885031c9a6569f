// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import io.civicpulse.rules.engine.Evidence;
import io.civicpulse.rules.engine.RuleParameters;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parameterised threshold rule of the pack ({@code threshold.drl}): a metric of one device type that raises
 * a category when it crosses {@code raiseAt} for {@code durationMillis}, and clears when it crosses back past
 * {@code clearAt} (hysteresis). A condition with a {@code deviceId} overrides the type-wide one of its category for
 * that device only.
 *
 * <p>Immutable; inserted into every session as a fact (the defaults from {@link ThresholdConditions}, replaced by
 * configuration).
 *
 * @param id             stable rule id recorded as evidence, e.g. {@code "SL-04 leakage"}, never null
 * @param version        version of the condition, recorded with the id ({@code "SL-04 leakage@1"})
 * @param category       governance category raised, never null
 * @param deviceType     device type judged, never null
 * @param deviceId       the single device this override applies to, or null for every device of the type
 * @param metric         metric name, never null
 * @param direction      which side of {@code raiseAt} is abnormal, never null
 * @param raiseAt        raises at {@code value >= raiseAt} (ABOVE) or {@code value <= raiseAt} (BELOW)
 * @param clearAt        clears at {@code value < clearAt} (ABOVE) or {@code value > clearAt} (BELOW)
 * @param durationMillis how long the condition must hold, in milliseconds; 0 raises at once
 * @param window         when in the day readings count, never null
 */
public record ThresholdCondition(String id, int version, String category, String deviceType, String deviceId,
                                 String metric, Direction direction, double raiseAt, double clearAt,
                                 long durationMillis, LampWindow window) {
    private static final Pattern CATEGORY = Pattern.compile("[A-Z]{2}-\\d{2}");

    /** Which side of the raise threshold is abnormal. */
    public enum Direction {
        /** High values are abnormal. */
        ABOVE,
        /** Low values are abnormal. */
        BELOW
    }

    /** When in the day a reading counts for the condition (streetlight schedule of {@link RuleParameters}). */
    public enum LampWindow {
        /** At any time. */
        ANY,
        /** Only while the lamps are scheduled on (dusk to dawn). */
        LAMP_ON,
        /** Only while the lamps are scheduled off (daytime). */
        LAMP_OFF
    }

    /** @throws IllegalArgumentException naming the field that is wrong; NullPointerException if one is null */
    public ThresholdCondition {
        Objects.requireNonNull(id, "id must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
        Objects.requireNonNull(deviceType, "deviceType must not be null.");
        Objects.requireNonNull(metric, "metric must not be null.");
        Objects.requireNonNull(direction, "direction must not be null.");
        Objects.requireNonNull(window, "window must not be null.");
        if (!CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("category must look like SL-04, was '" + category + "'");
        }
        if (Double.isNaN(raiseAt) || Double.isNaN(clearAt)) {
            throw new IllegalArgumentException(id + ": raiseAt and clearAt must be numbers");
        }
        // The raise and clear ranges must not overlap, or one reading could both raise and clear.
        if (direction == Direction.ABOVE ? clearAt > raiseAt : clearAt < raiseAt) {
            throw new IllegalArgumentException(id + ": clearAt (" + clearAt + ") must be "
                    + (direction == Direction.ABOVE ? "<=" : ">=") + " raiseAt (" + raiseAt + ")");
        }
        if (durationMillis < 0) {
            throw new IllegalArgumentException(id + ": duration must be >= 0, was " + durationMillis);
        }
        if (version < 1) {
            throw new IllegalArgumentException(id + ": version must be >= 1, was " + version);
        }
    }

    /** @return this condition for one device only (a per-device override) */
    public ThresholdCondition forDevice(final String device) {
        return new ThresholdCondition(id, version, category, deviceType, Objects.requireNonNull(device,
                "device must not be null."), metric, direction, raiseAt, clearAt, durationMillis, window);
    }

    /** @return true when the condition judges that device (its own, or type-wide) */
    public boolean appliesTo(final String device) {
        return deviceId == null || deviceId.equals(device);
    }

    /** @return true when the value is on the abnormal side of {@code raiseAt} */
    public boolean raises(final double value) {
        return !Double.isNaN(value) && (direction == Direction.ABOVE ? value >= raiseAt : value <= raiseAt);
    }

    /** @return true when the value is back past {@code clearAt} */
    public boolean clears(final double value) {
        return !Double.isNaN(value) && (direction == Direction.ABOVE ? value < clearAt : value > clearAt);
    }

    /** @return true when a reading of that device at that instant counts for the condition */
    public boolean inWindow(final RuleParameters parameters, final long epochMillis, final String device) {
        return switch (window) {
            case ANY -> true;
            case LAMP_ON -> parameters.lampScheduledOn(epochMillis, device);
            case LAMP_OFF -> !parameters.lampScheduledOn(epochMillis, device);
        };
    }

    /**
     * @param parameters  the schedule
     * @param epochMillis an instant inside the window
     * @param device      the device (its own solar window when it has a position)
     * @return until when a condition that started then can count: the end of its window, or {@link Long#MAX_VALUE}
     */
    public long windowEnd(final RuleParameters parameters, final long epochMillis, final String device) {
        return switch (window) {
            case ANY -> Long.MAX_VALUE;
            case LAMP_ON -> parameters.lampWindowEnd(epochMillis, device);
            case LAMP_OFF -> parameters.lampOffWindowEnd(epochMillis, device);
        };
    }

    /** @return the rule id with its version, as recorded in evidence ({@code "SL-04 leakage@1"}) */
    public String ruleId() {
        return id + "@" + version;
    }

    /** @return evidence for a raise, e.g. {@code "leakage_ma 42.0 >= 30.0 for 1 min"} */
    public String raisedDetail(final double value) {
        final String text = metric + " " + Evidence.number(value) + (direction == Direction.ABOVE ? " >= " : " <= ")
                + Evidence.number(raiseAt);
        return durationMillis == 0 ? text : text + " for " + Evidence.duration(durationMillis);
    }

    /** @return evidence for a clear, e.g. {@code "leakage_ma 4.0 < 10.0"} */
    public String clearedDetail(final double value) {
        return metric + " " + Evidence.number(value) + (direction == Direction.ABOVE ? " < " : " > ")
                + Evidence.number(clearAt);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import io.civicpulse.simulators.Durations;
import io.civicpulse.simulators.device.FaultKind;
import java.time.Duration;
import java.util.Locale;

/**
 * One {@code --fault} option: which fault, on how many devices of its type, starting when.
 *
 * <p>Forms: {@code KIND:PERCENT%} ({@code lamp-out:5%}), {@code KIND:COUNT} ({@code bin-full:3}), each with
 * an optional {@code @DELAY} ({@code lamp-out:5%@20s}); without it the fault starts {@value #DEFAULT_DELAY_SECONDS}
 * seconds after the fleet, so the gateway first sees every device healthy.
 *
 * @param kind the fault
 * @param amount a device count, or a percentage when {@code percent} is true
 * @param percent whether {@code amount} is a percentage of the devices of the fault's type
 * @param delay time after the fleet start at which the fault begins
 */
public record FaultSpec(FaultKind kind, double amount, boolean percent, Duration delay) {

    public static final int DEFAULT_DELAY_SECONDS = 5;
    private static final String FORMS = "use KIND:PERCENT% or KIND:COUNT with an optional @DELAY,"
            + " e.g. lamp-out:5%, bin-full:3, bin-fire:2%@20s";

    /**
     * @throws IllegalArgumentException if the amount or delay is out of range
     */
    public FaultSpec {
        if (kind == null || delay == null) {
            throw new IllegalArgumentException("kind and delay must not be null.");
        }
        if (percent && !(amount > 0 && amount <= 100)) {
            throw new IllegalArgumentException("fault percentage must be above 0 and at most 100, was " + amount);
        }
        if (!percent && (amount < 1 || amount != Math.rint(amount))) {
            throw new IllegalArgumentException("fault count must be a whole number of at least 1, was " + amount);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("fault delay must not be negative, was " + delay);
        }
    }

    /**
     * Parses a {@code --fault} value.
     *
     * @throws IllegalArgumentException naming the text, what is wrong with it and the accepted forms
     */
    public static FaultSpec parse(final String text) {
        final String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        final int colon = value.indexOf(':');
        if (colon <= 0) {
            throw invalid(text, "missing KIND:AMOUNT");
        }
        try {
            final FaultKind kind = FaultKind.fromLabel(value.substring(0, colon));
            String amount = value.substring(colon + 1);
            Duration delay = Duration.ofSeconds(DEFAULT_DELAY_SECONDS);
            final int at = amount.indexOf('@');
            if (at >= 0) {
                delay = Durations.parse(amount.substring(at + 1));
                amount = amount.substring(0, at);
            }
            final boolean percent = amount.endsWith("%");
            final String number = percent ? amount.substring(0, amount.length() - 1) : amount;
            return new FaultSpec(kind, parseAmount(number, percent), percent, delay);
        } catch (final IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static double parseAmount(final String number, final boolean percent) {
        final String pattern = percent ? "\\d{1,3}(\\.\\d{1,3})?" : "\\d{1,9}";
        if (!number.matches(pattern)) {
            throw new IllegalArgumentException("amount '" + number + (percent ? "%" : "") + "' is not "
                    + (percent ? "a percentage" : "a whole device count"));
        }
        return Double.parseDouble(number);
    }

    private static IllegalArgumentException invalid(final String text, final String reason) {
        return new IllegalArgumentException("invalid fault '" + text + "': " + reason + "; " + FORMS);
    }

    /** How many of {@code candidates} devices get the fault: a percentage is rounded up, so it hits at least one. */
    public int deviceCount(final int candidates) {
        if (percent) {
            return (int) Math.min(candidates, Math.ceil(amount * candidates / 100.0 - 1e-9));
        }
        return (int) amount;
    }

    @Override
    public String toString() {
        final String count = percent ? trim(amount) + "%" : Long.toString((long) amount);
        return kind.label() + ":" + count + "@" + Durations.format(delay);
    }

    private static String trim(final double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

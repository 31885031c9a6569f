// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import java.util.Objects;

/** A report field that cannot be accepted; answered with HTTP 400 naming the field. No stack trace: bad input. */
public final class ReportRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the field as named in the resident API ({@code category}, {@code lat}, {@code text}…)
     * @param message what is wrong and what is expected, starting with the field name
     */
    public ReportRejectedException(final String field, final String message) {
        super(message, null, false, false);
        this.field = Objects.requireNonNull(field, "field must not be null.");
    }

    /** @return the field as named in the resident API */
    public String field() {
        return field;
    }
}

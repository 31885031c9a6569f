// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

/** A bad analysis request parameter; answered with HTTP 400 and this message, which names the parameter. */
final class AnalysisParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnalysisParameterException(final String message) {
        super(message, null, false, false);
    }
}

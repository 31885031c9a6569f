// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import java.util.Objects;

/**
 * One line of {@code ingest.formats}: messages on topics matching {@code filter} are in {@code format}.
 *
 * @param filter an MQTT topic filter ({@code +} one level, {@code #} the rest), never null
 * @param format a name from {@link PayloadFormats#NAMES}, never null
 */
public record FormatRoute(String filter, String format) {

    /** @throws NullPointerException when a part is null */
    public FormatRoute {
        Objects.requireNonNull(filter, "filter must not be null.");
        Objects.requireNonNull(format, "format must not be null.");
    }
}

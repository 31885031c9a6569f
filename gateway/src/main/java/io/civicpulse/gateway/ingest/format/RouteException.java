// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import java.util.Objects;

/**
 * A message the {@link FormatRouter} refuses, with the kind of refusal and the reason in words. Bad input, not our
 * failure: no stack trace is filled in.
 */
public final class RouteException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a message was refused. */
    public enum Kind {
        /** No filter matches the topic, or the topic does not have the shape of its filter's format. */
        TOPIC_INVALID,
        /** The publisher is not the device the message is about. */
        NOT_AUTHORIZED,
        /** The message names no registered device. */
        UNKNOWN_DEVICE,
        /** The payload is not valid in the topic's format. */
        PAYLOAD_INVALID
    }

    private final Kind kind;

    /**
     * @param kind    the kind, never null
     * @param message the reason, naming the topic, field or device
     */
    public RouteException(final Kind kind, final String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind must not be null.");
    }

    /** @return the kind of refusal */
    public Kind kind() {
        return kind;
    }
}

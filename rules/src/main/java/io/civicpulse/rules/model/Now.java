// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

/**
 * The session's clock as a fact, so time-driven rules ("dark for 10 min", "silent for 3 intervals") can join on it.
 *
 * <p>Immutable; the session replaces the single instance when its pseudo clock moves forward. While readings are
 * processed it is refreshed only once the clock has moved by at least a second, so that a busy lane does not
 * re-evaluate every pending duration on every reading; {@code advanceTo} always sets it exactly.
 *
 * @param millis event time in epoch milliseconds
 */
public record Now(long millis) {
}

// SPDX-License-Identifier: Apache-2.0
/**
 * The telemetry spool: a bounded, fsync'd, append-only FIFO of readings on local disk ({@code <dataDir>/spool/})
 * that lets the gateway acknowledge QoS 1 readings while the time-series store is down or slow, and replays them to
 * the store in order when it answers again (also after a crash or a {@code kill -9}).
 *
 * <p>Layout: segment files {@code segment-<n>.spool} holding frames (one per writer batch: length, CRC-32C, compact
 * binary readings), a checkpoint {@code replayed.pos} naming the first frame not yet replayed, and {@code corrupt/}
 * for bytes that fail their CRC somewhere other than at the very end. Used by
 * {@link io.civicpulse.gateway.storage.TelemetryWriter}.
 */
package io.civicpulse.gateway.storage.spool;

// SPDX-License-Identifier: Apache-2.0
/**
 * Payload formats: native JSON, SenML JSON (RFC 8428), ChirpStack v4 uplink events and The Things Stack v3 uplinks,
 * normalised to the same {@link io.civicpulse.rules.model.Reading}s.
 *
 * <p>Each {@link io.civicpulse.gateway.ingest.format.PayloadFormat} is a plain, stateless decoder from topic and
 * payload to an {@link io.civicpulse.gateway.ingest.format.Uplink}: whom the message names
 * ({@link io.civicpulse.gateway.ingest.format.DeviceKey}: id, DevEUI, community, type, as far as known) and its
 * {@link io.civicpulse.gateway.ingest.format.Sample}s in our metric names. Vendor and SenML names become ours through
 * configurable {@link io.civicpulse.gateway.ingest.format.FieldMapping} lists ({@code ingest.fieldMaps}).
 *
 * <p>The {@link io.civicpulse.gateway.ingest.format.FormatRouter} picks the format by topic filter
 * ({@code ingest.formats}), resolves the registered device by id or DevEUI, applies the publisher rule (a device
 * publishes only about itself; the broker bridge, which has no device identity, calls the entry point without a
 * publisher) and returns the readings, or refuses the whole message with a
 * {@link io.civicpulse.gateway.ingest.format.RouteException}. Nothing here knows Netty or the lanes; see
 * {@code docs/device-protocol.md} for the wire contract.
 */
package io.civicpulse.gateway.ingest.format;

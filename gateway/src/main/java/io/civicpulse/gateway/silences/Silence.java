// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.silences;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Anomaly;

import java.time.Instant;
import java.util.Objects;

/**
 * A silence or maintenance window: anomalies that match it between {@code startsAt} and {@code endsAt} are
 * recorded as suppressed and open no issue. Every given matcher must match (an empty one matches anything).
 *
 * @param id        server-assigned id ({@code SIL-…}), never null
 * @param deviceId  the asset, or null for any
 * @param category  the category code, or null for any
 * @param area      the registry area of the device, or null for any
 * @param segment   the road segment of the device (or an SL-02 segment), or null for any
 * @param startsAt  start, never null
 * @param endsAt    expiry, after {@code startsAt}, never null
 * @param author    who created it, never null
 * @param comment   why (e.g. "lamp replacement on seg-01"), never null
 */
public record Silence(String id, String deviceId, String category, String area, String segment, Instant startsAt,
                      Instant endsAt, String author, String comment) {

    /** @throws NullPointerException if a non-null field is null */
    public Silence {
        Objects.requireNonNull(id, "id must not be null.");
        Objects.requireNonNull(startsAt, "startsAt must not be null.");
        Objects.requireNonNull(endsAt, "endsAt must not be null.");
        Objects.requireNonNull(author, "author must not be null.");
        Objects.requireNonNull(comment, "comment must not be null.");
    }

    /** @return true when the silence is in force at that instant */
    public boolean activeAt(final Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    /**
     * @param anomaly the anomaly
     * @param device  its registered device, or null (segment roll-ups, unregistered devices)
     * @return true when every matcher given matches
     */
    public boolean matches(final Anomaly anomaly, final Device device) {
        return (deviceId == null || deviceId.equals(anomaly.deviceId()))
                && (category == null || category.equals(anomaly.category()))
                && (area == null || device != null && area.equals(device.area()))
                && (segment == null || device != null && segment.equals(device.segment())
                    || segment.equals(anomaly.deviceId()) && "segment".equals(anomaly.deviceType()));
    }
}

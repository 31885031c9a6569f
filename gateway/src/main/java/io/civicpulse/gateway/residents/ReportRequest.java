// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import java.util.Objects;

/**
 * A validated resident report (built by {@link ReportValidator}). Immutable.
 *
 * @param community community (Open311 jurisdiction) id, never null
 * @param category  a resident-reportable category code, never null
 * @param lat       WGS84 latitude
 * @param lon       WGS84 longitude
 * @param assetId   a registered asset of the community named by the resident, or null
 * @param text      what the resident saw, never blank
 * @param photo     photo bytes (JPEG or PNG), or null
 * @param photoType {@code image/jpeg} or {@code image/png} when there is a photo, else null
 * @param reporter  identity if given, never null
 * @param channel   how it arrived, never null
 */
public record ReportRequest(String community, String category, double lat, double lon, String assetId, String text,
                            byte[] photo, String photoType, Reporter reporter, Channel channel) {
    /** @throws NullPointerException if a required component is null */
    public ReportRequest {
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
        Objects.requireNonNull(text, "text must not be null.");
        Objects.requireNonNull(reporter, "reporter must not be null.");
        Objects.requireNonNull(channel, "channel must not be null.");
    }

    @Override
    public String toString() {
        return "ReportRequest[" + community + ", " + category + ", " + channel + "]";
    }
}

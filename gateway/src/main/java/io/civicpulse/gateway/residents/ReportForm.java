// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

/**
 * A report as submitted, every field raw text (or bytes for a multipart photo); {@link ReportValidator} checks it.
 * Any field may be null.
 *
 * @param community   community id (Open311 {@code jurisdiction_id})
 * @param category    category code (Open311 {@code service_code})
 * @param lat         latitude text
 * @param lon         longitude text (Open311 {@code long})
 * @param assetId     asset (lamp, bin, gate) id if the resident knows it
 * @param text        description
 * @param photoBase64 photo as base64 text (JSON bodies)
 * @param photoBytes  photo bytes (multipart uploads)
 * @param photoType   declared media type of the photo
 * @param name        reporter name
 * @param phone       reporter phone
 * @param email       reporter e-mail
 */
public record ReportForm(String community, String category, String lat, String lon, String assetId, String text,
                         String photoBase64, byte[] photoBytes, String photoType, String name, String phone,
                         String email) {
    @Override
    public String toString() {
        return "ReportForm[" + community + ", " + category + "]";
    }
}

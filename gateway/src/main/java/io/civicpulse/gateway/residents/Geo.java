// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

/** Distances on the WGS84 sphere; accurate to well under a metre at the radii used for merging (≤ 1 km). */
public final class Geo {
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private Geo() {
    }

    /**
     * @return great-circle (haversine) distance between two WGS84 positions, in metres
     */
    public static double metres(final double lat1, final double lon1, final double lat2, final double lon2) {
        final double dLat = Math.toRadians(lat2 - lat1);
        final double dLon = Math.toRadians(lon2 - lon1);
        final double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /**
     * @param value    a coordinate
     * @param decimals decimals to keep (3 ≈ 110 m)
     * @return the coordinate rounded, so a position near a home cannot be read off exactly
     */
    public static double round(final double value, final int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import io.civicpulse.simulators.DeterministicRandom;
import io.civicpulse.simulators.device.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Places a fleet around the community centre (30.2741 N, 120.1551 E), deterministically from the seed.
 *
 * <p>Streetlights stand in rows of ten along straight road segments 25 m apart; bins are scattered
 * over the whole community; gates sit near its edge, where entrances are. Everything lies within about
 * 500 m of the centre. Each device's position comes from its own random stream, so changing one count
 * does not move the devices of another type.
 */
public final class FleetLayout {

    public static final double CENTRE_LAT = 30.2741;
    public static final double CENTRE_LON = 120.1551;
    public static final int LAMPS_PER_SEGMENT = 10;
    private static final double METRES_PER_DEGREE_LAT = 111_320.0;
    private static final double LAMP_SPACING_M = 25.0;
    private static final double SEGMENT_CENTRE_RADIUS_M = 300.0;
    private static final double BIN_RADIUS_M = 450.0;
    private static final double GATE_MIN_RADIUS_M = 380.0;
    private static final double GATE_MAX_RADIUS_M = 480.0;

    private FleetLayout() {
    }

    /** Every device of {@code shape}: streetlights, then bins, then gates, each in id order. */
    public static List<DeviceIdentity> devices(final FleetShape shape) {
        final List<DeviceIdentity> devices = new ArrayList<>(shape.size());
        for (int n = 1; n <= shape.streetlights(); n++) {
            devices.add(streetlight(shape, n));
        }
        for (int n = 1; n <= shape.bins(); n++) {
            final String id = DeviceType.BIN.deviceId(n, shape.bins());
            devices.add(scattered(shape, DeviceType.BIN, id, 0.0, BIN_RADIUS_M));
        }
        for (int n = 1; n <= shape.gates(); n++) {
            final String id = DeviceType.GATE.deviceId(n, shape.gates());
            devices.add(scattered(shape, DeviceType.GATE, id, GATE_MIN_RADIUS_M, GATE_MAX_RADIUS_M));
        }
        return devices;
    }

    private static DeviceIdentity streetlight(final FleetShape shape, final int number) {
        final int segmentNumber = (number - 1) / LAMPS_PER_SEGMENT + 1;
        final int segmentCount = (shape.streetlights() + LAMPS_PER_SEGMENT - 1) / LAMPS_PER_SEGMENT;
        final String segment = "seg-" + String.format(Locale.ROOT, "%0" + Math.max(2, digits(segmentCount)) + "d",
                segmentNumber);
        final SplittableRandom random = DeterministicRandom.forKey(shape.seed(), "segment:" + segment);
        final double[] centre = pointInRing(random, 0.0, SEGMENT_CENTRE_RADIUS_M);
        final double bearing = random.nextDouble() * Math.PI;
        final double along = ((number - 1) % LAMPS_PER_SEGMENT - (LAMPS_PER_SEGMENT - 1) / 2.0) * LAMP_SPACING_M;
        final double east = centre[0] + along * Math.sin(bearing);
        final double north = centre[1] + along * Math.cos(bearing);
        // The whole segment shares one area (that of its centre) so one road is one crew's patch.
        return identity(shape, DeviceType.STREETLIGHT, DeviceType.STREETLIGHT.deviceId(number, shape.streetlights()),
                east, north, area(centre[0], centre[1]), segment);
    }

    private static DeviceIdentity scattered(final FleetShape shape, final DeviceType type, final String id,
                                            final double minRadius, final double maxRadius) {
        final SplittableRandom random = DeterministicRandom.forKey(shape.seed(), "position:" + id);
        final double[] point = pointInRing(random, minRadius, maxRadius);
        return identity(shape, type, id, point[0], point[1], area(point[0], point[1]), null);
    }

    private static DeviceIdentity identity(final FleetShape shape, final DeviceType type, final String id,
                                           final double east, final double north, final String area,
                                           final String segment) {
        final double lat = CENTRE_LAT + north / METRES_PER_DEGREE_LAT;
        final double lon = CENTRE_LON + east / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(CENTRE_LAT)));
        return new DeviceIdentity(id, type, shape.community(), round6(lat), round6(lon), area, segment);
    }

    /** A uniformly distributed point (east, north in metres) in the ring between the two radii. */
    private static double[] pointInRing(final SplittableRandom random, final double minRadius, final double maxRadius) {
        final double inner = minRadius * minRadius;
        final double radius = Math.sqrt(inner + random.nextDouble() * (maxRadius * maxRadius - inner));
        final double angle = random.nextDouble() * 2 * Math.PI;
        return new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
    }

    /** The compass quarter of the community an offset from the centre lies in. */
    static String area(final double east, final double north) {
        if (Math.abs(north) >= Math.abs(east)) {
            return north >= 0 ? "north" : "south";
        }
        return east >= 0 ? "east" : "west";
    }

    private static double round6(final double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static int digits(final int value) {
        return Integer.toString(value).length();
    }
}

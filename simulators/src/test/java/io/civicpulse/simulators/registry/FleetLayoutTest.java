// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicpulse.simulators.device.DeviceType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetLayoutTest {

    @Test
    void devices_demoFleet_idsInRegistryOrder() {
        final List<DeviceIdentity> devices = FleetLayout.devices(FleetShape.demo());

        assertThat(devices).hasSize(110);
        assertThat(devices.get(0).id()).isEqualTo("sl-001");
        assertThat(devices.get(49).id()).isEqualTo("sl-050");
        assertThat(devices.get(50).id()).isEqualTo("bin-001");
        assertThat(devices.get(100).id()).isEqualTo("gate-001");
        assertThat(devices.get(109).id()).isEqualTo("gate-010");
        assertThat(devices).extracting(DeviceIdentity::community).containsOnly("lakeside");
        assertThat(devices.get(0).telemetryTopic()).isEqualTo("cp/lakeside/streetlight/sl-001/telemetry");
    }

    @Test
    void devices_sameSeed_identicalFleet() {
        assertThat(FleetLayout.devices(FleetShape.demo())).isEqualTo(FleetLayout.devices(FleetShape.demo()));
    }

    @Test
    void devices_otherSeed_otherPositions() {
        final DeviceIdentity seed42 = FleetLayout.devices(FleetShape.demo()).get(60);
        final DeviceIdentity seed7 = FleetLayout.devices(new FleetShape(7, 50, 50, 10, "lakeside")).get(60);

        assertThat(seed7.id()).isEqualTo(seed42.id());
        assertThat(seed7.lat()).isNotEqualTo(seed42.lat());
    }

    @Test
    void devices_moreBins_streetlightsStayPut() {
        final List<DeviceIdentity> small = FleetLayout.devices(new FleetShape(42, 20, 5, 1, "lakeside"));
        final List<DeviceIdentity> large = FleetLayout.devices(new FleetShape(42, 20, 80, 9, "lakeside"));

        assertThat(large.subList(0, 20)).isEqualTo(small.subList(0, 20));
    }

    @Test
    void devices_allWithin500MetresOfTheCentre() {
        for (final DeviceIdentity device : FleetLayout.devices(FleetShape.demo())) {
            final double north = (device.lat() - FleetLayout.CENTRE_LAT) * 111_320;
            final double east = (device.lon() - FleetLayout.CENTRE_LON) * 111_320
                    * Math.cos(Math.toRadians(FleetLayout.CENTRE_LAT));

            assertThat(Math.hypot(north, east)).as(device.id()).isLessThan(500.0);
            assertThat(device.area()).isIn("north", "south", "east", "west");
        }
    }

    @Test
    void devices_streetlights_tenPerSegmentSharingOneArea() {
        final Map<String, List<DeviceIdentity>> bySegment = FleetLayout.devices(FleetShape.demo()).stream()
                .filter(device -> device.type() == DeviceType.STREETLIGHT)
                .collect(Collectors.groupingBy(DeviceIdentity::segment));

        assertThat(bySegment).containsOnlyKeys("seg-01", "seg-02", "seg-03", "seg-04", "seg-05");
        bySegment.values().forEach(lamps -> {
            assertThat(lamps).hasSize(10);
            assertThat(lamps).extracting(DeviceIdentity::area).containsOnly(lamps.get(0).area());
        });
        assertThat(FleetLayout.devices(FleetShape.demo()).get(50).segment()).isNull();
    }

    @Test
    void fleetShape_badValues_refusedWithName() {
        assertThatThrownBy(() -> new FleetShape(1, -1, 0, 0, "lakeside"))
                .hasMessage("streetlights must be within 0..999999, was -1");
        assertThatThrownBy(() -> new FleetShape(1, 0, 0, 0, "Lake/Side"))
                .hasMessageContaining("community 'Lake/Side' must match");
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicpulse.simulators.device.FaultKind;
import io.civicpulse.simulators.registry.DeviceIdentity;
import io.civicpulse.simulators.registry.FleetLayout;
import io.civicpulse.simulators.registry.FleetShape;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlannerTest {

    private static final List<DeviceIdentity> DEMO = FleetLayout.devices(FleetShape.demo());

    @Test
    void plan_picksDevicesOfTheFaultsTypeOnly() {
        final List<FaultAssignment> plan = FaultPlanner.plan(42, DEMO, List.of(
                FaultSpec.parse("lamp-out:10%"), FaultSpec.parse("battery-low:2"), FaultSpec.parse("gate-held:1@30s")));

        assertThat(plan).hasSize(5 + 2 + 1);
        assertThat(plan.subList(0, 5)).allSatisfy(a -> {
            assertThat(a.deviceId()).startsWith("sl-");
            assertThat(a.kind()).isEqualTo(FaultKind.LAMP_OUT);
        });
        assertThat(plan.subList(5, 7)).allSatisfy(a -> assertThat(a.deviceId()).startsWith("bin-"));
        assertThat(plan.get(7).deviceId()).startsWith("gate-");
        assertThat(plan.get(7).delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.subList(0, 5)).extracting(FaultAssignment::deviceId).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void plan_sameSeed_sameDevices_otherSeed_otherDevices() {
        final List<FaultSpec> specs = List.of(FaultSpec.parse("bin-fire:10%"));

        final List<FaultAssignment> first = FaultPlanner.plan(42, DEMO, specs);
        final List<FaultAssignment> again = FaultPlanner.plan(42, DEMO, specs);
        final List<FaultAssignment> other = FaultPlanner.plan(7, DEMO, specs);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void plan_countAboveFleet_refusedNamingTheShortfall() {
        assertThatThrownBy(() -> FaultPlanner.plan(42, DEMO, List.of(FaultSpec.parse("gate-held:11"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault gate-held:11 needs 11 gate device(s) but the fleet has 10");
    }

    @Test
    void fleetRunner_constructor_plansWithoutConnecting() {
        final FleetRunner runner = new FleetRunner(FleetOptions.builder()
                .shape(new FleetShape(42, 3, 2, 1, "lakeside"))
                .fault(FaultSpec.parse("bin-full:1"))
                .build());

        assertThat(runner.devices()).hasSize(6);
        assertThat(runner.faultAssignments()).singleElement()
                .satisfies(a -> assertThat(a.deviceId()).startsWith("bin-"));
        assertThat(runner.isRunning()).isFalse();
        assertThat(runner.statistics().statusLine())
                .isEqualTo("connected 0/6  sent 0  acked 0  rejected 0  errors 0");
        runner.stop();
    }

    @Test
    void fleetOptions_badValues_refused() {
        assertThatThrownBy(() -> FleetOptions.builder().qos(2).build()).hasMessage("qos must be 0 or 1, was 2");
        assertThatThrownBy(() -> FleetOptions.builder().interval(Duration.ofMillis(1)).build())
                .hasMessage("interval must be at least 10ms, was 1ms");
    }
}

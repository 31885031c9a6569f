// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicpulse.simulators.fleet.FleetOptions;
import io.civicpulse.simulators.load.LoadOptions;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The --mqtt/--protocol/--qos mixin that fleet and load share. */
class MqttOptionsTest {

    @Test
    void applyTo_givenValues_reachBothBuilders() {
        final MqttOptions options = parse("--mqtt", "[::1]:1999", "--protocol", "3", "--qos", "0");

        final FleetOptions fleet = options.applyTo(FleetOptions.builder()).build();
        final LoadOptions load = options.applyTo(LoadOptions.builder()).build();

        assertThat(fleet.endpoint()).isEqualTo(new MqttEndpoint("::1", 1999));
        assertThat(fleet.protocol()).isEqualTo(MqttProtocol.V3);
        assertThat(fleet.qos()).isZero();
        assertThat(load.endpoint()).isEqualTo(fleet.endpoint());
        assertThat(load.protocol()).isEqualTo(MqttProtocol.V3);
        assertThat(load.qos()).isZero();
    }

    @Test
    void applyTo_defaults_matchTheBuilders() {
        final FleetOptions fleet = parse().applyTo(FleetOptions.builder()).build();
        final FleetOptions builderDefaults = FleetOptions.builder().build();

        assertThat(fleet.endpoint()).isEqualTo(MqttEndpoint.DEFAULT).isEqualTo(builderDefaults.endpoint());
        assertThat(fleet.protocol()).isEqualTo(MqttProtocol.V5).isEqualTo(builderDefaults.protocol());
        assertThat(fleet.qos()).isEqualTo(1).isEqualTo(builderDefaults.qos());
    }

    @Test
    void fleetAndLoad_bothOfferTheSharedOptions() {
        for (final String command : new String[] {"fleet", "load"}) {
            final String help = help(command);
            assertThat(help).contains("--mqtt=HOST:PORT      Gateway MQTT listener (default: 127.0.0.1:1883).")
                    .contains("--protocol=5|3        MQTT 5 or 3.1.1 (default: 5).")
                    .contains("--qos=0|1             Publish QoS (default: 1).");
        }
    }

    @Test
    void load_badQos_usageErrorNamingIt() {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = SimulatorsCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("load", "--qos", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("qos must be 0 or 1, was 2");
    }

    private static MqttOptions parse(final String... args) {
        final MqttOptions options = new MqttOptions();
        final CommandLine commandLine = new CommandLine(options);
        // The real command line registers MqttClientKind's parser; a bare one needs lower-case enum names allowed.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.registerConverter(MqttEndpoint.class, MqttEndpoint::parse);
        commandLine.registerConverter(MqttProtocol.class, MqttProtocol::parse);
        commandLine.parseArgs(args);
        return options;
    }

    private static String help(final String command) {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = SimulatorsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute(command, "--help")).isZero();
        return out.toString();
    }
}

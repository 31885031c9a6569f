// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.Durations;
import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.fleet.FaultSpec;
import io.civicpulse.simulators.load.LoadProfile;
import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.payload.PayloadFormat;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: {@code civicpulse-simulators registry|fleet|load|scenario|replay}. */
@Command(name = "civicpulse-simulators", mixinStandardHelpOptions = true,
        versionProvider = SimulatorsCommand.Version.class,
        description = {
            "Simulated CivicPulse devices that talk to the gateway over MQTT, like real ones.",
            "The same --seed always gives the same ids, positions, secrets, behaviour and faults, so 'registry"
                + " --seed S' writes exactly the credentials 'fleet --seed S' and 'load --seed S' use.",
        },
        subcommands = {RegistryCommand.class, FleetCommand.class, LoadCommand.class, ScenarioCommand.class,
            ReplayCommand.class, CommandLine.HelpCommand.class})
public final class SimulatorsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** A command line with the converters for durations, addresses, protocols, faults and night windows. */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new SimulatorsCommand());
        commandLine.registerConverter(Duration.class, converter(Durations::parse));
        commandLine.registerConverter(MqttEndpoint.class, converter(MqttEndpoint::parse));
        commandLine.registerConverter(MqttProtocol.class, converter(MqttProtocol::parse));
        commandLine.registerConverter(FaultSpec.class, converter(FaultSpec::parse));
        commandLine.registerConverter(NightWindow.class, converter(NightWindow::parse));
        commandLine.registerConverter(ZoneId.class, SimulatorsCommand::zone);
        commandLine.registerConverter(MqttClientKind.class, converter(MqttClientKind::parse));
        commandLine.registerConverter(PayloadFormat.class, converter(PayloadFormat::parse));
        commandLine.registerConverter(LoadProfile.class, converter(LoadProfile::parse));
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: registry, fleet, load, scenario or replay");
    }

    /**
     * The value {@code build} returns; its IllegalArgumentException (a bad option value or combination)
     * becomes a usage error of {@code spec}'s command, so picocli prints the message and the usage.
     */
    static <T> T orUsageError(final CommandSpec spec, final Supplier<T> build) {
        try {
            return build.get();
        } catch (final IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Turns our parsers' IllegalArgumentException into picocli's "Invalid value for option" message. */
    private static <T> ITypeConverter<T> converter(final ITypeConverter<T> parser) {
        return text -> {
            try {
                return parser.convert(text);
            } catch (final IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }

    private static ZoneId zone(final String text) {
        try {
            return ZoneId.of(text);
        } catch (final DateTimeException e) {
            throw new CommandLine.TypeConversionException("unknown time zone '" + text
                    + "': use a region id such as Asia/Shanghai or Europe/Berlin");
        }
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = SimulatorsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"civicpulse-simulators " + (version == null ? "(development build)" : version)};
        }
    }
}

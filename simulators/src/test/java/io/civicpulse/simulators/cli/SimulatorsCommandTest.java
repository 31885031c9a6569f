// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exercises argument handling only: nothing here connects anywhere. */
class SimulatorsCommandTest {

    private final StringWriter err = new StringWriter();

    @Test
    void registry_toFile_writesTheFleet(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("devices.yaml");

        final int code = run("registry", "--streetlights", "2", "--bins", "1", "--gates", "0", "--bcrypt-cost", "4",
                "--out", out.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(out)).contains("id: sl-002").contains("id: bin-001").doesNotContain("gate-");
    }

    @Test
    void registry_badCost_usageErrorNamingIt() {
        assertThat(run("registry", "--bcrypt-cost", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("bcrypt cost must be within 4..31, was 2");
    }

    @Test
    void fleet_badFault_usageErrorBeforeConnecting() {
        assertThat(run("fleet", "--fault", "lamp-out:150%")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--fault'")
                .contains("fault percentage must be above 0 and at most 100");
    }

    @Test
    void fleet_faultBeyondFleet_usageError() {
        assertThat(run("fleet", "--gates", "1", "--fault", "gate-held:2")).isEqualTo(2);
        assertThat(err.toString()).contains("fault gate-held:2 needs 2 gate device(s) but the fleet has 1");
    }

    @Test
    void fleet_badNightWindowOrAddress_usageErrors() {
        assertThat(run("fleet", "--night-window", "dusk-dawn")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid night window 'dusk-dawn'");
        assertThat(run("fleet", "--mqtt", "localhost")).isEqualTo(2);
        assertThat(err.toString()).contains("expected HOST:PORT");
    }

    @Test
    void load_badWindow_usageError() {
        assertThat(run("load", "--window", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("window must be within 1..10000, was 0");
    }

    @Test
    void noCommand_usageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command: registry, fleet, load, scenario or replay");
    }

    private int run(final String... args) {
        final CommandLine commandLine = SimulatorsCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }
}

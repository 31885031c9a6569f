// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

class RegistryWriterTest {

    private static final FleetShape SMALL = new FleetShape(42, 2, 1, 1, "lakeside");

    @Test
    void write_smallFleet_headerAndOneEntryPerDevice() throws IOException {
        final String yaml = render(SMALL, 4, 10);

        assertThat(yaml).startsWith("# Device registry: who may connect, with which secret (bcrypt hash),"
                + " where the device stands.\n# Written by: civicpulse-simulators registry --seed 42 --streetlights 2"
                + " --bins 1 --gates 1 --community lakeside --interval 10 --bcrypt-cost 4\n");
        assertThat(yaml).contains("Simulated credentials only").contains("\ndevices:\n  - id: sl-001\n");
        final List<Map<String, String>> entries = entries(yaml);
        assertThat(entries).extracting(entry -> entry.get("id"))
                .containsExactly("sl-001", "sl-002", "bin-001", "gate-001");
        assertThat(entries).extracting(entry -> entry.get("type"))
                .containsExactly("streetlight", "streetlight", "bin", "gate");
        assertThat(entries.get(0)).containsEntry("community", "lakeside").containsEntry("intervalSeconds", "10")
                .containsEntry("segment", "seg-01");
        assertThat(entries.get(2)).doesNotContainKey("segment");
        assertThat(entries.get(0).get("lat")).matches("30\\.\\d{6}");
        assertThat(entries.get(0).get("lon")).matches("120\\.\\d{6}");
    }

    @Test
    void write_hashes_verifyAgainstDerivedSecretsOnly() throws IOException {
        final List<Map<String, String>> entries = entries(render(SMALL, 4, 10));

        for (final Map<String, String> entry : entries) {
            final String hash = unquote(entry.get("passwordHash"));
            assertThat(hash).startsWith("$2a$04$");
            assertThat(BCrypt.checkpw(DeviceSecrets.secret(42, entry.get("id")), hash)).isTrue();
            assertThat(BCrypt.checkpw(DeviceSecrets.secret(43, entry.get("id")), hash)).isFalse();
        }
    }

    @Test
    void write_sameSeed_sameEntriesExceptSalts() throws IOException {
        final List<Map<String, String>> first = entries(render(SMALL, 4, 10));
        final List<Map<String, String>> second = entries(render(SMALL, 4, 10));

        first.forEach(entry -> entry.remove("passwordHash"));
        second.forEach(entry -> entry.remove("passwordHash"));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void write_toFile_createsFolders(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("config/devices.yaml");

        new RegistryWriter(4, 30).write(SMALL, file);

        assertThat(Files.readString(file)).contains("intervalSeconds: 30").contains("id: gate-001");
    }

    @Test
    void constructor_badCostOrInterval_refused() {
        assertThatThrownBy(() -> new RegistryWriter(3, 10)).hasMessage("bcrypt cost must be within 4..31, was 3");
        assertThatThrownBy(() -> new RegistryWriter(6, 0)).hasMessage("interval must be at least 1 second, was 0");
    }

    private static String render(final FleetShape shape, final int cost, final int interval) throws IOException {
        final StringBuilder out = new StringBuilder();
        new RegistryWriter(cost, interval).write(shape, out);
        return out.toString();
    }

    /** Reads the flat "  - key: value" list the writer produces. */
    private static List<Map<String, String>> entries(final String yaml) {
        final List<Map<String, String>> entries = new ArrayList<>();
        for (final String line : yaml.split("\n")) {
            if (line.startsWith("  - ")) {
                entries.add(new LinkedHashMap<>());
            }
            if (line.startsWith("  - ") || line.startsWith("    ")) {
                final String pair = line.substring(4);
                final int colon = pair.indexOf(": ");
                entries.get(entries.size() - 1).put(pair.substring(0, colon), pair.substring(colon + 2));
            }
        }
        return entries;
    }

    private static String unquote(final String value) {
        assertThat(value).startsWith("\"").endsWith("\"");
        return value.substring(1, value.length() - 1);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.registry;

import io.civicpulse.gateway.config.ConfigException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** devices.yaml and crews.yaml: valid files load; each mistake names the file, the entry and the field. */
class RegistryLoaderTest {
    private static final String SECRET = "s3cret-Value!";
    private static final String HASH = BCrypt.hashpw(SECRET, BCrypt.gensalt(4));
    /** The 53 salt-and-digest characters of {@link #HASH}, which must not leak either. */
    private static final String HASH_TAIL = HASH.substring(7);

    @TempDir
    Path dir;

    /** Copies a fixture from {@code registry/}, filling in {@code {{HASH}}} and {@code {{SECRET}}}. */
    private Path fixture(final String name, final String hash) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("registry/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture registry/" + name);
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{HASH}}", hash).replace("{{SECRET}}", SECRET);
            return Files.writeString(dir.resolve(name), text);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path fixture(final String name) {
        return fixture(name, HASH);
    }

    private String failureOf(final Path devices, final Path crews) {
        final ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> RegistryLoader.load(devices, crews));
        assertThat(e).as("%s + %s must be refused", devices.getFileName(), crews.getFileName()).isNotNull();
        return e.getMessage();
    }

    @Test
    void load_validFiles_registersEveryDeviceWithItsFields() throws Exception {
        // given
        final Path devices = fixture("devices-valid.yaml");
        final Path crews = fixture("crews-valid.yaml");

        // when
        final Registry registry = RegistryLoader.load(devices, crews);

        // then
        assertThat(registry.devices()).extracting(Device::id)
                .containsExactlyInAnyOrder("sl-001", "bin-001", "gate.north_1");
        final Device lamp = registry.device("sl-001").orElseThrow();
        assertThat(lamp).isEqualTo(new Device("sl-001", "streetlight", "lakeside", HASH, 10, 30.271421, 120.156241,
                "south", "seg-01"));
        assertThat(lamp.telemetryTopic()).isEqualTo("cp/lakeside/streetlight/sl-001/telemetry");
        final Device bin = registry.device("bin-001").orElseThrow();
        assertThat(bin.intervalSeconds()).isEqualTo(60);
        assertThat(bin.lat()).isNaN();
        assertThat(bin.lon()).isNaN();
        assertThat(bin.area()).isEmpty();
        assertThat(bin.segment()).isEmpty();
        final Device gate = registry.device("gate.north_1").orElseThrow();
        assertThat(gate.intervalSeconds()).as("default interval").isEqualTo(10);
        assertThat(gate.telemetryTopic()).isEqualTo("cp/riverside-2/gate/gate.north_1/telemetry");
        assertThat(registry.device("sl-999")).isEmpty();
        assertThat(BCrypt.checkpw(SECRET, lamp.passwordHash())).isTrue();
    }

    @Test
    void load_devicesWithDevEui_areFoundByDevEuiInEitherCase() throws Exception {
        // given
        final Path devices = fixture("devices-deveui.yaml");

        // when
        final Registry registry = RegistryLoader.load(devices, fixture("crews-valid.yaml"));

        // then the DevEUI is kept lower-case and looked up without regard to case
        final Device bin = registry.device("bin-lora-01").orElseThrow();
        assertThat(bin.devEui()).isEqualTo("7cf95720fc015fef");
        assertThat(bin.hasDevEui()).isTrue();
        assertThat(registry.deviceByDevEui("7CF95720FC015FEF")).contains(bin);
        assertThat(registry.deviceByDevEui("7cf95720fc015fef")).contains(bin);
        assertThat(registry.deviceByDevEui("1000000000000001")).map(Device::id).contains("gate-lora-01");
        assertThat(registry.device("sl-001").orElseThrow().hasDevEui()).isFalse();
        assertThat(registry.deviceByDevEui("ffffffffffffffff")).isEmpty();
        assertThat(registry.deviceByDevEui("not-an-eui")).isEmpty();
        assertThat(registry.deviceByDevEui(null)).isEmpty();
    }

    @Test
    void load_validFiles_registersEveryCrewWithItsBody() throws Exception {
        // given
        final Path devices = fixture("devices-valid.yaml");
        final Path crews = fixture("crews-valid.yaml");

        // when
        final Registry registry = RegistryLoader.load(devices, crews);

        // then
        assertThat(registry.crews()).extracting(CrewAccount::username)
                .containsExactlyInAnyOrder("lighting-crew", "sanitation-crew");
        assertThat(registry.crew("lighting-crew").orElseThrow().bodyId()).isEqualTo("district-lighting");
        assertThat(registry.crew("sl-001")).as("a device is not a crew").isEmpty();
        assertThat(registry.device("lighting-crew")).as("a crew is not a device").isEmpty();
    }

    @Test
    void load_emptyLists_giveAnEmptyRegistry() throws Exception {
        // given
        // when
        final Registry registry = RegistryLoader.load(fixture("devices-empty-list.yaml"),
                fixture("crews-empty-list.yaml"));

        // then
        assertThat(registry.devices()).isEmpty();
        assertThat(registry.crews()).isEmpty();
    }

    @Test
    void load_repositoryFiles_load() throws Exception {
        // given the shipped crews.yaml and devices.yaml (a fixture stands in while devices.yaml is generated)
        final Path config = repositoryConfigFolder();
        final Path devices = Files.isRegularFile(config.resolve("devices.yaml")) ? config.resolve("devices.yaml")
                : fixture("devices-valid.yaml");

        // when
        final Registry registry = RegistryLoader.load(devices, config.resolve("crews.yaml"));

        // then
        assertThat(registry.devices()).isNotEmpty();
        assertThat(registry.crews()).extracting(CrewAccount::username).contains("lighting-crew", "ops-crew");
        assertThat(registry.devices()).allSatisfy(d -> assertThat(RegistryLoader.DEVICE_TYPES).contains(d.type()));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            devices-duplicate-id.yaml   | crews-valid.yaml             | devices[2].id: 'bin-001' is listed twice
            devices-bad-type.yaml       | crews-valid.yaml             | devices[0].type: 'lamp' is not valid
            devices-missing-type.yaml   | crews-valid.yaml             | devices[0].type: 'null'
            devices-bad-community.yaml  | crews-valid.yaml             | devices[0].community: 'Lake Side'
            devices-bad-id.yaml         | crews-valid.yaml             | devices[0].id: 'sl/001'
            devices-bad-interval.yaml   | crews-valid.yaml             | devices[0].intervalSeconds: '0'
            devices-unknown-field.yaml  | crews-valid.yaml             | colour
            devices-duplicate-key.yaml  | crews-valid.yaml             | 'id'
            devices-plain-password.yaml | crews-valid.yaml             | devices[0].passwordHash: '<hidden>'
            devices-bad-deveui.yaml     | crews-valid.yaml             | devices[0].devEui: '7C-F9-57-20-FC-01-5F-EF'
            devices-duplicate-deveui.yaml | crews-valid.yaml           | devices[1].devEui: '7CF95720FC015FEF' is
            devices-valid.yaml          | crews-clash-with-device.yaml | accounts[1].username: 'bin-001' is already used
            devices-valid.yaml          | crews-duplicate.yaml         | accounts[1].username: 'lighting-crew' is
            devices-valid.yaml          | crews-bad-body.yaml          | accounts[0].body: 'district lighting'
            devices-valid.yaml          | crews-plain-password.yaml    | accounts[0].passwordHash: '<hidden>'
            devices-valid.yaml          | crews-unknown-field.yaml     | password
            """)
    void load_fixtureWithOneMistake_failsNamingFileEntryAndField(final String devicesFixture,
                                                                 final String crewsFixture, final String expected) {
        // given
        final Path devices = fixture(devicesFixture);
        final Path crews = fixture(crewsFixture);
        final String wrongFile = devicesFixture.endsWith("valid.yaml") ? crewsFixture : devicesFixture;

        // when
        final String message = failureOf(devices, crews);

        // then
        assertThat(message).contains(wrongFile).contains(expected).doesNotContain(SECRET);
    }

    @Test
    void load_crewNamedLikeADevice_isRefused() {
        // given a crew account whose user name is a device id (the device's id is also its MQTT user name)
        final Path devices = fixture("devices-valid.yaml");
        final Path crews = fixture("crews-clash-with-device.yaml");

        // when
        final String message = failureOf(devices, crews);

        // then
        assertThat(message).contains("crews-clash-with-device.yaml: accounts[1].username: 'bin-001'")
                .contains("another account or device");
    }

    static Stream<Arguments> badHashes() {
        return Stream.of(
                arguments(Named.of("plain secret", SECRET)),
                arguments(Named.of("truncated", HASH.substring(0, 40))),
                arguments(Named.of("one character too many", HASH + "x")),
                arguments(Named.of("unknown version $2x$", "$2x$" + HASH.substring(4))),
                arguments(Named.of("one-digit cost", "$2a$4$" + HASH_TAIL)),
                arguments(Named.of("illegal character", HASH.substring(0, 59) + "!")),
                arguments(Named.of("cost 99 (bcrypt allows 4 to 31)", "$2a$99$" + HASH_TAIL)),
                arguments(Named.of("cost 03 (bcrypt allows 4 to 31)", "$2a$03$" + HASH_TAIL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHashes")
    void load_badDeviceHash_failsWithoutShowingTheHash(final String badHash) {
        // given
        final Path devices = fixture("devices-valid.yaml", badHash);
        final Path crews = fixture("crews-valid.yaml");

        // when
        final String message = failureOf(devices, crews);

        // then
        assertThat(message).contains("devices-valid.yaml: devices[0].passwordHash")
                .doesNotContain(badHash).doesNotContain(HASH_TAIL.substring(22)).doesNotContain(SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHashes")
    void load_badCrewHash_failsWithoutShowingTheHash(final String badHash) {
        // given
        final Path devices = fixture("devices-valid.yaml");
        final Path crews = fixture("crews-valid.yaml", badHash);

        // when
        final String message = failureOf(devices, crews);

        // then
        assertThat(message).contains("crews-valid.yaml: accounts[0].passwordHash")
                .doesNotContain(badHash).doesNotContain(HASH_TAIL.substring(22)).doesNotContain(SECRET);
    }

    @Test
    void load_missingFile_failsNamingIt() {
        // given
        final Path devices = dir.resolve("absent-devices.yaml");
        final Path crews = fixture("crews-valid.yaml");

        // when
        final String message = failureOf(devices, crews);

        // then
        assertThat(message).contains("absent-devices.yaml");
    }

    @Test
    void load_notYaml_failsNamingFileAndLine() throws Exception {
        // given
        final Path devices = Files.writeString(dir.resolve("broken.yaml"), "devices:\n  - id: [unclosed\n");
        final Path crews = fixture("crews-valid.yaml");

        // when
        final String message = failureOf(devices, crews);

        // then
        assertThat(message).contains("broken.yaml").contains("line");
    }

    private static Path repositoryConfigFolder() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("config").resolve("crews.yaml"))) {
                return p.resolve("config");
            }
            p = p.getParent();
        }
        throw new IllegalStateException("no config/crews.yaml above " + Path.of("").toAbsolutePath());
    }
}

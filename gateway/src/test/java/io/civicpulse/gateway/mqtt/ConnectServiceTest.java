// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.civicpulse.gateway.mqtt.MqttFixtures.BIN;
import static io.civicpulse.gateway.mqtt.MqttFixtures.BIN_SECRET;
import static io.civicpulse.gateway.mqtt.MqttFixtures.CREW;
import static io.civicpulse.gateway.mqtt.MqttFixtures.CREW_BODY;
import static io.civicpulse.gateway.mqtt.MqttFixtures.CREW_SECRET;
import static io.civicpulse.gateway.mqtt.MqttFixtures.LAMP;
import static org.assertj.core.api.Assertions.assertThat;

/** Identity and password checks of CONNECT. */
class ConnectServiceTest {
    @TempDir
    Path dir;

    private ConnectService service;

    @BeforeEach
    void createService() throws Exception {
        final Registry registry = MqttFixtures.registry(dir);
        service = new ConnectService(registry, 2, 16);
    }

    @AfterEach
    void closeService() {
        service.close();
    }

    private ConnectDecision authenticate(final String clientId, final String user, final String password)
            throws Exception {
        final byte[] bytes = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        return service.authenticate(clientId, user, bytes).get(10, TimeUnit.SECONDS);
    }

    @Test
    void authenticate_deviceWithItsSecret_isAcceptedAsThatDevice() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate(BIN, BIN, BIN_SECRET);

        // then
        assertThat(d.accepted()).isTrue();
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.ACCEPTED);
        assertThat(d.identity()).isInstanceOfSatisfying(ClientIdentity.DeviceClient.class,
                c -> assertThat(c.device().id()).isEqualTo(BIN));
        assertThat(d.identity().name()).isEqualTo(BIN);
    }

    @Test
    void authenticate_wrongPassword_isBadCredentialsWithoutThePassword() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate(BIN, BIN, "guess-123");

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
        assertThat(d.identity()).isNull();
        assertThat(d.reason()).contains(BIN).doesNotContain("guess-123");
    }

    @Test
    void authenticate_anotherDevicesSecret_isBadCredentials() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate(LAMP, LAMP, BIN_SECRET);

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
    }

    @Test
    void authenticate_unknownClientId_isUnknownClient() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate("bin-999", "bin-999", BIN_SECRET);

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.UNKNOWN_CLIENT);
        assertThat(d.reason()).contains("bin-999").doesNotContain(BIN_SECRET);
    }

    @Test
    void authenticate_deviceWithAnotherUserName_isBadCredentials() throws Exception {
        // given the right secret, but a user name that is not the client id
        // when
        final ConnectDecision d = authenticate(BIN, "someone", BIN_SECRET);

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
        assertThat(d.reason()).contains("must use its id as user name");
    }

    @Test
    void authenticate_deviceWithoutUserName_isBadCredentials() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate(BIN, null, BIN_SECRET);

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
    }

    @Test
    void authenticate_crewWithAnyClientId_isAcceptedAsThatCrew() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate("phone-4711", CREW, CREW_SECRET);

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.ACCEPTED);
        assertThat(d.identity()).isInstanceOfSatisfying(ClientIdentity.CrewClient.class,
                c -> assertThat(c.account().bodyId()).isEqualTo(CREW_BODY));
        assertThat(d.identity().name()).isEqualTo(CREW);
    }

    @Test
    void authenticate_crewWithWrongPassword_isBadCredentials() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate("phone-4711", CREW, BIN_SECRET);

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
        assertThat(d.reason()).contains(CREW);
    }

    @Test
    void authenticate_emptyPassword_isBadCredentials() throws Exception {
        // given
        // when
        final ConnectDecision device = authenticate(BIN, BIN, "");
        final ConnectDecision crew = authenticate("phone", CREW, "");

        // then
        assertThat(device.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
        assertThat(device.reason()).contains("sent no password");
        assertThat(crew.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
    }

    @Test
    void authenticate_noPassword_isBadCredentials() throws Exception {
        // given
        // when
        final ConnectDecision d = authenticate(BIN, BIN, null);

        // then
        assertThat(d.outcome()).isEqualTo(ConnectOutcome.BAD_CREDENTIALS);
    }

    @Test
    void connectOutcome_codes_matchTheDeviceProtocol() {
        // given docs/device-protocol.md: unknown 0x85 / 2, wrong password 0x86 / 4, protocol 0x84 / 1
        // when
        // then
        assertThat(ConnectOutcome.UNKNOWN_CLIENT.code(true).byteValue()).isEqualTo((byte) 0x85);
        assertThat(ConnectOutcome.UNKNOWN_CLIENT.code(false).byteValue()).isEqualTo((byte) 2);
        assertThat(ConnectOutcome.BAD_CREDENTIALS.code(true).byteValue()).isEqualTo((byte) 0x86);
        assertThat(ConnectOutcome.BAD_CREDENTIALS.code(false).byteValue()).isEqualTo((byte) 4);
        assertThat(ConnectOutcome.UNSUPPORTED_PROTOCOL.code(true).byteValue()).isEqualTo((byte) 0x84);
        assertThat(ConnectOutcome.UNSUPPORTED_PROTOCOL.code(false).byteValue()).isEqualTo((byte) 1);
        assertThat(ConnectOutcome.ACCEPTED.code(true).byteValue()).isZero();
    }
}

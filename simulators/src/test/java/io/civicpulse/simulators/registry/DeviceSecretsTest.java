// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeviceSecretsTest {

    @Test
    void secret_isFirst32HexCharsOfSha256OfSeedAndId() throws Exception {
        final byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("civicpulse-sim:42:sl-001".getBytes(StandardCharsets.UTF_8));

        assertThat(DeviceSecrets.secret(42, "sl-001"))
                .isEqualTo(HexFormat.of().formatHex(digest).substring(0, 32))
                .matches("[0-9a-f]{32}");
    }

    @Test
    void secret_deterministicAndDistinct() {
        assertThat(DeviceSecrets.secret(42, "bin-001")).isEqualTo(DeviceSecrets.secret(42, "bin-001"));
        assertThat(DeviceSecrets.secret(42, "bin-001")).isNotEqualTo(DeviceSecrets.secret(43, "bin-001"));
        assertThat(DeviceSecrets.secret(42, "bin-001")).isNotEqualTo(DeviceSecrets.secret(42, "bin-002"));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped lab configuration loads and opens the broker for conformance suites. */
class LabConfigTest {
    @Test
    void load_labYaml_allowsAnonymousClientsWithAnOpenAcl() throws Exception {
        // given the repository's config/lab.yaml (tests run in the module folder)
        final Path lab = Path.of("..", "config", "lab.yaml").toAbsolutePath().normalize();

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(lab), Map.of(), Map.of());

        // then
        assertThat(c.mqtt().broker().allowAnonymous()).isTrue();
        assertThat(c.mqtt().broker().openAcl()).isTrue();
        assertThat(c.mqtt().broker().maximumQos()).isEqualTo(2);
        assertThat(c.mqtt().tls().enabled()).isFalse();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allowlist check the public-page tests rely on finds a key at any depth, and only there. */
class PublicKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void assertOnly_nestedKeyOutsideTheList_isNamedWithItsPath() throws Exception {
        final var issue = JSON.readTree("[{\"id\":\"SQ-1\",\"timeline\":[{\"at\":\"t\",\"note\":\"n\"},"
                + "{\"at\":\"t\",\"internalNote\":\"x\"}],\"location\":{\"lat\":1,\"deviceId\":\"gate-1\"}}]");

        assertThatThrownBy(() -> PublicKeys.assertOnly("issues", issue, PublicKeys.PUBLIC_ISSUE))
                .hasMessageContaining("$[0].timeline[1].internalNote").hasMessageContaining("$[0].location.deviceId");
    }

    @Test
    void assertOnly_categoryCodesAreKeysOnlyUnderByCategory() throws Exception {
        final var ok = JSON.readTree("{\"bodies\":[{\"bodyId\":\"b\",\"byCategory\":{\"GT-03\":{\"overdue\":0}}}]}");
        final var bad = JSON.readTree("{\"bodies\":[{\"bodyId\":\"b\",\"GT-03\":1,\"byCategory\":{\"gate-1\":{}}}]}");

        assertThatCode(() -> PublicKeys.assertOnly("kpis", ok, PublicKeys.KPIS)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PublicKeys.assertOnly("kpis", bad, PublicKeys.KPIS))
                .hasMessageContaining("$.bodies[0].GT-03").hasMessageContaining("$.bodies[0].byCategory.gate-1");
    }
}

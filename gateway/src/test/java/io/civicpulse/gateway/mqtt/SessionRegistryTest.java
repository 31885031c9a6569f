// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryTest {
    private final SessionRegistry sessions = new SessionRegistry();

    @Test
    void register_sameClientIdTwice_returnsTheReplacedConnection() {
        // given
        final EmbeddedChannel older = new EmbeddedChannel();
        final EmbeddedChannel newer = new EmbeddedChannel();

        // when
        final Object first = sessions.register("bin-001", older);
        final Object second = sessions.register("bin-001", newer);

        // then
        assertThat(first).isNull();
        assertThat(second).isSameAs(older);
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void unregister_replacedConnection_keepsTheNewerOne() {
        // given
        final EmbeddedChannel older = new EmbeddedChannel();
        final EmbeddedChannel newer = new EmbeddedChannel();
        sessions.register("bin-001", older);
        sessions.register("bin-001", newer);

        // when the older connection's close arrives late
        sessions.unregister("bin-001", older);

        // then
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.register("bin-001", newer)).isSameAs(newer);
    }

    @Test
    void unregister_currentConnection_forgetsTheClient() {
        // given
        final EmbeddedChannel ch = new EmbeddedChannel();
        sessions.register("bin-001", ch);
        sessions.register("sl-001", new EmbeddedChannel());

        // when
        sessions.unregister("bin-001", ch);

        // then
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.register("bin-001", ch)).isNull();
    }
}

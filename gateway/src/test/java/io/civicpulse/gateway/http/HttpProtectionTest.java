// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.civicpulse.gateway.config.GatewayConfig;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpProtection} in a bare Javalin: the header deadline closes a connection whose request head stays
 * incomplete, counts it, and leaves whole requests alone. (Bursts and the concurrency cap: {@code HttpOverloadIT}.)
 */
class HttpProtectionTest {
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private Javalin app;

    private int start(final Duration headerTimeout) {
        final GatewayConfig.Http settings = new GatewayConfig.Http("127.0.0.1", 0, headerTimeout,
                Duration.ofSeconds(30), GatewayConfig.HttpLimits.DEFAULTS);
        app = Javalin.create(c -> {
            HttpProtection.install(c, settings, metrics);
            c.routes.get("/x", ctx -> ctx.result("ok"));
        }).start();
        return app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void install_headNeverCompleted_connectionClosedAndCounted() throws Exception {
        // given a 500 ms header timeout
        final int port = start(Duration.ofMillis(500));
        try (Socket s = new Socket("127.0.0.1", port)) {
            // when a client sends half a request line and waits
            s.getOutputStream().write("GET /x HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(20_000);
            final int read = s.getInputStream().read();

            // then the gateway closes the connection without an answer, and counts it
            assertThat(read).as("end of stream").isEqualTo(-1);
            assertThat(metrics.counter(HttpMetrics.HEADER_TIMEOUTS).count()).isEqualTo(1.0);
        }
    }

    @Test
    void install_wholeRequest_answered() throws Exception {
        // given
        final int port = start(Duration.ofMillis(500));
        try (Socket s = new Socket("127.0.0.1", port)) {
            // when
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(20_000);
            final InputStream in = s.getInputStream();

            // then
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200")
                    .endsWith("ok");
            assertThat(metrics.counter(HttpMetrics.HEADER_TIMEOUTS).count()).isZero();
        }
    }
}

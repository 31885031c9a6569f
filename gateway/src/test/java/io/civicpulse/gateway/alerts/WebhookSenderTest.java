// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import io.civicpulse.gateway.alerts.DeliveryLog.Outcome;
import io.civicpulse.gateway.config.RuleOpsConfig.Webhook;
import io.civicpulse.gateway.issues.IssueEvent;
import io.civicpulse.gateway.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Webhook delivery against a real local HTTP receiver: signature, retries with exponential backoff, the log. */
class WebhookSenderTest {
    private static final String SECRET = "0123456789abcdef-secret";
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final DeliveryLog log = new InMemoryDeliveryLog(100);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void send_receiverFailsTwice_retriesWithBackoffThenDelivers() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(503, 500, 204)) {
            // given
            final WebhookSender sender = new WebhookSender(scheduler, log, Clock.systemUTC(), 5,
                    Duration.ofMillis(100));
            final byte[] body = "{\"alertId\":\"AL-1\"}".getBytes(StandardCharsets.UTF_8);

            // when
            sender.send(hook(receiver.url()), alert(), body);

            // then
            await().atMost(Duration.ofSeconds(10)).until(() -> log.query(null, Outcome.DELIVERED, 10).size() == 1);
            final List<WebhookReceiver.Received> got = receiver.received();
            assertThat(got).hasSize(3);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.body()).isEqualTo(body);
                assertThat(r.header("X-CivicPulse-Signature")).isEqualTo(WebhookSender.signature(SECRET, body));
            });
            assertThat(got).extracting(r -> r.header("X-CivicPulse-Attempt")).containsExactly("1", "2", "3");
            // Exponential: >= 100 ms before the 2nd attempt, >= 200 ms before the 3rd.
            assertThat(got.get(1).atNanos() - got.get(0).atNanos()).isGreaterThanOrEqualTo(100_000_000L);
            assertThat(got.get(2).atNanos() - got.get(1).atNanos()).isGreaterThanOrEqualTo(200_000_000L);
            assertThat(log.query("district-lighting", null, 10)).extracting(DeliveryLog.Attempt::outcome,
                    DeliveryLog.Attempt::httpStatus).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Outcome.DELIVERED, 204),
                    org.assertj.core.groups.Tuple.tuple(Outcome.RETRYING, 500),
                    org.assertj.core.groups.Tuple.tuple(Outcome.RETRYING, 503));
        }
    }

    @Test
    void send_receiverAlwaysFails_givesUpAfterMaxAttempts() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            final WebhookSender sender = new WebhookSender(scheduler, log, Clock.systemUTC(), 3,
                    Duration.ofMillis(10));

            sender.send(hook(receiver.url()), alert(), new byte[] {'{', '}'});

            await().atMost(Duration.ofSeconds(10)).until(() -> log.query(null, Outcome.FAILED, 10).size() == 1);
            assertThat(receiver.received()).hasSize(3);
            assertThat(log.query(null, Outcome.FAILED, 10).get(0).error()).isEqualTo("HTTP 500");
        }
    }

    @Test
    void send_nobodyListening_isRetriedAndLoggedWithTheError() throws Exception {
        final URI closed;
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            closed = receiver.url();
        }
        final WebhookSender sender = new WebhookSender(scheduler, log, Clock.systemUTC(), 2, Duration.ofMillis(10));

        sender.send(hook(closed), alert(), new byte[] {'{', '}'});

        await().atMost(Duration.ofSeconds(30)).until(() -> log.query(null, Outcome.FAILED, 10).size() == 1);
        assertThat(log.query(null, null, 10)).extracting(DeliveryLog.Attempt::httpStatus).containsOnly(0);
        assertThat(log.query(null, Outcome.FAILED, 10).get(0).error()).contains("ConnectException");
    }

    @Test
    void delay_doublesAndIsCapped() {
        final WebhookSender sender = new WebhookSender(scheduler, log, Clock.systemUTC(), 50, Duration.ofSeconds(1));

        assertThat(sender.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(sender.delay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(sender.delay(40)).isEqualTo(WebhookSender.MAX_BACKOFF);
    }

    @Test
    void signature_knownVector_matchesRfc4231StyleHmac() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), the well-known test vector.
        assertThat(WebhookSender.signature("key", "The quick brown fox jumps over the lazy dog"
                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    static Webhook hook(final URI url) {
        return new Webhook("district-lighting", url, SECRET);
    }

    static AlertMessage alert() {
        return new AlertMessage("AL-1", "district-lighting", Instant.now(), 0, List.of(event("SQ-1", "DISPATCHED")));
    }

    static IssueEvent event(final String issueId, final String type) {
        return new IssueEvent(issueId, "c1", "SL-01", "MINOR", "DISPATCHED", type, List.of("district-lighting"),
                "sl-1", Instant.now(), null, "dispatched");
    }
}

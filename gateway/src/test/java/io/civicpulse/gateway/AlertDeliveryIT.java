// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import io.civicpulse.gateway.testsupport.WebhookReceiver;
import io.civicpulse.gateway.testsupport.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.getAsSupervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert delivery end to end: a device publishes over MQTT, the WB-01 rule raises, an issue opens for the sanitation
 * contractor, and the contractor's webhook (a real local HTTP server) receives the signed JSON alert; every attempt
 * is in {@code GET /api/deliveries}.
 */
class AlertDeliveryIT {
    private static final String SECRET = "alert-delivery-it-secret";
    private static final String BODY = "sanitation-contractor";
    private static final String BIN = "bin-001";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private Gateway gateway;
    private PahoV5Client device;

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void fullBin_opensIssue_andItsBodysWebhookGetsTheSignedAlert() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            // given
            start(receiver);
            // when: the bin reports full for longer than rules.bin.fullFor (3 s here)
            final JsonNode issue = publishUntilIssueOpens();
            // then: one signed POST carries the issue's event
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            final Received post = receiver.received().get(0);
            assertThat(post.header("X-CivicPulse-Signature")).isEqualTo(hmacSha256(post.body()));
            final JsonNode alert = JSON.readTree(post.body());
            assertThat(alert.get("bodyId").asText()).isEqualTo(BODY);
            assertThat(alert.get("events").findValuesAsText("issueId")).contains(issue.get("id").asText());
            assertThat(alert.get("events").findValuesAsText("category")).contains("WB-01");
            // and: the delivery is listed over HTTP
            final String alertId = post.header("X-CivicPulse-Alert-Id");
            final JsonNode delivered = await().atMost(Duration.ofSeconds(10)).until(() -> getAsSupervisor(gateway,
                    "/api/deliveries?body=" + BODY + "&status=DELIVERED").json(), d -> d.size() >= 1);
            assertThat(delivered.get(0).get("alertId").asText()).isEqualTo(alertId);
            assertThat(delivered.get(0).get("httpStatus").asInt()).isEqualTo(200);
            assertThat(delivered.get(0).get("url").asText()).isEqualTo(receiver.url().toString());
        }
    }

    @Test
    void receiverFailsTwice_isRetriedWithBackoff_andOneDeliverySucceedsOnTheThirdAttempt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 500, 200)) {
            // given
            start(receiver);
            // when
            publishUntilIssueOpens();
            // then: three POSTs of the same signed body, attempts 1..3, each after a longer wait
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 3);
            final List<Received> got = receiver.received().subList(0, 3);
            final String alertId = got.get(0).header("X-CivicPulse-Alert-Id");
            assertThat(got).allSatisfy(r -> {
                assertThat(r.header("X-CivicPulse-Alert-Id")).isEqualTo(alertId);
                assertThat(r.body()).isEqualTo(got.get(0).body());
                assertThat(r.header("X-CivicPulse-Signature")).isEqualTo(hmacSha256(r.body()));
            });
            assertThat(got).extracting(r -> r.header("X-CivicPulse-Attempt")).containsExactly("1", "2", "3");
            // Backoff 200 ms doubled: at least 200 ms before the 2nd attempt and 400 ms before the 3rd.
            assertThat(got.get(1).atNanos() - got.get(0).atNanos()).isGreaterThanOrEqualTo(200_000_000L);
            assertThat(got.get(2).atNanos() - got.get(1).atNanos()).isGreaterThanOrEqualTo(400_000_000L);
            // and: the log lists the two failures and one success on attempt 3, newest first
            final JsonNode attempts = await().atMost(Duration.ofSeconds(10)).until(() -> getAsSupervisor(gateway,
                    "/api/deliveries?alert=" + alertId).json(), a -> a.size() >= 3);
            assertThat(attempts).hasSize(3);
            assertThat(attempts.findValuesAsText("outcome")).containsExactly("DELIVERED", "RETRYING", "RETRYING");
            assertThat(attempts.findValuesAsText("attempt")).containsExactly("3", "2", "1");
            assertThat(attempts.findValuesAsText("httpStatus")).containsExactly("200", "500", "500");
            assertThat(getAsSupervisor(gateway, "/api/deliveries?alert=" + alertId + "&status=DELIVERED").json())
                    .hasSize(1);
        }
    }

    private void start(final WebhookReceiver receiver) throws Exception {
        final Path overlay = Files.writeString(dataDir.resolve("webhook.yaml"), String.join("\n",
                "alerts:",
                "  groupWindow: 1s",
                "  webhookMaxAttempts: 4",
                "  webhookBackoff: 200ms",
                "  webhooks:",
                "    - {body: " + BODY + ", url: \"" + receiver.url() + "\", secret: \"" + SECRET + "\"}", ""));
        gateway = GatewayTestSupport.startGateway(dataDir.resolve("data"), List.of(overlay), Map.of());
        device = GatewayTestSupport.connectDevice(gateway, BIN);
    }

    /** Publishes a full reading every half second until the WB-01 issue of the bin is open. */
    private JsonNode publishUntilIssueOpens() {
        final long[] seq = {0};
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            GatewayTestSupport.publishBinFill(device, BIN, ++seq[0], 97);
            for (final JsonNode issue : getAsSupervisor(gateway, "/api/issues?category=WB-01").json()) {
                if (BIN.equals(issue.path("deviceId").asText())) {
                    return issue;
                }
            }
            return null;
        }, Objects::nonNull);
    }

    /** The signature computed here, independently of the gateway's code. */
    private static String hmacSha256(final byte[] body) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}

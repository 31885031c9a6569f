// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.issues.IssueEvent;
import io.civicpulse.gateway.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Grouping per body, reminders until acknowledged, against a real local webhook receiver. */
class AlertDispatcherTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<IssueEvent> mqtt = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void onIssueEvent_twoEventsInOneWindow_goOutAsOneWebhookMessage() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            // given
            final AlertDispatcher alerts = dispatcher(receiver, Duration.ofMillis(300), Duration.ZERO);

            // when
            alerts.onIssueEvent(WebhookSenderTest.event("SQ-1", "DISPATCHED"));
            alerts.onIssueEvent(WebhookSenderTest.event("SQ-2", "DISPATCHED"));

            // then: MQTT per event, the webhook once with both
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            final JsonNode body = json.readTree(receiver.received().get(0).body());
            assertThat(body.path("events")).hasSize(2);
            assertThat(body.path("bodyId").asText()).isEqualTo("district-lighting");
            assertThat(mqtt).hasSize(2);
        }
    }

    @Test
    void onIssueEvent_afterARestart_alertIdsDoNotRepeat() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            // given: the first alert of two runs, started a millisecond apart (the delivery log outlives a run)
            for (final Instant start : List.of(Instant.parse("2026-11-28T01:00:00Z"),
                    Instant.parse("2026-11-28T01:00:00.001Z"))) {
                final AlertDispatcher alerts = new AlertDispatcher(mqtt::add, List.of(WebhookSenderTest.hook(
                        receiver.url())), new WebhookSender(scheduler, new InMemoryDeliveryLog(10),
                        Clock.systemUTC(), 1, Duration.ofMillis(50)), new AlertStream(), json, scheduler,
                        Clock.fixed(start, ZoneOffset.UTC), Duration.ZERO, Duration.ZERO);
                // when
                alerts.onIssueEvent(WebhookSenderTest.event("SQ-1", "DISPATCHED"));
            }
            // then
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
            final List<String> ids = receiver.received().stream().map(r -> r.header("X-CivicPulse-Alert-Id")).toList();
            assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("AL-[0-9a-z]+-1"));
        }
    }

    @Test
    void reminders_repeatUntilAcknowledged() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            // given
            final AlertDispatcher alerts = dispatcher(receiver, Duration.ZERO, Duration.ofMillis(200));
            alerts.onIssueEvent(WebhookSenderTest.event("SQ-1", "RED_SUPERVISION"));

            // when: two reminders arrive
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 3);
            final String alertId = json.readTree(receiver.received().get(0).body()).path("alertId").asText();
            assertThat(alerts.acknowledge(alertId, "crew-7")).isPresent();
            final int atAck = receiver.received().size();

            // then: reminders numbered 1, 2..., and none after the acknowledgement
            // Requests run concurrently, so on a busy machine the first reminder may arrive before the alert itself.
            final List<Integer> numbers = new java.util.ArrayList<>();
            for (final WebhookReceiver.Received r : receiver.received()) {
                numbers.add(json.readTree(r.body()).path("reminder").asInt());
            }
            assertThat(numbers).contains(0, 1);
            // At most one reminder already in flight at the acknowledgement; then silence for three intervals.
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                    .until(() -> receiver.received().size() <= atAck + 1);
            assertThat(alerts.unacknowledged()).isEmpty();
            assertThat(alerts.acknowledge(alertId, "crew-7")).isEmpty();
        }
    }

    private AlertDispatcher dispatcher(final WebhookReceiver receiver, final Duration group,
                                       final Duration remind) {
        final WebhookSender sender = new WebhookSender(scheduler, new InMemoryDeliveryLog(100), Clock.systemUTC(), 3,
                Duration.ofMillis(50));
        return new AlertDispatcher(mqtt::add, List.of(WebhookSenderTest.hook(receiver.url())), sender,
                new AlertStream(), json, scheduler, Clock.systemUTC(), group, remind);
    }
}

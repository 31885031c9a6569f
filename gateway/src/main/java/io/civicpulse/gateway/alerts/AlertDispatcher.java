// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.config.RuleOpsConfig.Webhook;
import io.civicpulse.gateway.issues.IssueEvent;
import io.civicpulse.gateway.issues.IssueEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns committed issue events into alerts per body: the MQTT alert topic as before (one message per event), and —
 * grouped per body within {@code groupWindow} — webhooks and the console stream. An alert is repeated every
 * {@code reminderInterval} until acknowledged ({@link #acknowledge(String, String)}).
 *
 * <p>Threading: {@link #onIssueEvent} runs on the issue worker and only buffers; flushing, reminders and webhook
 * retries run on the single alert scheduler.
 */
public final class AlertDispatcher implements IssueEventListener {
    /** Unacknowledged alerts kept for reminders at most; the oldest is dropped (and logged) beyond. */
    static final int MAX_OPEN_ALERTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final IssueEventListener mqtt;
    private final Map<String, List<Webhook>> hooksByBody = new LinkedHashMap<>();
    private final WebhookSender webhooks;
    private final AlertStream stream;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration groupWindow;
    private final Duration reminderInterval;
    private final AtomicLong sequence = new AtomicLong();
    /** Alert ids are {@code AL-<run>-<n>}: the delivery log outlives a run, so ids must not repeat after a restart. */
    private final String runId;
    private final Map<String, List<IssueEvent>> pending = new LinkedHashMap<>();
    private final Map<String, Unacknowledged> open = new LinkedHashMap<>();

    /** An alert waiting for acknowledgement. */
    private record Unacknowledged(AlertMessage alert, Instant nextReminder) {
    }

    /**
     * @param mqtt             the MQTT alert publisher (per event, ungrouped)
     * @param hooks            webhooks
     * @param webhooks         the sender
     * @param stream           the console stream
     * @param json             the gateway's mapper
     * @param scheduler        the alert scheduler
     * @param clock            the gateway clock
     * @param groupWindow      grouping window; zero sends each event at once
     * @param reminderInterval reminder interval; zero turns reminders off
     */
    public AlertDispatcher(final IssueEventListener mqtt, final List<Webhook> hooks, final WebhookSender webhooks,
                           final AlertStream stream, final ObjectMapper json, final ScheduledExecutorService scheduler,
                           final Clock clock, final Duration groupWindow, final Duration reminderInterval) {
        this.mqtt = Objects.requireNonNull(mqtt, "mqtt must not be null.");
        hooks.forEach(h -> hooksByBody.computeIfAbsent(h.bodyId(), b -> new ArrayList<>()).add(h));
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks must not be null.");
        this.stream = Objects.requireNonNull(stream, "stream must not be null.");
        this.json = Objects.requireNonNull(json, "json must not be null.");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.runId = Long.toString(clock.millis(), 36);
        this.groupWindow = Objects.requireNonNull(groupWindow, "groupWindow must not be null.");
        this.reminderInterval = Objects.requireNonNull(reminderInterval, "reminderInterval must not be null.");
        if (!reminderInterval.isZero()) {
            final long tick = Math.max(100, Math.min(reminderInterval.toMillis() / 4, 5_000));
            scheduler.scheduleWithFixedDelay(this::remind, tick, tick, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onIssueEvent(final IssueEvent event) {
        mqtt.onIssueEvent(event);
        for (final String bodyId : event.bodyIds()) {
            final boolean first;
            synchronized (this) {
                final List<IssueEvent> buffer = pending.computeIfAbsent(bodyId, b -> new ArrayList<>());
                first = buffer.isEmpty();
                buffer.add(event);
            }
            // The first event of a window schedules its flush; later ones ride along.
            if (first) {
                scheduler.schedule(() -> flush(bodyId), groupWindow.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * @param alertId the alert
     * @param by      who acknowledges (recorded in the log)
     * @return the acknowledged alert, or empty when it is unknown or already acknowledged
     */
    public synchronized Optional<AlertMessage> acknowledge(final String alertId, final String by) {
        final Unacknowledged u = open.remove(alertId);
        if (u == null) {
            return Optional.empty();
        }
        LOG.info("Alert {} for {} acknowledged by {}", alertId, u.alert().bodyId(), by);
        return Optional.of(u.alert());
    }

    /** @return alerts waiting for acknowledgement, oldest first */
    public synchronized List<AlertMessage> unacknowledged() {
        return open.values().stream().map(Unacknowledged::alert).toList();
    }

    private void flush(final String bodyId) {
        final List<IssueEvent> events;
        synchronized (this) {
            events = pending.remove(bodyId);
        }
        if (events == null || events.isEmpty()) {
            return;
        }
        final AlertMessage alert = new AlertMessage("AL-" + runId + "-" + sequence.incrementAndGet(), bodyId,
                clock.instant(), 0, events);
        if (!reminderInterval.isZero()) {
            synchronized (this) {
                if (open.size() >= MAX_OPEN_ALERTS) {
                    final String oldest = open.keySet().iterator().next();
                    LOG.warn("More than {} unacknowledged alerts; {} gets no more reminders", MAX_OPEN_ALERTS, oldest);
                    open.remove(oldest);
                }
                open.put(alert.alertId(), new Unacknowledged(alert, alert.createdAt().plus(reminderInterval)));
            }
        }
        deliver(alert);
    }

    private void remind() {
        final Instant now = clock.instant();
        final List<AlertMessage> due = new ArrayList<>();
        synchronized (this) {
            for (final Map.Entry<String, Unacknowledged> e : open.entrySet()) {
                if (!e.getValue().nextReminder().isAfter(now)) {
                    final AlertMessage next = e.getValue().alert().nextReminder();
                    e.setValue(new Unacknowledged(next, now.plus(reminderInterval)));
                    due.add(next);
                }
            }
        }
        due.forEach(this::deliver);
    }

    private void deliver(final AlertMessage alert) {
        final byte[] body;
        try {
            body = json.writeValueAsBytes(alert);
        } catch (final JsonProcessingException e) {
            LOG.error("Cannot encode alert {}", alert.alertId(), e);
            return;
        }
        for (final Webhook hook : hooksByBody.getOrDefault(alert.bodyId(), List.of())) {
            webhooks.send(hook, alert, body);
        }
        stream.publish(alert, new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
}

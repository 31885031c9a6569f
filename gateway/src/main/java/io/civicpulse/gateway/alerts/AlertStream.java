// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live stream for the web console ({@code GET /api/events/stream}, Server-Sent Events): every alert as an
 * {@code alert} event (reminders as {@code reminder}) with the alert JSON as data. {@code ?body=} limits a client to
 * one body's alerts.
 *
 * <p>Thread-safe: clients connect on Jetty threads; alerts are published from the alert scheduler.
 */
public final class AlertStream {
    /** Clients connected at most; more are refused with 503, so a console loop cannot exhaust threads. */
    static final int MAX_CLIENTS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
    private final Map<SseClient, String> clients = new ConcurrentHashMap<>();

    /**
     * Keeps the client open until it disconnects.
     *
     * @param client the connecting client
     */
    public void connect(final SseClient client) {
        if (clients.size() >= MAX_CLIENTS) {
            client.ctx().status(503);
            client.sendEvent("error", "too many stream clients (" + MAX_CLIENTS + ")");
            client.close();
            return;
        }
        final String body = client.ctx().queryParam("body");
        clients.put(client, body == null ? "" : body);
        client.onClose(() -> clients.remove(client));
        client.sendComment("connected");
        client.keepAlive();
    }

    /**
     * @param alert the alert
     * @param json  its JSON text
     */
    public void publish(final AlertMessage alert, final String json) {
        final String event = alert.reminder() == 0 ? "alert" : "reminder";
        clients.forEach((client, body) -> {
            if (body.isEmpty() || body.equals(alert.bodyId())) {
                try {
                    client.sendEvent(event, json, alert.alertId() + "-" + alert.reminder());
                } catch (final RuntimeException e) {
                    LOG.debug("Stream client gone: {}", e.getMessage());
                    clients.remove(client);
                }
            }
        });
    }

    /** @return connected clients */
    public int clients() {
        return clients.size();
    }
}

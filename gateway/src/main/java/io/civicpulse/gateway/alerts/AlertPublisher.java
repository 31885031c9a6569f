// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.issues.IssueEvent;
import io.civicpulse.gateway.issues.IssueEventListener;
import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.mqtt.SubscriptionService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every issue event as JSON on {@code cp/{community}/alerts/{bodyId}} for each body assigned to the
 * issue, to the crews subscribed on the gateway's own listener.
 *
 * <p>Called on the issue worker thread after the event is committed, so an alert never announces an issue that
 * the store does not have.
 */
public final class AlertPublisher implements IssueEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertPublisher.class);

    private final SubscriptionService subscriptions;
    private final ObjectMapper json;
    private final Counter delivered;

    /**
     * @param subscriptions who is subscribed
     * @param json          the gateway's JSON mapper (ISO-8601 instants)
     * @param registry      meters
     */
    public AlertPublisher(final SubscriptionService subscriptions, final ObjectMapper json,
                          final MeterRegistry registry) {
        this.subscriptions = subscriptions;
        this.json = json;
        this.delivered = registry.counter(GatewayMetrics.ALERTS_DELIVERED);
    }

    /**
     * @param community a community id
     * @param bodyId    a body id
     * @return the alert topic of that body in that community
     */
    public static String topic(final String community, final String bodyId) {
        return "cp/" + community + "/alerts/" + bodyId;
    }

    @Override
    public void onIssueEvent(final IssueEvent event) {
        final byte[] payload;
        try {
            payload = json.writeValueAsBytes(event);
        } catch (final JsonProcessingException e) {
            LOG.error("Cannot encode alert for issue {}", event.issueId(), e);
            return;
        }
        for (final String bodyId : event.bodyIds()) {
            delivered.increment(subscriptions.publish(topic(event.community(), bodyId), payload));
        }
    }
}

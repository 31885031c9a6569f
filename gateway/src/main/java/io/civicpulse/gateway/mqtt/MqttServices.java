// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.ingest.PublishService;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What every MQTT connection handler shares: the services it delegates to and the listener settings.
 *
 * @param config        listener settings
 * @param connects      identity and password checks
 * @param publishes     telemetry ingest
 * @param broker        sessions, subscriptions, retained messages and routing
 * @param acl           who may publish and subscribe to what
 * @param subscriptions SUBSCRIBE/UNSUBSCRIBE and the gateway's own publications
 * @param sessions      one connection per client id
 * @param disconnector  closes connections with a logged, counted reason
 * @param registry      meters
 */
public record MqttServices(GatewayConfig.Mqtt config, ConnectService connects, PublishService publishes,
                           Broker broker, AccessControl acl, SubscriptionService subscriptions,
                           SessionRegistry sessions, Disconnector disconnector, MeterRegistry registry) {
}

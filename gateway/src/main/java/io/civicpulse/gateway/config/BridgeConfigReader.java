// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import io.civicpulse.gateway.topic.TopicFilter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code bridge.*} keys. Values are checked also while the bridge is disabled: a wrong
 * value is a mistake whether or not it is used yet.
 */
final class BridgeConfigReader {
    static final String DEFAULT_URL = "tcp://127.0.0.1:1883";
    static final String DEFAULT_CLIENT_ID = "civicpulse-1";
    static final String DEFAULT_GROUP = "civicpulse";
    static final List<String> DEFAULT_FILTERS = List.of("cp/+/+/+/telemetry");
    static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);
    static final int DEFAULT_MAX_INFLIGHT = 1000;
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_RECONNECT_MIN_DELAY = Duration.ofSeconds(1);
    static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofMinutes(1);

    /** MQTT 5 §3.1.2.11.2: 0xFFFFFFFF means "never expires"; we want a bound the broker enforces. */
    private static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFEL;
    /** Keep alive is a two-byte number of seconds (MQTT 5 §3.1.2.10). */
    private static final long MAX_KEEP_ALIVE_SECONDS = 65_535;
    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private BridgeConfigReader() {
    }

    static GatewayConfig.Bridge read(final ConfigReader r) throws ConfigException {
        final boolean enabled = r.bool("bridge.enabled", false);
        final String url = url(r);
        final String clientId = r.string("bridge.clientId", DEFAULT_CLIENT_ID);
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw r.error("bridge.clientId", clientId, "1 to 128 letters, digits, '.', '_', ':' or '-', "
                    + "different for every gateway instance");
        }
        final String group = r.string("bridge.group", DEFAULT_GROUP);
        if (group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
            throw r.error("bridge.group", group, "a share name without '/', '+' or '#' (MQTT 5 §4.8.2)");
        }
        final List<String> filters = filters(r);
        final Duration sessionExpiry = r.duration("bridge.sessionExpiry", DEFAULT_SESSION_EXPIRY,
                Duration.ofSeconds(1));
        if (sessionExpiry.getSeconds() > MAX_SESSION_EXPIRY_SECONDS) {
            throw r.error("bridge.sessionExpiry", DurationText.format(sessionExpiry), "at most "
                    + MAX_SESSION_EXPIRY_SECONDS + "s (the MQTT 5 maximum)");
        }
        final Duration keepAlive = r.duration("bridge.keepAlive", DEFAULT_KEEP_ALIVE, Duration.ofSeconds(1));
        if (keepAlive.getSeconds() > MAX_KEEP_ALIVE_SECONDS) {
            throw r.error("bridge.keepAlive", DurationText.format(keepAlive), "at most " + MAX_KEEP_ALIVE_SECONDS
                    + "s");
        }
        final Duration minDelay = r.duration("bridge.reconnectMinDelay", DEFAULT_RECONNECT_MIN_DELAY,
                Duration.ofMillis(10));
        final Duration maxDelay = r.duration("bridge.reconnectMaxDelay", DEFAULT_RECONNECT_MAX_DELAY,
                Duration.ofMillis(10));
        if (maxDelay.compareTo(minDelay) < 0) {
            throw r.error("bridge.reconnectMaxDelay", DurationText.format(maxDelay), "at least "
                    + "bridge.reconnectMinDelay (" + DurationText.format(minDelay) + ")");
        }
        return new GatewayConfig.Bridge(enabled, url, clientId, group, filters,
                r.string("bridge.username", ""), r.string("bridge.password", ""), sessionExpiry,
                r.intIn("bridge.maxInflight", DEFAULT_MAX_INFLIGHT, 1, 65_535), keepAlive,
                r.duration("bridge.connectTimeout", DEFAULT_CONNECT_TIMEOUT, Duration.ofSeconds(1)),
                minDelay, maxDelay);
    }

    private static String url(final ConfigReader r) throws ConfigException {
        final String url = r.string("bridge.url", DEFAULT_URL);
        final String expected = "a broker address written tcp://host:port or ssl://host:port";
        try {
            final URI uri = new URI(url);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null
                    || uri.getPort() < 1 || uri.getUserInfo() != null) {
                throw r.error("bridge.url", url, expected + " (credentials go in bridge.username and "
                        + "bridge.password)");
            }
        } catch (final URISyntaxException e) {
            throw r.error("bridge.url", url, expected);
        }
        return url;
    }

    private static List<String> filters(final ConfigReader r) throws ConfigException {
        final List<String> filters = r.stringList("bridge.filters", DEFAULT_FILTERS);
        if (filters.isEmpty()) {
            throw r.error("bridge.filters", "[]", "at least one topic filter, e.g. [\"cp/+/+/+/telemetry\"]");
        }
        for (int i = 0; i < filters.size(); i++) {
            final String filter = filters.get(i);
            if (filter.startsWith("$share/") || filter.startsWith("$queue/")) {
                throw r.error("bridge.filters[" + i + "]", filter, "a topic filter without the share prefix; "
                        + "the bridge subscribes to $share/{bridge.group}/{filter} itself");
            }
            if (!TopicFilter.isValid(filter)) {
                throw r.error("bridge.filters[" + i + "]", filter, "an MQTT topic filter: '+' and '#' fill a "
                        + "whole level and '#' comes last (MQTT 5 §4.7.1)");
            }
        }
        return filters;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.gateway.topic.TopicFilter;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks a message's payload format by topic filter ({@code ingest.formats}, first match wins), decodes it,
 * resolves the registered device it is about (by id or DevEUI) and returns its readings; or refuses the whole
 * message with the reason: nothing of a refused message is stored.
 *
 * <p>Two entry points. {@link #route(String, byte[], Device, long)} serves a device that published on the
 * gateway's listener: a device may publish only about itself, so the topic is checked before decoding when it
 * names a device, and the payload after. {@link #route(String, byte[], long)} serves messages without an MQTT
 * identity to check, such as the broker bridge's uplinks from a LoRaWAN network server: the device is whatever the
 * topic and payload name, and it must be registered; trust lies in the bridge's own broker connection.
 *
 * <p>Thread-safe, plain calls: no Netty.
 */
public final class FormatRouter {
    private final List<Route> routes;
    private final DeviceDirectory devices;
    private final long maxFutureSkewMillis;

    /**
     * @param routes              filters and their formats, first match wins; not empty
     * @param devices             where devices are found by id or DevEUI
     * @param maxFutureSkewMillis readings stamped further than this after the gateway clock are refused
     * @throws IllegalArgumentException when {@code routes} is empty
     */
    public FormatRouter(final List<Route> routes, final DeviceDirectory devices, final long maxFutureSkewMillis) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("routes must not be empty.");
        }
        this.routes = List.copyOf(routes);
        this.devices = Objects.requireNonNull(devices, "devices must not be null.");
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    /**
     * @param options             routes and field maps from the configuration
     * @param devices             where devices are found
     * @param maxFutureSkewMillis readings stamped further in the future are refused
     * @return the router
     */
    public static FormatRouter create(final FormatOptions options, final DeviceDirectory devices,
                                      final long maxFutureSkewMillis) {
        final NativeJsonPayloadDecoder decoder = new NativeJsonPayloadDecoder(maxFutureSkewMillis);
        final List<Route> routes = new ArrayList<>();
        for (final FormatRoute r : options.routes()) {
            routes.add(new Route(r.filter(), PayloadFormats.create(r.format(), options, decoder)));
        }
        return new FormatRouter(routes, devices, maxFutureSkewMillis);
    }

    /**
     * @param decoder the native decoder
     * @return a router that takes only native JSON on {@code cp/+/+/+/telemetry} from authenticated devices
     */
    public static FormatRouter nativeOnly(final NativeJsonPayloadDecoder decoder) {
        return new FormatRouter(List.of(new Route("cp/+/+/+/telemetry", new NativeJsonFormat(decoder))),
                DeviceDirectory.NONE, decoder.maxFutureSkewMillis());
    }

    /**
     * @param topic a topic name
     * @return the format of the first filter matching it
     * @throws RouteException {@link RouteException.Kind#TOPIC_INVALID} when no filter matches
     */
    public PayloadFormat requireRoute(final String topic) throws RouteException {
        return match(topic).format();
    }

    /**
     * Routes a message that carries no identity to check (the broker bridge).
     *
     * @param topic     the topic name
     * @param payload   the payload, not modified
     * @param nowMillis the gateway clock in epoch milliseconds
     * @return the device and its readings
     * @throws RouteException naming what was wrong
     */
    public Routed route(final String topic, final byte[] payload, final long nowMillis) throws RouteException {
        final Route route = match(topic);
        final Uplink uplink = decode(route, topic, payload, nowMillis);
        final Device device = resolve(uplink.device());
        return new Routed(device, route.format().name(), readings(device, uplink, nowMillis));
    }

    /**
     * Routes a message a device published on the gateway's listener; it must be about that device.
     *
     * @param topic     the topic name
     * @param payload   the payload, not modified
     * @param publisher the authenticated device that published it, never null
     * @param nowMillis the gateway clock in epoch milliseconds
     * @return the publisher and its readings
     * @throws RouteException naming what was wrong
     */
    public Routed route(final String topic, final byte[] payload, final Device publisher, final long nowMillis)
            throws RouteException {
        Objects.requireNonNull(publisher, "publisher must not be null.");
        final Route route = match(topic);
        final DeviceKey topicKey = route.format().topicKey(topic);
        if (topicKey != null && !topicKey.isEmpty() && !topicKey.matches(publisher)) {
            throw notAuthorized(publisher, route, topic, "");
        }
        final Uplink uplink = decode(route, topic, payload, nowMillis);
        if (!uplink.device().matches(publisher)) {
            throw notAuthorized(publisher, route, topic, "; this message is about " + uplink.device().describe());
        }
        return new Routed(publisher, route.format().name(), readings(publisher, uplink, nowMillis));
    }

    private Route match(final String topic) throws RouteException {
        for (final Route r : routes) {
            if (TopicFilter.matches(r.filter(), topic)) {
                return r;
            }
        }
        final List<String> expected = new ArrayList<>();
        for (final Route r : routes) {
            expected.add(r.format().describeFilter(r.filter()) + " (" + r.format().name() + ")");
        }
        throw new RouteException(RouteException.Kind.TOPIC_INVALID, "topic '" + topic + "' matches no "
                + "ingest.formats filter; expected " + String.join(", ", expected));
    }

    private static Uplink decode(final Route route, final String topic, final byte[] payload, final long nowMillis)
            throws RouteException {
        final PayloadFormat format = route.format();
        if (format.topicKey(topic) == null) {
            throw new RouteException(RouteException.Kind.TOPIC_INVALID, "topic '" + topic + "' matches the "
                    + "ingest.formats filter '" + route.filter() + "' of format " + format.name() + " but is not a "
                    + format.name() + " topic " + format.topicTemplate());
        }
        try {
            return format.decode(topic, payload, nowMillis);
        } catch (final PayloadException e) {
            throw new RouteException(RouteException.Kind.PAYLOAD_INVALID, e.getMessage());
        }
    }

    private Device resolve(final DeviceKey key) throws RouteException {
        Optional<Device> found = key.devEui() == null ? Optional.empty() : devices.byDevEui(key.devEui());
        if (found.isEmpty() && key.id() != null) {
            found = devices.byId(key.id());
        }
        if (found.isEmpty()) {
            throw new RouteException(RouteException.Kind.UNKNOWN_DEVICE, "no registered device has "
                    + key.describe());
        }
        final Device d = found.get();
        if (!key.matches(d)) {
            throw new RouteException(RouteException.Kind.UNKNOWN_DEVICE, "the message names " + key.describe()
                    + ", but " + d.id() + " is registered with community " + d.community() + ", type " + d.type()
                    + (d.hasDevEui() ? ", devEui " + d.devEui() : " and no devEui"));
        }
        return d;
    }

    private List<Reading> readings(final Device device, final Uplink uplink, final long nowMillis)
            throws RouteException {
        final List<Reading> out = new ArrayList<>(uplink.samples().size());
        for (final Sample s : uplink.samples()) {
            if (s.timestampMillis() > nowMillis + maxFutureSkewMillis) {
                throw new RouteException(RouteException.Kind.PAYLOAD_INVALID, "reading time "
                        + Instant.ofEpochMilli(s.timestampMillis()) + " is " + (s.timestampMillis() - nowMillis) / 1000
                        + " s in the future (check the clock; at most " + maxFutureSkewMillis / 1000 + " s allowed)");
            }
            // The receive time goes along, so the rules can tell a wrong device clock (DV-03).
            out.add(new Reading(device.community(), device.type(), device.id(), s.timestampMillis(), s.sequence(),
                    s.metrics(), nowMillis));
        }
        return out;
    }

    private static RouteException notAuthorized(final Device publisher, final Route route, final String topic,
                                                final String detail) {
        return new RouteException(RouteException.Kind.NOT_AUTHORIZED, publisher.id() + " may publish only on "
                + route.format().ownTopic(publisher, topic) + detail);
    }

    /**
     * One routing line.
     *
     * @param filter a valid MQTT topic filter, not starting with {@code $}
     * @param format the format of matching topics
     */
    public record Route(String filter, PayloadFormat format) {

        /** @throws IllegalArgumentException when the filter is not a valid topic filter */
        public Route {
            Objects.requireNonNull(format, "format must not be null.");
            if (filter == null || !TopicFilter.isValid(filter) || filter.startsWith("$")) {
                throw new IllegalArgumentException("filter '" + filter + "' is not a valid MQTT topic filter "
                        + "(not starting with $)");
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Publishes Last Wills (MQTT 5 §3.1.2.5): on a disconnect without a normal DISCONNECT, after the Will Delay
 * Interval or when the session ends, whichever is first, and not at all if a connection resumes the session
 * meanwhile. A device's will always goes to its status topic {@code cp/{community}/{type}/{id}/status}; a device
 * that set none gets a status message written by the gateway, and {@link DeviceStatusListener} is told.
 *
 * <p>Thread-safe.
 */
final class WillService {
    private static final Logger LOG = LoggerFactory.getLogger(WillService.class);

    private final MessageRouter router;
    private final ScheduledExecutorService timer;
    private final DeviceStatusListener listener;
    private final BrokerMeters meters;
    private final LongSupplier clock;

    WillService(final MessageRouter router, final ScheduledExecutorService timer, final DeviceStatusListener listener,
                final BrokerMeters meters, final LongSupplier clock) {
        this.router = router;
        this.timer = timer;
        this.listener = listener;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * @param device a device
     * @return its status topic
     */
    static String statusTopic(final Device device) {
        return "cp/" + device.community() + "/" + device.type() + "/" + device.id() + "/status";
    }

    /**
     * Schedules or publishes the will of a session that lost its connection.
     *
     * @param s      the offline session
     * @param device the device it belongs to, or null for other clients
     * @param reason why the connection ended, for the gateway's own status message
     */
    void connectionLost(final Session s, final Device device, final String reason) {
        final Will own = s.will();
        final Will will = own != null ? own : device == null ? null : new Will(generated(device, reason), 0);
        if (will == null) {
            return;
        }
        final String source = own != null ? "client" : "gateway";
        final long delay = Math.min(will.delaySeconds(), s.expirySeconds());
        if (delay <= 0) {
            publish(s, will, device, source);
            return;
        }
        s.addTimer(timer.schedule(() -> {
            if (!s.online()) {
                publish(s, will, device, source);
            }
        }, delay, TimeUnit.SECONDS));
    }

    /**
     * Schedules the will of a session restored at start-up, counting its delay from the disconnect before the
     * restart. Published without telling {@link DeviceStatusListener}: the registry entry is not known here, and the
     * rules notice a silent device by its missing readings.
     *
     * @param s a restored, offline session that has a will
     */
    void restored(final Session s) {
        final Will will = s.will();
        final long due = s.disconnectedAt() + Math.min(will.delaySeconds(), s.expirySeconds()) * 1000;
        final long delay = due - clock.getAsLong();
        if (delay <= 0) {
            publish(s, will, null, "client");
            return;
        }
        s.addTimer(timer.schedule(() -> {
            if (!s.online()) {
                publish(s, will, null, "client");
            }
        }, delay, TimeUnit.MILLISECONDS));
    }

    /** @param s a session whose client disconnected normally: its will is discarded (MQTT 5 §3.14.4) */
    void discard(final Session s) {
        s.will(null);
    }

    private void publish(final Session s, final Will will, final Device device, final String source) {
        s.will(null);
        meters.will(source);
        LOG.info("Publishing the will of {} on {}", s.clientId(), will.message().topic());
        final BrokerMessage m = will.message();
        // A will's Message Expiry Interval counts from its publication (kept negative until then, see Wills).
        router.publish(m.expiresAt() >= 0 ? m : new BrokerMessage(m.topic(), m.payload(), m.qos(), m.retain(),
                m.properties(), clock.getAsLong() - m.expiresAt() * 1000, m.publisherId()));
        if (device != null) {
            try {
                listener.onDeviceOffline(device, Instant.ofEpochMilli(clock.getAsLong()));
            } catch (final RuntimeException e) {
                LOG.warn("Device status listener failed for {}", device.id(), e);
            }
        }
    }

    private BrokerMessage generated(final Device device, final String reason) {
        final long now = clock.getAsLong();
        final String json = "{\"status\":\"offline\",\"ts\":" + now + ",\"reason\":\""
                + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return new BrokerMessage(statusTopic(device), json.getBytes(StandardCharsets.UTF_8), 1, false,
                PublishProperties.NONE, 0, BrokerMessage.GATEWAY);
    }
}

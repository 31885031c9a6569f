// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.topic.TopicFilter;
import io.civicpulse.gateway.registry.Device;

import java.util.regex.Pattern;

/**
 * Who may publish and subscribe to what.
 *
 * <ul>
 *   <li>a device publishes its telemetry (ingest) and its status topic {@code cp/{community}/{type}/{id}/status},
 *       and subscribes to its command topic {@code cp/{community}/{type}/{id}/cmd};</li>
 *   <li>a crew account subscribes to its body's alert topic {@code cp/{community|+}/alerts/{bodyId}} and publishes
 *       nothing;</li>
 *   <li>with {@code mqtt.openAcl} (lab only) everybody may do everything.</li>
 * </ul>
 * A shared subscription {@code $share/{group}/{filter}} is judged by its filter. Immutable and thread-safe.
 */
public final class AccessControl {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private final boolean open;

    /** @param open every client may publish and subscribe to every topic (lab configuration) */
    public AccessControl(final boolean open) {
        this.open = open;
    }

    /** @return true when the ACL is open (lab configuration) */
    public boolean open() {
        return open;
    }

    /**
     * @param who    the subscriber
     * @param filter the requested topic filter, possibly {@code $share/{group}/...}
     * @return true when that client may subscribe to that filter
     */
    public boolean mayRead(final ClientIdentity who, final String filter) {
        final String inner = Subscription.topicFilter(filter);
        if (inner == null || !TopicFilter.isValid(inner)) {
            return false;
        }
        if (open) {
            return true;
        }
        if (who instanceof ClientIdentity.CrewClient crew) {
            final String[] levels = inner.split("/", -1);
            return levels.length == 4 && "cp".equals(levels[0]) && "alerts".equals(levels[2])
                    && ("+".equals(levels[1]) || SEGMENT.matcher(levels[1]).matches())
                    && crew.account().bodyId().equals(levels[3]);
        }
        if (who instanceof ClientIdentity.DeviceClient device) {
            return inner.equals(deviceTopic(device.device(), "cmd"));
        }
        return false;
    }

    /**
     * Publishing outside the ingest path (telemetry is judged by the ingest service).
     *
     * @param who   the publisher
     * @param topic the topic name
     * @return true when that client may publish application messages on that topic
     */
    public boolean mayPublish(final ClientIdentity who, final String topic) {
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            return false;
        }
        if (open) {
            return true;
        }
        return who instanceof ClientIdentity.DeviceClient device
                && topic.equals(deviceTopic(device.device(), "status"));
    }

    /**
     * @param device a device
     * @param leaf   {@code telemetry}, {@code status} or {@code cmd}
     * @return {@code cp/{community}/{type}/{id}/{leaf}}
     */
    public static String deviceTopic(final Device device, final String leaf) {
        return "cp/" + device.community() + "/" + device.type() + "/" + device.id() + "/" + leaf;
    }
}

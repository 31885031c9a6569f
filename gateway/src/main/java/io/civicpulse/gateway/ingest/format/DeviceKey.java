// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.registry.Device;

import java.util.ArrayList;
import java.util.List;

/**
 * Whom a message says it is about, as far as its topic or payload tells. Every part may be null.
 *
 * <p>A DevEUI, when both sides have one, decides: a network server's device id (The Things Stack) need not be the
 * registry id. Otherwise the id decides. Community and type, when given (the {@code cp/…} topics), must match too.
 *
 * @param id        device id: the registry id on {@code cp/…} topics, The Things Stack's device id on TTN uplinks
 * @param devEui    lower-case DevEUI (see {@link io.civicpulse.gateway.registry.DevEui})
 * @param community community named by the topic
 * @param type      device type named by the topic
 */
public record DeviceKey(String id, String devEui, String community, String type) {
    /** A topic that names no device: the payload alone tells. */
    public static final DeviceKey NONE = new DeviceKey(null, null, null, null);

    /** @return true when no part is known */
    public boolean isEmpty() {
        return id == null && devEui == null && community == null && type == null;
    }

    /**
     * @param device a registered device, never null
     * @return true when this key names that device
     */
    public boolean matches(final Device device) {
        final boolean scope = (community == null || community.equals(device.community()))
                && (type == null || type.equals(device.type()));
        if (devEui != null && device.hasDevEui()) {
            return scope && devEui.equals(device.devEui());
        }
        return scope && id != null && id.equals(device.id());
    }

    /** @return the known parts in words, for refusals, e.g. {@code devEui 0101010101010101, id dev1} */
    public String describe() {
        final List<String> parts = new ArrayList<>(4);
        if (devEui != null) {
            parts.add("devEui " + devEui);
        }
        if (id != null) {
            parts.add("id " + id);
        }
        if (community != null) {
            parts.add("community " + community);
        }
        if (type != null) {
            parts.add("type " + type);
        }
        return parts.isEmpty() ? "no device" : String.join(", ", parts);
    }
}

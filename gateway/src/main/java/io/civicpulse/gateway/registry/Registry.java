// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Who may connect: devices by client id, crews by user name. Immutable and thread-safe.
 */
public final class Registry {
    private final Map<String, Device> devices;
    private final Map<String, CrewAccount> crews;

    Registry(final Map<String, Device> devices, final Map<String, CrewAccount> crews) {
        this.devices = Map.copyOf(devices);
        this.crews = Map.copyOf(crews);
    }

    /** @return the device with that id, if registered */
    public Optional<Device> device(final String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** @return the crew account with that user name, if any */
    public Optional<CrewAccount> crew(final String username) {
        return Optional.ofNullable(crews.get(username));
    }

    /** @return every registered device */
    public Collection<Device> devices() {
        return devices.values();
    }

    /** @return every crew account */
    public Collection<CrewAccount> crews() {
        return crews.values();
    }
}

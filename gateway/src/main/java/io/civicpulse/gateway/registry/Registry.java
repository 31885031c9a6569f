// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.registry;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may connect: devices by client id (and LoRaWAN devices also by DevEUI), crews by user name. Immutable and
 * thread-safe.
 */
public final class Registry {
    private final Map<String, Device> devices;
    private final Map<String, Device> devicesByDevEui;
    private final Map<String, CrewAccount> crews;

    Registry(final Map<String, Device> devices, final Map<String, CrewAccount> crews) {
        this.devices = Map.copyOf(devices);
        this.crews = Map.copyOf(crews);
        final Map<String, Device> byDevEui = new HashMap<>();
        for (final Device d : devices.values()) {
            if (d.hasDevEui()) {
                byDevEui.put(d.devEui(), d);
            }
        }
        this.devicesByDevEui = Map.copyOf(byDevEui);
    }

    /** @return the device with that id, if registered */
    public Optional<Device> device(final String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /**
     * @param devEui a DevEUI in either case, may be null
     * @return the device registered with that DevEUI, if any
     */
    public Optional<Device> deviceByDevEui(final String devEui) {
        final String normalized = DevEui.normalize(devEui);
        return normalized == null ? Optional.empty() : Optional.ofNullable(devicesByDevEui.get(normalized));
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

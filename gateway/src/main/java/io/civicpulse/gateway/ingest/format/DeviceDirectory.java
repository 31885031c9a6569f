// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.registry.DevEui;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Finds registered devices by id or by DevEUI. Implementations are thread-safe. */
public interface DeviceDirectory {
    /** A directory that knows no device (for routers that only serve authenticated devices). */
    DeviceDirectory NONE = of(List.of());

    /**
     * @param id a device id
     * @return the device with that id, if registered
     */
    Optional<Device> byId(String id);

    /**
     * @param devEui a DevEUI in either case
     * @return the device registered with that DevEUI, if any
     */
    Optional<Device> byDevEui(String devEui);

    /**
     * @param registry the registry
     * @return a directory over it
     */
    static DeviceDirectory of(final Registry registry) {
        return new DeviceDirectory() {
            @Override
            public Optional<Device> byId(final String id) {
                return registry.device(id);
            }

            @Override
            public Optional<Device> byDevEui(final String devEui) {
                return registry.deviceByDevEui(devEui);
            }
        };
    }

    /**
     * @param devices devices (copied)
     * @return a directory over them, for tests and embedding
     */
    static DeviceDirectory of(final Collection<Device> devices) {
        final List<Device> all = List.copyOf(devices);
        return new DeviceDirectory() {
            @Override
            public Optional<Device> byId(final String id) {
                return all.stream().filter(d -> d.id().equals(id)).findFirst();
            }

            @Override
            public Optional<Device> byDevEui(final String devEui) {
                final String eui = DevEui.normalize(devEui);
                return all.stream().filter(d -> d.hasDevEui() && d.devEui().equals(eui)).findFirst();
            }
        };
    }
}

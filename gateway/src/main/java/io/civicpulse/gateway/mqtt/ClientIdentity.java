// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.CrewAccount;
import io.civicpulse.gateway.registry.Device;

/** Who an authenticated MQTT connection belongs to. */
public sealed interface ClientIdentity {

    /** @return the name used in logs and the rejection ledger */
    String name();

    /**
     * A registered device: publishes its own telemetry.
     *
     * @param device the registry entry
     */
    record DeviceClient(Device device) implements ClientIdentity {
        @Override
        public String name() {
            return device.id();
        }
    }

    /**
     * A crew account: reads its body's alerts.
     *
     * @param account the registry entry
     */
    record CrewClient(CrewAccount account) implements ClientIdentity {
        @Override
        public String name() {
            return account.username();
        }
    }

    /**
     * A client that is neither a device nor a crew account, admitted only with {@code mqtt.allowAnonymous} (lab).
     *
     * @param clientId its client id
     */
    record AnonymousClient(String clientId) implements ClientIdentity {
        @Override
        public String name() {
            return clientId.isEmpty() ? "(anonymous)" : clientId;
        }
    }
}

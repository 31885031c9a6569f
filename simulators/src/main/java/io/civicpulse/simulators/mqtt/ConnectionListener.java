// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/** Connection state changes of a {@link DeviceConnection}; called on a Paho thread, so keep it quick. */
public interface ConnectionListener {

    /** Does nothing. */
    ConnectionListener NONE = new ConnectionListener() {
        @Override
        public void connected(final boolean reconnect) {
        }

        @Override
        public void connectionLost(final String reason) {
        }
    };

    /** The connection is up; {@code reconnect} is true after Paho's automatic reconnect. */
    void connected(boolean reconnect);

    /** The connection went down while the device did not ask for it. */
    void connectionLost(String reason);
}

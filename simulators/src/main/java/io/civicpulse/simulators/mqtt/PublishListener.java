// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/**
 * The outcome of one publish; exactly one method is called, once, on a Paho thread or on the caller's
 * thread when the client refused the publish at once. Keep implementations quick.
 */
public interface PublishListener {

    /** QoS 1: the gateway acknowledged it; QoS 0: it was written to the connection. */
    void acked();

    /** MQTT 5 only: the gateway answered with a PUBACK reason code of 0x80 or above. */
    void rejected(int reasonCode);

    /** Not delivered: not connected, the connection dropped, or the client's in-flight limit was hit. */
    void failed(Throwable cause);
}

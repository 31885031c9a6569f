// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/** Short human descriptions of Paho's exceptions, for status lines. */
public final class MqttErrors {

    private MqttErrors() {
    }

    /** E.g. {@code "Bad user name or password (134)"} or {@code "Connection refused"}. */
    public static String describe(final Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String text = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        final int code = reasonCode(error);
        if (code >= 0 && !text.contains("(" + code + ")")) {
            text = text + " (" + code + ")";
        }
        final Throwable cause = error.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text = text + ": " + cause.getMessage();
        }
        return text;
    }

    private static int reasonCode(final Throwable error) {
        if (error instanceof org.eclipse.paho.mqttv5.common.MqttException v5) {
            return v5.getReasonCode();
        }
        if (error instanceof org.eclipse.paho.client.mqttv3.MqttException v3) {
            return v3.getReasonCode();
        }
        return -1;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The overrides both {@code run} and {@code demo} take; they beat the file and the environment. */
final class ListenerOptions {
    @Option(names = "--mqtt-port", description = "MQTT port (0 = a free port); overrides mqtt.port")
    Integer mqttPort;

    @Option(names = "--http-port", description = "HTTP port (0 = a free port); overrides http.port")
    Integer httpPort;

    @Option(names = "--data-dir", description = "folder of the embedded stores; overrides dataDir")
    Path dataDir;

    /** @return configuration key to value for every option given */
    Map<String, String> overrides() {
        final Map<String, String> out = new LinkedHashMap<>();
        if (mqttPort != null) {
            out.put("mqtt.port", mqttPort.toString());
        }
        if (httpPort != null) {
            out.put("http.port", httpPort.toString());
        }
        if (dataDir != null) {
            out.put("dataDir", dataDir.toAbsolutePath().toString());
        }
        return out;
    }
}

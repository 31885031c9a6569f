// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import io.civicpulse.rules.engine.DeviceHealthLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Binding of the device-health limits {@code rules.device.*} (DV-03, DV-04, DV-05) and their per-device overrides. */
class DeviceHealthConfigTest {
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    @Test
    void load_noDeviceHealthKeys_givesTheDefaultsForEveryDevice() throws Exception {
        // when
        final GatewayConfig c = ConfigFolder.load(dir, "");

        // then
        assertThat(c.rules().deviceHealth().defaults()).isEqualTo(DeviceHealthLimits.defaults());
        assertThat(c.rules().deviceHealth().perDevice()).isEmpty();
    }

    @Test
    void load_categoryKeysAndOverride_bindEveryLimit() throws Exception {
        // given
        final String yaml = """
                rules:
                  device:
                    clockDrift: 5m
                    clockDriftReadings: 4
                    clockDriftClear: 1m
                    clockDriftClearReadings: 2
                    rejections: 5
                    rejectionWindow: 30m
                    rejectionClearAfter: 1h
                    flapDisconnects: 6
                    flapWindow: 20m
                    flapQuiet: 2h
                    overrides:
                      gate-003: {flapDisconnects: 10, clockDrift: 15m}
                """;

        // when
        final GatewayConfig c = ConfigFolder.load(dir, yaml);

        // then: the override takes the category values for the keys it does not set
        final DeviceHealthLimits category = new DeviceHealthLimits(5 * MINUTE, 4, MINUTE, 2, 5, 30 * MINUTE,
                60 * MINUTE, 6, 20 * MINUTE, 120 * MINUTE);
        assertThat(c.rules().deviceHealth().defaults()).isEqualTo(category);
        assertThat(c.rules().deviceHealth().perDevice()).isEqualTo(Map.of("gate-003", new DeviceHealthLimits(
                15 * MINUTE, 4, MINUTE, 2, 5, 30 * MINUTE, 60 * MINUTE, 10, 20 * MINUTE, 120 * MINUTE)));
        assertThat(c.rules().health("gate-003").flapDisconnects()).isEqualTo(10);
        assertThat(c.rules().health("gate-004")).isEqualTo(category);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            rules: {device: {rejections: 0}}                        | rules.device.rejections: '0'
            rules: {device: {flapWindow: 0s}}                       | rules.device.flapWindow: '0s'
            rules: {device: {clockDrift: 1m, clockDriftClear: 2m}}  | rules.device.clockDriftClear (PT2M)
            rules: {device: {overrides: {gate-3: {flapDisconnect: 6}}}} | rules.device.overrides.gate-3.flapDisconnect
            rules: {device: {overrides: {gate-3: {rejections: -1}}}}    | rules.device.overrides.gate-3.rejections
            rules: {device: {overrides: [gate-003]}}                | rules.device.overrides
            """)
    void load_badDeviceHealthValue_failsNamingTheKey(final String yaml, final String detail) {
        // when
        final ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFolder.load(dir, yaml));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(detail);
    }
}

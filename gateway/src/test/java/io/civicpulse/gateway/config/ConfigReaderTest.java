// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mqtt.port                         | CP_MQTT_PORT
            mqtt.receiveMaximum               | CP_MQTT_RECEIVE_MAXIMUM
            mqtt.maxPacketBytes               | CP_MQTT_MAX_PACKET_BYTES
            issues.jdbcUrl                    | CP_ISSUES_JDBC_URL
            issues.password                   | CP_ISSUES_PASSWORD
            dataDir                           | CP_DATA_DIR
            rules.streetlight.onWindow        | CP_RULES_STREETLIGHT_ON_WINDOW
            rules.device.batteryLowPercent    | CP_RULES_DEVICE_BATTERY_LOW_PERCENT
            """)
    void envName_dottedCamelCaseKey_isUpperSnakeCaseWithPrefix(final String key, final String env) {
        // given
        // when
        final String name = ConfigReader.envName(key);

        // then
        assertThat(name).isEqualTo(env);
    }
}

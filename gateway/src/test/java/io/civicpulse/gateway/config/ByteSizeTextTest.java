// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ByteSizeTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            65536,     65536
            100B,      100
            64KiB,     65536
            ' 512 MiB ', 536870912
            1GiB,      1073741824
            4TiB,      4398046511104
            """)
    void parse_numberWithOptionalBinaryUnit_isBytes(final String text, final long bytes) {
        // when / then
        assertThat(ByteSizeText.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "1GB", "1.5GiB", "-1", "1 gib", "GiB", "999999999999TiB"})
    void parse_notASize_isMinusOne(final String text) {
        // when / then
        assertThat(ByteSizeText.parse(text)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            1073741824, 1GiB
            1048576,    1MiB
            1536,       1536
            0,          0
            """)
    void format_size_isShortestExactText(final long bytes, final String text) {
        // when / then
        assertThat(ByteSizeText.format(bytes)).isEqualTo(text);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.topic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 3.1.1 §4.7 / MQTT 5 §4.7 topic filters. */
class TopicFilterTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cp/+/alerts/lighting       | cp/lakeside/alerts/lighting        | true
            cp/+/alerts/lighting       | cp/lakeside/alerts/sanitation      | false
            cp/+/alerts/lighting       | cp/lakeside/x/alerts/lighting      | false
            cp/+/alerts/lighting       | cp/lakeside/alerts/lighting/more   | false
            cp/+/alerts/lighting       | cp/lakeside/alerts                 | false
            cp/lakeside/alerts/l       | cp/lakeside/alerts/l               | true
            cp/lakeside/alerts/l       | cp/lakeside/alerts/L               | false
            cp/#                       | cp/lakeside/alerts/lighting        | true
            cp/#                       | cp                                 | true
            cp/#                       | cpx/lakeside                       | false
            cp/lakeside/#              | cp/lakeside                        | true
            #                          | cp/lakeside                        | true
            #                          | /                                  | true
            +                          | cp                                 | true
            +                          | cp/lakeside                        | false
            +/+                        | /lakeside                          | true
            cp/+                       | cp/                                | true
            cp/+/+                     | cp/a                               | false
            a/b                        | a/b/                               | false
            a/b/                       | a/b                                | false
            #                          | $SYS/broker/load                   | false
            +/broker/load              | $SYS/broker/load                   | false
            +                          | $SYS                               | false
            $SYS/#                     | $SYS/broker/load                   | true
            $SYS/+/load                | $SYS/broker/load                   | true
            cp/+/$x                    | cp/a/$x                            | true
            """)
    void matches_filterAndTopic_followsTheSpec(final String filter, final String topic, final boolean expected) {
        // given
        // when
        final boolean matches = TopicFilter.matches(filter, topic);

        // then
        assertThat(matches).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            #                      | true
            +                      | true
            cp/#                   | true
            cp/+/alerts/lighting   | true
            +/+/+                  | true
            /                      | true
            cp/                    | true
            $SYS/#                 | true
            ""                     | false
            cp/#/alerts            | false
            cp#                    | false
            cp/a#                  | false
            cp/#/#                 | false
            cp+                    | false
            cp/+a/b                | false
            cp/a+                  | false
            ++                     | false
            """)
    void isValid_filter_followsTheSpec(final String filter, final boolean expected) {
        // given
        // when
        final boolean valid = TopicFilter.isValid(filter);

        // then
        assertThat(valid).isEqualTo(expected);
    }

    @Test
    void isValid_nulCharacter_isInvalid() {
        // given
        final String filter = "cp/a\u0000b";

        // when
        final boolean valid = TopicFilter.isValid(filter);

        // then
        assertThat(valid).isFalse();
    }
}

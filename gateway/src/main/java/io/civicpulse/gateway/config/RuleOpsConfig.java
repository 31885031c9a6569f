// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import io.civicpulse.rules.engine.ThresholdConditions;
import io.civicpulse.rules.model.ThresholdCondition;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Rule operations and alert delivery settings (read by {@link RuleOpsConfigReader}).
 *
 * @param conditions         threshold conditions of the pack ({@code rules.conditions} over the defaults)
 * @param solar              streetlight windows from sunset/sunrise at each lamp's position
 *                           ({@code rules.streetlight.solar})
 * @param duskOffset         added to sunset ({@code rules.streetlight.duskOffsetMinutes})
 * @param dawnOffset         added to sunrise ({@code rules.streetlight.dawnOffsetMinutes})
 * @param operatorRulesDir   folder of operator DRL files watched and hot-reloaded, or null ({@code rules.operatorDir})
 * @param flappingTransitions raises of one device and category within {@code flappingWindow} above which it is
 *                           flapping ({@code rules.flapping.maxRaises})
 * @param flappingWindow     the flapping window ({@code rules.flapping.window})
 * @param rollupMinDarkLamps dark lamps on one segment that raise SL-02 ({@code rules.rollup.minDarkLamps})
 * @param groupWindow        webhook/stream events of one body within this window go out as one message; zero sends
 *                           each at once ({@code alerts.groupWindow})
 * @param reminderInterval   an unacknowledged alert is repeated this often; zero turns reminders off
 *                           ({@code alerts.reminderInterval})
 * @param webhooks           webhooks per body ({@code alerts.webhooks})
 * @param webhookMaxAttempts attempts per webhook message before it is logged as failed
 * @param webhookBackoff     delay before the first retry, doubled per attempt up to 5 minutes
 */
public record RuleOpsConfig(List<ThresholdCondition> conditions, boolean solar, Duration duskOffset,
                            Duration dawnOffset, Path operatorRulesDir, int flappingTransitions,
                            Duration flappingWindow, int rollupMinDarkLamps, Duration groupWindow,
                            Duration reminderInterval, List<Webhook> webhooks, int webhookMaxAttempts,
                            Duration webhookBackoff) {

    /**
     * @param bodyId body whose alerts go to the hook
     * @param url    http(s) URL receiving a JSON POST
     * @param secret HMAC-SHA256 key for the {@code X-CivicPulse-Signature} header; never logged
     */
    public record Webhook(String bodyId, URI url, String secret) {
        @Override
        public String toString() {
            return "Webhook[" + bodyId + " -> " + url + "]";
        }
    }

    /** @return the defaults: default conditions, fixed lamp window, no operator folder, no webhooks */
    public static RuleOpsConfig defaults() {
        return new RuleOpsConfig(ThresholdConditions.defaults(), false, Duration.ZERO, Duration.ZERO, null, 4,
                Duration.ofHours(1), 3, Duration.ZERO, Duration.ZERO, List.of(), 6, Duration.ofSeconds(1));
    }
}

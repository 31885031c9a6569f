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
 * @param journal            where the suppression ledger, shadow log and delivery log are kept ({@code journal.*})
 */
public record RuleOpsConfig(List<ThresholdCondition> conditions, boolean solar, Duration duskOffset,
                            Duration dawnOffset, Path operatorRulesDir, int flappingTransitions,
                            Duration flappingWindow, int rollupMinDarkLamps, Duration groupWindow,
                            Duration reminderInterval, List<Webhook> webhooks, int webhookMaxAttempts,
                            Duration webhookBackoff, Journal journal) {

    /**
     * The operations journal in the issue database.
     *
     * @param retention     rows older than this are deleted ({@code journal.retention}, default 30 days, at least
     *                      1 hour)
     * @param pruneInterval how often the retention runs ({@code journal.pruneInterval}, default 1 hour)
     * @param queueCapacity rows waiting for the database at most; beyond, rows are dropped and counted in
     *                      {@code gateway.journal.dropped} ({@code journal.queueCapacity}, default 10,000)
     */
    public record Journal(Duration retention, Duration pruneInterval, int queueCapacity) {
        /** Default of {@code journal.retention}. */
        public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
        /** Smallest {@code journal.retention}. */
        public static final Duration MIN_RETENTION = Duration.ofHours(1);
        /** Default of {@code journal.pruneInterval}. */
        public static final Duration DEFAULT_PRUNE_INTERVAL = Duration.ofHours(1);
        /** Smallest {@code journal.pruneInterval}. */
        public static final Duration MIN_PRUNE_INTERVAL = Duration.ofSeconds(1);
        /** Default of {@code journal.queueCapacity}. */
        public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
        /** Largest {@code journal.queueCapacity}. */
        public static final int MAX_QUEUE_CAPACITY = 1_000_000;

        /** @return the defaults */
        public static Journal defaults() {
            return new Journal(DEFAULT_RETENTION, DEFAULT_PRUNE_INTERVAL, DEFAULT_QUEUE_CAPACITY);
        }
    }

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
                Duration.ofHours(1), 3, Duration.ZERO, Duration.ZERO, List.of(), 6, Duration.ofSeconds(1),
                Journal.defaults());
    }
}

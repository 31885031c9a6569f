// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.config.RuleOpsConfig.Journal;
import io.civicpulse.rules.engine.ThresholdConditions;
import io.civicpulse.rules.model.ThresholdCondition;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code rules.conditions}, the solar schedule, the operator rule folder, flapping and roll-up settings and
 * {@code alerts.*} and {@code journal.*}. Every mistake names the key, the value and what was expected.
 */
final class RuleOpsConfigReader {
    private static final String CONDITIONS = "rules.conditions";
    private static final String WEBHOOKS = "alerts.webhooks";
    private static final Set<String> CONDITION_KEYS = Set.of("category", "device", "metric", "raiseAt", "clearAt",
            "for", "direction", "window", "version", "id");
    private static final Set<String> WEBHOOK_KEYS = Set.of("body", "url", "secret");

    private RuleOpsConfigReader() {
    }

    static RuleOpsConfig read(final ConfigReader r, final Path baseDir) throws ConfigException {
        final RuleOpsConfig d = RuleOpsConfig.defaults();
        final String dir = r.string("rules.operatorDir", "rules");
        return new RuleOpsConfig(conditions(r), r.bool("rules.streetlight.solar", false),
                Duration.ofMinutes(r.intIn("rules.streetlight.duskOffsetMinutes", 0, -180, 180)),
                Duration.ofMinutes(r.intIn("rules.streetlight.dawnOffsetMinutes", 0, -180, 180)),
                dir.isBlank() ? null : baseDir.resolve(dir),
                r.intIn("rules.flapping.maxRaises", d.flappingTransitions(), 1, 1000),
                r.duration("rules.flapping.window", d.flappingWindow(), Duration.ofSeconds(1)),
                r.intIn("rules.rollup.minDarkLamps", d.rollupMinDarkLamps(), 2, 1000),
                r.duration("alerts.groupWindow", d.groupWindow(), Duration.ZERO),
                r.duration("alerts.reminderInterval", d.reminderInterval(), Duration.ZERO),
                webhooks(r), r.intIn("alerts.webhookMaxAttempts", d.webhookMaxAttempts(), 1, 100),
                r.duration("alerts.webhookBackoff", d.webhookBackoff(), Duration.ofMillis(1)), journal(r));
    }

    private static RuleOpsConfig.Journal journal(final ConfigReader r) throws ConfigException {
        return new RuleOpsConfig.Journal(
                r.duration("journal.retention", Journal.DEFAULT_RETENTION, Journal.MIN_RETENTION),
                r.duration("journal.pruneInterval", Journal.DEFAULT_PRUNE_INTERVAL, Journal.MIN_PRUNE_INTERVAL),
                r.intIn("journal.queueCapacity", Journal.DEFAULT_QUEUE_CAPACITY, 1, Journal.MAX_QUEUE_CAPACITY));
    }

    /** Entries without {@code device} replace the default of their category; entries with one add an override. */
    private static List<ThresholdCondition> conditions(final ConfigReader r) throws ConfigException {
        final Map<String, ThresholdCondition> typeWide = new LinkedHashMap<>();
        ThresholdConditions.defaults().forEach(c -> typeWide.put(c.category(), c));
        final JsonNode node = r.tree(CONDITIONS);
        if (node == null) {
            return List.copyOf(typeWide.values());
        }
        if (!node.isArray()) {
            throw r.error(CONDITIONS, node.toString(), "a list of {category, raiseAt, clearAt, for, device...}");
        }
        final List<ThresholdCondition> overrides = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            final String at = CONDITIONS + "[" + i + "]";
            final JsonNode e = r.section(at, node.get(i), CONDITION_KEYS);
            final String category = text(r, at + ".category", e.get("category"));
            final ThresholdCondition base = typeWide.get(category);
            if (base == null) {
                throw r.error(at + ".category", category, "a threshold category, one of " + typeWide.keySet());
            }
            final ThresholdCondition c = condition(r, at, e, base);
            if (e.hasNonNull("device")) {
                overrides.add(c.forDevice(e.get("device").asText()));
            } else {
                typeWide.put(category, c);
            }
        }
        final List<ThresholdCondition> all = new ArrayList<>(typeWide.values());
        all.addAll(overrides);
        try {
            return ThresholdConditions.validate(all);
        } catch (final IllegalArgumentException ex) {
            throw new ConfigException(CONDITIONS + ": " + ex.getMessage(), ex);
        }
    }

    private static ThresholdCondition condition(final ConfigReader r, final String at, final JsonNode e,
                                                final ThresholdCondition b) throws ConfigException {
        try {
            final String id = e.hasNonNull("id") ? e.get("id").asText() : b.id();
            final String forText = e.hasNonNull("for") ? e.get("for").asText() : null;
            final Duration duration = forText == null ? Duration.ofMillis(b.durationMillis())
                    : DurationText.parse(forText);
            if (duration == null) {
                throw r.error(at + ".for", forText, "a duration written like 0s, 30s, 10m or 2h");
            }
            return new ThresholdCondition(id, e.path("version").asInt(b.version()), b.category(), b.deviceType(),
                    null, e.path("metric").asText(b.metric()),
                    ThresholdCondition.Direction.valueOf(e.path("direction").asText(b.direction().name())
                            .toUpperCase(Locale.ROOT)),
                    number(r, at + ".raiseAt", e.get("raiseAt"), b.raiseAt()),
                    number(r, at + ".clearAt", e.get("clearAt"), b.clearAt()), duration.toMillis(),
                    ThresholdCondition.LampWindow.valueOf(e.path("window").asText(b.window().name())
                            .toUpperCase(Locale.ROOT)));
        } catch (final IllegalArgumentException ex) {
            throw new ConfigException(r.error(at, e.toString(), "a valid condition (" + ex.getMessage()
                    + "; direction ABOVE|BELOW, window ANY|LAMP_ON|LAMP_OFF)").getMessage(), ex);
        }
    }

    private static List<RuleOpsConfig.Webhook> webhooks(final ConfigReader r) throws ConfigException {
        final JsonNode node = r.tree(WEBHOOKS);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw r.error(WEBHOOKS, node.toString(), "a list of {body, url, secret}");
        }
        final List<RuleOpsConfig.Webhook> hooks = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            final String at = WEBHOOKS + "[" + i + "]";
            final JsonNode e = r.section(at, node.get(i), WEBHOOK_KEYS);
            final String url = text(r, at + ".url", e.get("url"));
            final URI uri;
            try {
                uri = URI.create(url);
            } catch (final IllegalArgumentException ex) {
                throw r.error(at + ".url", url, "an http or https URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw r.error(at + ".url", url, "an http or https URL");
            }
            final String secret = text(r, at + ".secret", e.get("secret"));
            if (secret.length() < 16) {
                throw r.error(at + ".secret", "(hidden)", "a secret of at least 16 characters");
            }
            hooks.add(new RuleOpsConfig.Webhook(text(r, at + ".body", e.get("body")), uri, secret));
        }
        return List.copyOf(hooks);
    }


    private static String text(final ConfigReader r, final String key, final JsonNode node) throws ConfigException {
        if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
            throw r.error(key, String.valueOf(node), "a value (it is required)");
        }
        return node.asText();
    }

    private static double number(final ConfigReader r, final String key, final JsonNode node, final double dflt)
            throws ConfigException {
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isNumber()) {
            throw r.error(key, node.toString(), "a number");
        }
        return node.asDouble();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.civicpulse.simulators.device.FaultKind;
import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.payload.PayloadFormat;
import io.civicpulse.simulators.registry.FleetShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads a scenario file (YAML; see simulators/scenarios/ and docs/simulators.md). Every error names the file,
 * the field's path ({@code timeline[2].fault}) and what was expected; unknown fields are errors, so a typo
 * never silently drops a check.
 */
public final class ScenarioReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "description", "fleet", "timeline", "expect");
    private static final Set<String> FLEET = Set.of("seed", "community", "streetlights", "bins", "gates", "interval",
            "protocol", "qos", "client", "format", "nightWindow");
    private static final Set<String> STEP = Set.of("at", "fault", "device", "report");
    private static final Set<String> REPORT = Set.of("category", "lat", "lon", "text");
    private static final Set<String> EXPECT = Set.of("category", "device", "state", "lead", "routingClass", "rung",
            "absent", "by", "within");
    private static final Set<String> RUNGS = Set.of("REMINDED", "YELLOW_WARNING", "RED_SUPERVISION", "REPORTED_UP");
    private static final Duration DEFAULT_WITHIN = Duration.ofSeconds(60);

    private final String source;

    private ScenarioReader(final String source) {
        this.source = source;
    }

    /**
     * Reads {@code file}.
     *
     * @throws ScenarioException naming the file, the field and the problem
     */
    public static Scenario read(final Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (final IOException e) {
            throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses scenario YAML {@code text}; {@code source} names it in errors.
     *
     * @throws ScenarioException naming the source, the field and the problem
     */
    public static Scenario parse(final String text, final String source) {
        final JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (final JsonProcessingException e) {
            throw new ScenarioException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        return new ScenarioReader(source).scenario(root);
    }

    private Scenario scenario(final JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error("", "the file must be a mapping with name, fleet, timeline and expect");
        }
        checkKeys(root, "", TOP);
        final String name = text(root, "name", "", true);
        final ScenarioFleet fleet = fleet(required(root, "fleet", ""));
        final List<ScenarioStep> steps = list(root.get("timeline"), "timeline", this::step);
        steps.sort(Comparator.comparing(ScenarioStep::at));
        final List<Expectation> expectations = list(root.get("expect"), "expect", this::expectation);
        if (expectations.isEmpty()) {
            throw error("expect", "a scenario needs at least one expectation");
        }
        final String description = text(root, "description", "", false);
        return new Scenario(name, description == null ? "" : description, fleet, steps, expectations);
    }

    private ScenarioFleet fleet(final JsonNode node) {
        checkKeys(node, "fleet", FLEET);
        final FleetShape shape = convert("fleet", () -> new FleetShape(
                integer(node, "seed", "fleet", FleetShape.DEFAULT_SEED),
                (int) integer(node, "streetlights", "fleet", 0),
                (int) integer(node, "bins", "fleet", 0), (int) integer(node, "gates", "fleet", 0),
                orDefault(node, "community", FleetShape.DEFAULT_COMMUNITY)));
        final String window = orDefault(node, "nightWindow", "00:00-00:00");
        return new ScenarioFleet(shape, duration(node, "interval", "fleet", Duration.ofSeconds(1)),
                convert("fleet.protocol", () -> MqttProtocol.parse(orDefault(node, "protocol", "5"))),
                (int) integer(node, "qos", "fleet", 1),
                convert("fleet.client", () -> MqttClientKind.parse(orDefault(node, "client", "netty"))),
                convert("fleet.format", () -> PayloadFormat.parse(orDefault(node, "format", "native"))),
                "sun".equals(window) ? null : convert("fleet.nightWindow", () -> NightWindow.parse(window)));
    }

    private ScenarioStep step(final JsonNode node, final String path) {
        checkKeys(node, path, STEP);
        final Duration at = duration(node, "at", path, null);
        if (node.has("fault") == node.has("report")) {
            throw error(path, "a step has either fault (with device) or report");
        }
        if (node.has("report")) {
            final JsonNode report = node.get("report");
            final String reportPath = path + ".report";
            checkKeys(report, reportPath, REPORT);
            return new ScenarioStep(at, null, null, new ScenarioStep.ResidentReport(
                    text(report, "category", reportPath, true), number(report, "lat", reportPath),
                    number(report, "lon", reportPath), text(report, "text", reportPath, true)));
        }
        final FaultKind fault = convert(path + ".fault", () -> FaultKind.fromLabel(node.get("fault").asText()));
        return new ScenarioStep(at, text(node, "device", path, true), fault, null);
    }

    private Expectation expectation(final JsonNode node, final String path) {
        checkKeys(node, path, EXPECT);
        final String rung = text(node, "rung", path, false);
        if (rung != null && !RUNGS.contains(rung)) {
            throw error(path + ".rung", "'" + rung + "' is not an escalation rung; use one of " + RUNGS);
        }
        return new Expectation(text(node, "category", path, true), text(node, "device", path, false),
                text(node, "state", path, false), text(node, "lead", path, false),
                text(node, "routingClass", path, false), rung, node.path("absent").asBoolean(false),
                node.hasNonNull("by") ? duration(node, "by", path, null) : null,
                duration(node, "within", path, DEFAULT_WITHIN));
    }

    private <T> List<T> list(final JsonNode node, final String path, final ItemReader<T> reader) {
        final List<T> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            throw error(path, "expected a list");
        }
        for (int i = 0; i < node.size(); i++) {
            final String itemPath = path + "[" + i + "]";
            if (!node.get(i).isObject()) {
                throw error(itemPath, "expected a mapping");
            }
            items.add(reader.read(node.get(i), itemPath));
        }
        return items;
    }

    private void checkKeys(final JsonNode node, final String path, final Set<String> allowed) {
        if (!node.isObject()) {
            throw error(path, "expected a mapping");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw error(join(path, key), "unknown field; allowed here: " + String.join(", ", allowed.stream()
                        .sorted().toList()));
            }
        });
    }

    private JsonNode required(final JsonNode node, final String key, final String path) {
        if (!node.hasNonNull(key)) {
            throw error(join(path, key), "missing");
        }
        return node.get(key);
    }

    private String text(final JsonNode node, final String key, final String path, final boolean mandatory) {
        if (!node.hasNonNull(key)) {
            if (mandatory) {
                throw error(join(path, key), "missing");
            }
            return null;
        }
        final String value = node.get(key).asText().trim();
        if (value.isEmpty()) {
            throw error(join(path, key), "must not be empty");
        }
        return value;
    }

    private static String orDefault(final JsonNode node, final String key, final String fallback) {
        return node.hasNonNull(key) ? node.get(key).asText().trim() : fallback;
    }

    private long integer(final JsonNode node, final String key, final String path, final long fallback) {
        if (!node.hasNonNull(key)) {
            return fallback;
        }
        if (!node.get(key).canConvertToLong() || !node.get(key).isIntegralNumber()) {
            throw error(join(path, key), "expected a whole number, got '" + node.get(key).asText() + "'");
        }
        return node.get(key).asLong();
    }

    private double number(final JsonNode node, final String key, final String path) {
        if (!node.hasNonNull(key) || !node.get(key).isNumber()) {
            throw error(join(path, key), "expected a number (decimal degrees)");
        }
        return node.get(key).asDouble();
    }

    private Duration duration(final JsonNode node, final String key, final String path, final Duration fallback) {
        if (!node.hasNonNull(key)) {
            if (fallback == null) {
                throw error(join(path, key), "missing (a duration such as 30s, 10m or PT2H)");
            }
            return fallback;
        }
        return convert(join(path, key), () -> ScenarioDurations.parse(node.get(key).asText()));
    }

    private <T> T convert(final String path, final java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (final IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private ScenarioException error(final String path, final String problem) {
        return new ScenarioException(source + (path.isEmpty() ? "" : ": " + path) + ": " + problem);
    }

    private static String join(final String path, final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reads one list item at a path. */
    @FunctionalInterface
    private interface ItemReader<T> {
        T read(JsonNode node, String path);
    }

}

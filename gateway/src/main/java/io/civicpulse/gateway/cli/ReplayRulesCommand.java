// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.config.GatewayConfigLoader;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.gateway.ruleops.ReplayReadings;
import io.civicpulse.gateway.ruleops.ReplayService;
import io.civicpulse.rules.engine.RuleEngine;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.model.Reading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code replay-rules --readings FILE.jsonl [--config gateway.yaml] [--rules FILE.drl...] [--until ISO]}: replays
 * recorded telemetry through the default pack plus the given rule files on a pseudo clock and prints, as JSON, the
 * verdicts and the issues they would open. Nothing is stored or sent.
 */
@Command(name = "replay-rules", mixinStandardHelpOptions = true,
        description = "Replays recorded readings (JSONL) through a rule pack and lists the issues it would open.")
final class ReplayRulesCommand implements Callable<Integer> {
    @Option(names = "--readings", required = true, description = "JSONL: {community,type,device,ts,seq?,metrics}")
    Path readings;

    @Option(names = "--config", description = "gateway.yaml for thresholds, conditions and the device registry")
    Path config;

    @Option(names = "--rules", split = ",", description = "extra DRL files (e.g. a candidate rule)")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--until", description = "move the clock here after the last reading (ISO-8601 instant)")
    Instant until;

    @Override
    public Integer call() {
        try {
            final GatewayConfig cfg = config == null ? null : GatewayConfigLoader.load(List.of(config), Map.of(),
                    System.getenv());
            final Registry registry = cfg == null ? null : RegistryLoader.load(cfg.devicesFile(), cfg.crewsFile());
            final List<Path> files = new ArrayList<>(cfg == null ? List.of() : cfg.ruleFiles());
            files.addAll(rules);
            final RuleEngine engine = RuleEngine.build(files);
            final ReplayService replay = cfg == null
                    ? new ReplayService(id -> java.util.Optional.empty(), RuleParameters.defaults(),
                            io.civicpulse.rules.engine.ThresholdConditions.defaults(), 4, 3_600_000L, 3)
                    : new ReplayService(registry::device, cfg.rules(), cfg.ruleOps().conditions(),
                            cfg.ruleOps().flappingTransitions(), cfg.ruleOps().flappingWindow().toMillis(),
                            cfg.ruleOps().rollupMinDarkLamps());
            final List<Reading> parsed;
            try (BufferedReader in = Files.newBufferedReader(readings, StandardCharsets.UTF_8)) {
                parsed = ReplayReadings.parse(in);
            }
            final ReplayService.Report report = replay.replay(engine, parsed, until == null ? 0 : until.toEpochMilli());
            System.out.println(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return 0;
        } catch (final Exception e) {
            System.err.println("civicpulse: replay-rules: " + (e.getMessage() == null ? e : e.getMessage()));
            return 2;
        }
    }
}

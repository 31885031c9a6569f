// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.engine.RuleCompilationException;
import io.civicpulse.rules.engine.RuleEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles a {@link RulePack} from the configured rule files plus an operator folder: {@code *.drl} files go live,
 * {@code *.shadow.drl} files run in shadow only. Every operator rule must carry {@code @version("n")} metadata, so
 * its verdicts are recorded as {@code "name@n"}. Thread-safe (stateless).
 */
final class OperatorRuleFiles {
    static final String SHADOW_SUFFIX = ".shadow.drl";
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private OperatorRuleFiles() {
    }

    /**
     * @param configured rule files from {@code rules.files}
     * @param folder     the operator folder, or null
     * @param generation the generation number to give the pack
     * @param clock      for {@link RulePack#loadedAt()}
     * @return the compiled pack
     * @throws RuleCompilationException {@code file:line: message} per problem; nothing is swapped in
     */
    static RulePack compile(final List<Path> configured, final Path folder, final long generation,
                            final Clock clock) throws RuleCompilationException {
        final List<Path> live = new ArrayList<>();
        final List<Path> shadow = new ArrayList<>();
        list(folder, live, shadow);
        final List<Path> liveAll = new ArrayList<>(configured);
        liveAll.addAll(live);
        final RuleEngine liveEngine = RuleEngine.build(liveAll);
        requireVersions(live, liveEngine);
        RuleEngine shadowEngine = null;
        final Set<String> shadowNames = new HashSet<>();
        if (!shadow.isEmpty()) {
            final List<Path> shadowAll = new ArrayList<>(liveAll);
            shadowAll.addAll(shadow);
            shadowEngine = RuleEngine.build(shadowAll);
            requireVersions(shadow, shadowEngine);
            shadowNames.addAll(ruleNames(shadow));
        }
        return new RulePack(generation, liveEngine, shadowEngine, List.copyOf(live), List.copyOf(shadow),
                Set.copyOf(shadowNames), clock.instant());
    }

    private static void list(final Path folder, final List<Path> live, final List<Path> shadow)
            throws RuleCompilationException {
        if (folder == null) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new RuleCompilationException(List.of(folder + ":0: the operator rule folder does not exist"));
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".drl")).sorted().forEach(f ->
                    (f.getFileName().toString().endsWith(SHADOW_SUFFIX) ? shadow : live).add(f));
        } catch (final IOException e) {
            throw new RuleCompilationException(List.of(folder + ":0: cannot list rule files: " + e.getMessage()));
        }
    }

    private static void requireVersions(final List<Path> files, final RuleEngine engine)
            throws RuleCompilationException {
        final List<String> problems = new ArrayList<>();
        for (final Path file : files) {
            final String drl = read(file);
            final Matcher m = RULE.matcher(drl);
            while (m.find()) {
                if (!engine.ruleVersions().containsKey(m.group(1))) {
                    final int line = (int) drl.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
                    problems.add(file + ":" + line + ": rule \"" + m.group(1) + "\" has no @version(\"n\") "
                            + "metadata; every operator rule needs one (it is recorded in issue evidence)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
    }

    private static Set<String> ruleNames(final List<Path> files) throws RuleCompilationException {
        final Set<String> names = new HashSet<>();
        for (final Path file : files) {
            final Matcher m = RULE.matcher(read(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String read(final Path file) throws RuleCompilationException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new RuleCompilationException(List.of(file + ":0: cannot read rule file: " + e));
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.BetaRangeIndexOption;
import org.kie.api.conf.EventProcessingOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the default rule pack plus operator DRL files into a STREAM-mode KieBase, entirely in code.
 *
 * <p>No {@code META-INF/kmodule.xml} is involved: with one on the classpath Drools scans the whole (fat) jar,
 * which costs seconds and hundreds of MiB. Thread-safe: every call uses its own KieFileSystem and release id.
 */
final class RulePackCompiler {
    /** The default pack, listed explicitly so nothing depends on classpath scanning. */
    static final List<String> DEFAULT_PACK = List.of(
            "io/civicpulse/rules/facts.drl",
            "io/civicpulse/rules/streetlight.drl",
            "io/civicpulse/rules/bin.drl",
            "io/civicpulse/rules/gate.drl",
            "io/civicpulse/rules/threshold.drl",
            "io/civicpulse/rules/device.drl",
            "io/civicpulse/rules/health.drl");

    private static final Logger LOG = LoggerFactory.getLogger(RulePackCompiler.class);
    private static final String SOURCE_ROOT = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private RulePackCompiler() {
    }

    /**
     * @param extraRuleFiles operator DRL files, never null
     * @return the compiled KieBase
     * @throws RuleCompilationException listing {@code file:line: message} for every error or unreadable file
     */
    static KieBase compile(final List<Path> extraRuleFiles) throws RuleCompilationException {
        final KieServices services = KieServices.Factory.get();
        final KieFileSystem files = services.newKieFileSystem();
        // A unique release id per build, removed again below: the KieRepository is JVM-global, and reusing the
        // default id would let two concurrent builds (start-up and a hot reload) pick up each other's module.
        final ReleaseId releaseId = services.newReleaseId("io.civicpulse", "rules-" + UUID.randomUUID(), "1.0.0");
        files.generateAndWritePomXML(releaseId);
        final Map<String, String> displayNames = new HashMap<>();
        for (final String resource : DEFAULT_PACK) {
            files.write(SOURCE_ROOT + resource, readClasspath(resource));
            displayNames.put(resource, resource);
        }
        writeExtraFiles(files, extraRuleFiles, displayNames);
        final ClassLoader classLoader = RulePackCompiler.class.getClassLoader();
        try {
            final KieBuilder builder = services.newKieBuilder(files, classLoader).buildAll();
            checkResults(builder.getResults().getMessages(), displayNames);
            final KieBaseConfiguration configuration = services.newKieBaseConfiguration();
            configuration.setOption(EventProcessingOption.STREAM);
            // Joins such as Now( millis >= $due ) then look up only the due tuples in a tree instead of
            // re-testing every device's pending condition whenever the clock moves.
            configuration.setOption(BetaRangeIndexOption.ENABLED);
            return services.newKieContainer(releaseId, classLoader).newKieBase(configuration);
        } finally {
            services.getRepository().removeKieModule(releaseId);
        }
    }

    private static void writeExtraFiles(final KieFileSystem files, final List<Path> extraRuleFiles,
                                        final Map<String, String> displayNames) throws RuleCompilationException {
        final List<String> unreadable = new ArrayList<>();
        int index = 0;
        for (final Path file : extraRuleFiles) {
            Objects.requireNonNull(file, "extraRuleFiles must not contain null.");
            try {
                final String drl = Files.readString(file, StandardCharsets.UTF_8);
                // A resource path that matches the DRL package avoids a Drools warning; the index keeps two
                // operator files with the same name apart.
                final String resource = packagePath(drl) + "extra-" + index++ + "-" + file.getFileName();
                files.write(SOURCE_ROOT + resource, drl);
                displayNames.put(resource, file.toString());
            } catch (final IOException e) {
                unreadable.add(file + ":0: cannot read rule file: " + e);
            }
        }
        if (!unreadable.isEmpty()) {
            throw new RuleCompilationException(unreadable);
        }
    }

    private static String packagePath(final String drl) {
        final Matcher matcher = PACKAGE.matcher(drl);
        return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
    }

    private static void checkResults(final List<Message> messages, final Map<String, String> displayNames)
            throws RuleCompilationException {
        final List<String> problems = new ArrayList<>();
        for (final Message message : messages) {
            final String problem = format(message, displayNames);
            if (message.getLevel() == Message.Level.ERROR) {
                problems.add(problem);
            } else {
                LOG.warn("Rule warning: {}", problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
    }

    private static String format(final Message message, final Map<String, String> displayNames) {
        final String raw = message.getPath() == null ? "<rules>" : message.getPath();
        final String path = raw.startsWith(SOURCE_ROOT) ? raw.substring(SOURCE_ROOT.length()) : raw;
        final String file = displayNames.getOrDefault(path, path);
        final String text = message.getText() == null ? "" : message.getText().replaceAll("\\s+", " ").trim();
        return file + ":" + Math.max(0, message.getLine()) + ": " + text;
    }

    private static byte[] readClasspath(final String resource) {
        try (InputStream in = RulePackCompiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                // The pack ships in this jar; a missing file is a packaging bug, not operator input.
                throw new IllegalStateException("default rule file missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read default rule file " + resource, e);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.engine.RuleCompilationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link RulePack} and replaces it when the operator folder changes: the new files are compiled
 * and checked first; only a pack that compiles is swapped in. A bad file leaves the running rules as they are and
 * is reported ({@link #lastProblems()}) as {@code file:line: message}. Lanes pick the new pack up at their next call
 * ({@link ReloadableRuleSession}).
 *
 * <p>Thread-safe: a watcher thread reloads, the HTTP API may too ({@link #reload()} is synchronized), lanes read.
 */
public final class RuleReloader implements AutoCloseable {
    /** Changes within this many milliseconds are compiled once (editors write a file in several steps). */
    static final long DEBOUNCE_MILLIS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(RuleReloader.class);

    private final List<Path> configured;
    private final Path folder;
    private final Clock clock;
    private final AtomicReference<RulePack> current = new AtomicReference<>();
    private volatile List<String> lastProblems = List.of();
    private volatile Instant lastAttempt;
    private WatchService watcher;
    private Thread thread;

    /**
     * Compiles the first pack; a problem here stops the start.
     *
     * @param configured rule files from {@code rules.files}, never null
     * @param folder     operator folder, or null for none
     * @param clock      the gateway clock
     * @throws RuleCompilationException naming each problem
     */
    public RuleReloader(final List<Path> configured, final Path folder, final Clock clock)
            throws RuleCompilationException {
        this.configured = List.copyOf(Objects.requireNonNull(configured, "configured must not be null."));
        this.folder = folder;
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        createMissing(folder);
        current.set(OperatorRuleFiles.compile(this.configured, folder, 1, clock));
        lastAttempt = clock.instant();
    }

    /** A configured folder that does not exist yet is created empty, so operators can drop files into it. */
    private static void createMissing(final Path folder) throws RuleCompilationException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
            LOG.info("Created the empty operator rule folder {} (rules.operatorDir)", folder);
        } catch (final IOException e) {
            throw new RuleCompilationException(List.of(folder + ":0: the operator rule folder (rules.operatorDir) "
                    + "does not exist and cannot be created: " + e.getMessage()));
        }
    }

    /** @return the pack in force */
    public RulePack current() {
        return current.get();
    }

    /** @return problems of the last rejected reload (empty after a good one) */
    public List<String> lastProblems() {
        return lastProblems;
    }

    /** @return when a reload was last attempted */
    public Instant lastAttempt() {
        return lastAttempt;
    }

    /**
     * Compiles the folder again and swaps the result in if it compiles.
     *
     * @return true when a new pack is in force
     */
    public synchronized boolean reload() {
        lastAttempt = clock.instant();
        try {
            final RulePack pack = OperatorRuleFiles.compile(configured, folder, current.get().generation() + 1,
                    clock);
            current.set(pack);
            lastProblems = List.of();
            LOG.info("Rules reloaded: generation {}, live files {}, shadow files {}", pack.generation(),
                    pack.liveFiles(), pack.shadowFiles());
            return true;
        } catch (final RuleCompilationException e) {
            lastProblems = e.problems();
            LOG.error("Rule files rejected, the running rules stay (generation {}):\n  {}",
                    current.get().generation(), String.join("\n  ", e.problems()));
            return false;
        }
    }

    /**
     * Starts watching the operator folder (no-op without one).
     *
     * @throws IOException if the folder cannot be watched
     */
    public synchronized void startWatching() throws IOException {
        if (folder == null || watcher != null) {
            return;
        }
        watcher = FileSystems.getDefault().newWatchService();
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        thread = new Thread(this::watch, "rule-reloader");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (true) {
                final WatchKey key = watcher.take();
                // Let the burst of events from one save settle, then compile once.
                WatchKey more = watcher.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
                key.pollEvents();
                key.reset();
                while (more != null) {
                    more.pollEvents();
                    more.reset();
                    more = watcher.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
                }
                reload();
            }
        } catch (final InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (watcher != null) {
            watcher.close();
            thread.interrupt();
            watcher = null;
        }
    }
}

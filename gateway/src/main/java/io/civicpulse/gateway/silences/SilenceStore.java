// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.silences;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Anomaly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Silences, kept in memory and in {@code <dataDir>/silences.json} (rewritten atomically on every change), so a
 * maintenance window survives a restart. Expired silences stay listed (audit) until {@link #MAX_KEPT} is passed.
 *
 * <p>Thread-safe: lanes read, the HTTP API writes; all methods are synchronized (few silences, rare changes).
 */
public final class SilenceStore {
    /** Silences kept at most; the oldest expired ones are dropped first. */
    static final int MAX_KEPT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SilenceStore.class);

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Silence> silences = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param file  where silences persist, or null to keep them in memory only
     * @param json  the gateway's mapper (ISO instants)
     * @param clock the gateway clock
     * @throws UncheckedIOException if an existing file cannot be read
     */
    public SilenceStore(final Path file, final ObjectMapper json, final Clock clock) {
        this.file = file;
        this.json = Objects.requireNonNull(json, "json must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        load();
    }

    /**
     * @return the created silence with its id
     * @throws IllegalArgumentException if it matches everything or ends before it starts or is already over
     */
    public synchronized Silence create(final String deviceId, final String category, final String area,
                                       final String segment, final Instant startsAt, final Instant endsAt,
                                       final String author, final String comment) {
        if (deviceId == null && category == null && area == null && segment == null) {
            throw new IllegalArgumentException("a silence needs at least one of deviceId, category, area, segment");
        }
        final Instant start = startsAt == null ? clock.instant() : startsAt;
        if (!endsAt.isAfter(start) || !endsAt.isAfter(clock.instant())) {
            throw new IllegalArgumentException("endsAt (" + endsAt + ") must be after startsAt (" + start
                    + ") and in the future");
        }
        final Silence s = new Silence("SIL-" + sequence.incrementAndGet(), deviceId, category, area, segment, start,
                endsAt, author, comment == null ? "" : comment);
        silences.put(s.id(), s);
        trim();
        save();
        return s;
    }

    /** @return true when it existed and was removed */
    public synchronized boolean delete(final String id) {
        final boolean removed = silences.remove(id) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /** @return every silence, newest first; only those in force now when {@code activeOnly} */
    public synchronized List<Silence> list(final boolean activeOnly) {
        final Instant now = clock.instant();
        return silences.values().stream().filter(s -> !activeOnly || s.activeAt(now))
                .sorted(Comparator.comparing(Silence::startsAt).reversed()).toList();
    }

    /** @return the first silence in force now that matches the anomaly */
    public synchronized Optional<Silence> match(final Anomaly anomaly, final Device device) {
        final Instant now = clock.instant();
        return silences.values().stream().filter(s -> s.activeAt(now) && s.matches(anomaly, device)).findFirst();
    }

    private void trim() {
        final Instant now = clock.instant();
        final List<String> expired = new ArrayList<>();
        silences.values().stream().filter(s -> !s.endsAt().isAfter(now)).map(Silence::id).forEach(expired::add);
        for (int i = 0; silences.size() > MAX_KEPT && i < expired.size(); i++) {
            silences.remove(expired.get(i));
        }
    }

    private void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            final List<Silence> loaded = json.readValue(file.toFile(), new TypeReference<List<Silence>>() { });
            for (final Silence s : loaded) {
                silences.put(s.id(), s);
                sequence.accumulateAndGet(Long.parseLong(s.id().substring("SIL-".length())), Math::max);
            }
        } catch (final IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read silences from " + file + ": "
                    + e.getMessage(), e));
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), List.copyOf(silences.values()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            // The silence holds in memory; only its persistence failed, which the operator must know about.
            LOG.error("Cannot persist silences to {}: {}", file, e.getMessage());
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes changed persistent sessions and retained topics to the {@link SessionStore} in the background: a change
 * only marks the session or topic dirty (no disk I/O on an event loop), and {@link #flush()} — run every
 * {@code mqtt.session.flushInterval} and once more at shutdown — writes the current state of everything dirty in
 * one transaction. The dirty sets are bounded by the number of sessions and topics, so nothing can overrun;
 * what changed within the last interval before a crash (not a shutdown) can be lost.
 *
 * <p>Thread-safe; {@link #flush()} is called by one thread at a time.
 */
final class SessionPersister {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPersister.class);

    private final SessionStore store;
    private final Function<String, Session> sessions;
    private final RetainedLookup retained;
    private final Counter failures;
    private final Set<String> dirtySessions = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyTopics = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> ended = new ConcurrentHashMap<>();

    /**
     * @param store    where to write
     * @param sessions the live session of a client id, or null
     * @param retained the live retained message of a topic, or null
     * @param failures counted when a write fails
     */
    SessionPersister(final SessionStore store, final Function<String, Session> sessions,
                     final RetainedLookup retained, final Counter failures) {
        this.store = store;
        this.sessions = sessions;
        this.retained = retained;
        this.failures = failures;
    }

    void sessionChanged(final String clientId) {
        dirtySessions.add(clientId);
    }

    void sessionEnded(final String clientId) {
        dirtySessions.remove(clientId);
        ended.put(clientId, Boolean.TRUE);
    }

    void retainedChanged(final String topic) {
        dirtyTopics.add(topic);
    }

    /** Writes everything marked since the last flush. */
    synchronized void flush() {
        final List<SessionSnapshot> write = new ArrayList<>();
        final List<String> delete = new ArrayList<>();
        for (final String id : drain(ended.keySet())) {
            delete.add(id);
        }
        for (final String id : drain(dirtySessions)) {
            final Session s = sessions.apply(id);
            if (s != null && s.expirySeconds() > 0) {
                write.add(s.snapshot());
                delete.remove(id);
            } else if (!delete.contains(id)) {
                delete.add(id);
            }
        }
        final List<BrokerMessage> retainedWrite = new ArrayList<>();
        final List<String> retainedDelete = new ArrayList<>();
        for (final String topic : drain(dirtyTopics)) {
            final BrokerMessage m = retained.get(topic);
            if (m == null) {
                retainedDelete.add(topic);
            } else {
                retainedWrite.add(m);
            }
        }
        if (write.isEmpty() && delete.isEmpty() && retainedWrite.isEmpty() && retainedDelete.isEmpty()) {
            return;
        }
        try {
            store.write(write, delete, retainedWrite, retainedDelete);
        } catch (final RuntimeException e) {
            failures.increment();
            LOG.warn("Cannot write {} sessions and {} retained messages to the session store; retrying at the next "
                    + "flush: {}", write.size() + delete.size(), retainedWrite.size() + retainedDelete.size(),
                    e.getMessage());
            write.forEach(s -> dirtySessions.add(s.clientId()));
            delete.forEach(id -> ended.put(id, Boolean.TRUE));
            retainedWrite.forEach(m -> dirtyTopics.add(m.topic()));
            dirtyTopics.addAll(retainedDelete);
        }
    }

    private static List<String> drain(final Set<String> set) {
        final List<String> out = new ArrayList<>();
        for (final String s : set) {
            if (set.remove(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The live retained message of a topic. */
    interface RetainedLookup {
        BrokerMessage get(String topic);
    }
}

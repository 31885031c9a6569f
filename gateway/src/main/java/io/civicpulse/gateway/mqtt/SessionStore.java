// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.util.List;

/**
 * Where persistent sessions and retained messages survive a restart. Called from one thread at a time (start-up,
 * then the persister), so implementations need no locking of their own.
 */
public interface SessionStore extends AutoCloseable {

    /** @return every stored session */
    List<SessionSnapshot> loadSessions();

    /** @return every stored retained message */
    List<BrokerMessage> loadRetained();

    /**
     * Writes a batch of changes in one transaction.
     *
     * @param sessions         sessions to write (replacing what is stored under their client ids)
     * @param deletedSessions  client ids whose sessions ended
     * @param retained         retained messages to write (replacing what is stored under their topics)
     * @param deletedRetained  topics whose retained message was cleared
     */
    void write(List<SessionSnapshot> sessions, List<String> deletedSessions, List<BrokerMessage> retained,
               List<String> deletedRetained);

    @Override
    void close();

    /** A store that keeps nothing: sessions live only as long as the process (handler tests). */
    SessionStore NONE = new SessionStore() {
        @Override
        public List<SessionSnapshot> loadSessions() {
            return List.of();
        }

        @Override
        public List<BrokerMessage> loadRetained() {
            return List.of();
        }

        @Override
        public void write(final List<SessionSnapshot> sessions, final List<String> deletedSessions,
                          final List<BrokerMessage> retained, final List<String> deletedRetained) {
            // nothing is kept
        }

        @Override
        public void close() {
            // nothing to close
        }
    };
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sessions and retained messages in an embedded H2 file, {@code <dataDir>/sessions/sessions.mv.db}: one row per
 * session and per retained topic, each a {@link SnapshotCodec} record. Separate from the issue database so the
 * two never contend.
 *
 * <p>Not thread-safe: used at start-up, then only by the persister thread.
 */
public final class H2SessionStore implements SessionStore {
    private final Connection db;

    private H2SessionStore(final Connection db) {
        this.db = db;
    }

    /**
     * @param dataDir the gateway's data folder
     * @return the opened store (tables created when missing)
     * @throws SQLException when the file cannot be opened, e.g. another gateway uses the same data folder
     */
    public static H2SessionStore open(final Path dataDir) throws SQLException {
        final String url = "jdbc:h2:file:" + dataDir.resolve("sessions").resolve("sessions").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE";
        final Connection c = DriverManager.getConnection(url, "sa", "");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS mqtt_session (client_id VARCHAR PRIMARY KEY, state BLOB NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS mqtt_retained (topic VARCHAR PRIMARY KEY, message BLOB NOT NULL)");
        }
        c.setAutoCommit(false);
        return new H2SessionStore(c);
    }

    @Override
    public List<SessionSnapshot> loadSessions() {
        return load("SELECT state FROM mqtt_session", SnapshotCodec::decodeSession);
    }

    @Override
    public List<BrokerMessage> loadRetained() {
        return load("SELECT message FROM mqtt_retained", SnapshotCodec::decodeMessage);
    }

    private <T> List<T> load(final String sql, final Function<byte[], T> decode) {
        final List<T> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(decode.apply(rs.getBytes(1)));
            }
            db.commit();
        } catch (final SQLException e) {
            throw new IllegalStateException("cannot read the session store: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void write(final List<SessionSnapshot> sessions, final List<String> deletedSessions,
                      final List<BrokerMessage> retained, final List<String> deletedRetained) {
        try (PreparedStatement mergeSession = db.prepareStatement(
                "MERGE INTO mqtt_session (client_id, state) KEY (client_id) VALUES (?, ?)");
             PreparedStatement deleteSession = db.prepareStatement("DELETE FROM mqtt_session WHERE client_id = ?");
             PreparedStatement mergeRetained = db.prepareStatement(
                     "MERGE INTO mqtt_retained (topic, message) KEY (topic) VALUES (?, ?)");
             PreparedStatement deleteRetained = db.prepareStatement("DELETE FROM mqtt_retained WHERE topic = ?")) {
            for (final SessionSnapshot s : sessions) {
                mergeSession.setString(1, s.clientId());
                mergeSession.setBytes(2, SnapshotCodec.encode(s));
                mergeSession.executeUpdate();
            }
            for (final String id : deletedSessions) {
                deleteSession.setString(1, id);
                deleteSession.executeUpdate();
            }
            for (final BrokerMessage m : retained) {
                mergeRetained.setString(1, m.topic());
                mergeRetained.setBytes(2, SnapshotCodec.encode(m));
                mergeRetained.executeUpdate();
            }
            for (final String topic : deletedRetained) {
                deleteRetained.setString(1, topic);
                deleteRetained.executeUpdate();
            }
            db.commit();
        } catch (final SQLException e) {
            rollback();
            throw new IllegalStateException("cannot write the session store: " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (final SQLException ignored) {
            // the write failed already; the caller reports it
        }
    }

    @Override
    public void close() {
        try (Statement st = db.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (final SQLException ignored) {
            // closing anyway
        }
        try {
            db.close();
        } catch (final SQLException ignored) {
            // already closed by SHUTDOWN
        }
    }
}

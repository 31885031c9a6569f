// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Shared by every test that runs on PostgreSQL (issues, workflow, escalation, the operations journal).
 * A throw-away schema in the local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust
 * auth). If PostgreSQL is not reachable the calling test is aborted (reported as skipped), not failed.
 */
public final class PostgresSchema implements AutoCloseable {
    /** The PostgreSQL user (trust authentication). */
    public static final String USER = "postgres";
    private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String OPTIONS = "connectTimeout=3&socketTimeout=60";

    private final String name;

    private PostgresSchema(final String name) {
        this.name = name;
    }

    /** @return a new empty schema; aborts the test if PostgreSQL is not reachable */
    public static PostgresSchema createOrAbort() {
        final String name = "cp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(BASE_URL + "?" + OPTIONS, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (final SQLException e) {
            Assumptions.abort("PostgreSQL not reachable at 127.0.0.1:5432: " + e.getMessage());
        }
        return new PostgresSchema(name);
    }

    /** @return a JDBC URL whose connections use only this schema */
    public String jdbcUrl() {
        return BASE_URL + "?currentSchema=" + name + "&" + OPTIONS;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(BASE_URL + "?" + OPTIONS, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}

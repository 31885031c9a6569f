// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The issue database: a HikariCP pool, migrated by Flyway ({@code db/migration}) when opened.
 *
 * <p>Embedded default: H2 in PostgreSQL mode in the data folder ({@link #embeddedUrl(Path)}); production:
 * PostgreSQL. The same migrations run on both. Thread-safe; close once at shutdown.
 */
public final class IssueDatabase implements AutoCloseable {
    /** Connections per pool: one issue worker plus concurrent API reads. */
    static final int POOL_SIZE = 4;

    private final HikariDataSource dataSource;

    private IssueDatabase(final HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens a pool and migrates the schema to the newest version.
     *
     * @param jdbcUrl  JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql://...}), never null
     * @param user     user name, may be null or empty for H2
     * @param password password, may be null
     * @return the open database
     * @throws IssueStoreException if the database cannot be reached or migrated; the pool is closed again
     */
    public static IssueDatabase open(final String jdbcUrl, final String user, final String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null.");
        final HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("issues");
        // Transactions are explicit in JdbcIssueStore; autocommit is only for single reads.
        config.setAutoCommit(true);
        final HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (final RuntimeException e) {
            throw new IssueStoreException("cannot connect to issue database " + redact(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (final FlywayException e) {
            ds.close();
            throw new IssueStoreException("cannot migrate issue database " + redact(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
        return new IssueDatabase(ds);
    }

    /**
     * The embedded H2 database in {@code <dataDir>/issues/issues} (files {@code issues.mv.db}), PostgreSQL mode.
     *
     * @param dataDir the gateway's data folder, never null
     * @return a JDBC URL for {@link #open}
     */
    public static String embeddedUrl(final Path dataDir) {
        final Path file = dataDir.resolve("issues").resolve("issues").toAbsolutePath();
        // DATABASE_TO_LOWER + DEFAULT_NULL_ORDERING=HIGH make H2 behave like PostgreSQL for our SQL.
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** @return the pooled data source, for {@link JdbcIssueStore} */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool; in-flight transactions fail. */
    @Override
    public void close() {
        dataSource.close();
    }

    /** Passwords may be embedded in URLs; never log them. */
    private static String redact(final String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}

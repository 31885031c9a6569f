// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import io.civicpulse.gateway.testsupport.PostgresSchema;

/**
 * The journal contract on the real PostgreSQL at 127.0.0.1:5432 (database {@code test}), in a fresh schema per test,
 * dropped afterwards. Skipped with a message naming PostgreSQL when it is not reachable.
 */
class PostgresJournalTest extends JournalContract {
    private PostgresSchema schema;

    @Override
    protected String jdbcUrl() {
        if (schema == null) {
            schema = PostgresSchema.createOrAbort();
        }
        return schema.jdbcUrl();
    }

    @Override
    protected String user() {
        return PostgresSchema.USER;
    }

    @Override
    protected void afterDatabaseClosed() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}

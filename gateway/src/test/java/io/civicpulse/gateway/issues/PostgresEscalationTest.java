// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.testsupport.PostgresSchema;

/**
 * The escalation contract on the real PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}), in a
 * fresh schema per test, dropped afterwards. Skipped with a message when PostgreSQL is not reachable.
 */
class PostgresEscalationTest extends EscalationContract {
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
    protected void afterDatabasesClosed() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}

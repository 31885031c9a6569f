// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.testsupport.PostgresSchema;

/**
 * The issue service contract on a real PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres},
 * trust auth), in a fresh schema per test that is dropped afterwards. Skipped with a message when PostgreSQL is
 * not reachable. Includes the two-instance race on one open issue.
 */
class PostgresIssueServiceTest extends IssueServiceContract {
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

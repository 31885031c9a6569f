// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The issue service contract on the embedded default: H2 (PostgreSQL mode) files in a temporary data folder. */
class H2IssueServiceTest extends IssueServiceContract {
    @TempDir
    Path dataDir;

    @Override
    protected String jdbcUrl() {
        return IssueDatabase.embeddedUrl(dataDir);
    }

    @Override
    protected String user() {
        return "sa";
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import io.civicpulse.gateway.issues.IssueDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The journal contract on the embedded default: H2 in PostgreSQL mode, in a file in a temporary data folder. */
class H2JournalTest extends JournalContract {
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

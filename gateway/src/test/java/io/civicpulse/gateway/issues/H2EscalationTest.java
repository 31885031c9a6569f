// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The escalation contract on the embedded H2 default. */
class H2EscalationTest extends EscalationContract {
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

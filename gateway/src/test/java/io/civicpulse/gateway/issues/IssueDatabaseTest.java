// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.governance.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssueDatabaseTest {
    private static final Instant AT = Instant.parse("2026-03-02T02:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void embeddedUrl_dataDir_isH2FileInIssuesFolderInPostgresMode() {
        // when
        final String url = IssueDatabase.embeddedUrl(dataDir);
        // then
        assertThat(url).startsWith("jdbc:h2:file:" + dataDir.resolve("issues").resolve("issues").toAbsolutePath())
                .contains("MODE=PostgreSQL");
    }

    @Test
    void open_existingDatabase_migratesOnceAndKeepsData() {
        // given an issue stored in a first run
        try (IssueDatabase db = IssueDatabase.open(IssueDatabase.embeddedUrl(dataDir), "sa", "")) {
            new JdbcIssueStore(db.dataSource()).inTransaction(tx -> {
                tx.insertIssue(issue(tx.nextIssueId(2026)), "c1|sl-1|SL-01");
                return null;
            });
        }
        // when opened again
        try (IssueDatabase db = IssueDatabase.open(IssueDatabase.embeddedUrl(dataDir), "sa", "")) {
            // then
            assertThat(new JdbcIssueStore(db.dataSource()).list(IssueQuery.all())).extracting(IssueSummary::id)
                    .containsExactly("SQ-2026-000001");
        }
        assertThat(Files.exists(dataDir.resolve("issues").resolve("issues.mv.db"))).isTrue();
    }

    @Test
    void insertIssue_secondOpenIssueWithSameKey_isRefusedByTheDatabase() {
        try (IssueDatabase db = IssueDatabase.open(IssueDatabase.embeddedUrl(dataDir), "sa", "")) {
            // given
            final JdbcIssueStore store = new JdbcIssueStore(db.dataSource());
            store.inTransaction(tx -> {
                tx.insertIssue(issue(tx.nextIssueId(2026)), "c1|sl-1|SL-01");
                return null;
            });
            // when / then
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.insertIssue(issue(tx.nextIssueId(2026)), "c1|sl-1|SL-01");
                return null;
            })).isInstanceOf(OpenIssueConflictException.class);
            assertThat(store.list(IssueQuery.all())).hasSize(1);
        }
    }

    @Test
    void open_unreachableDatabase_throwsNamingTheUrlWithoutPassword() {
        // given nothing listens on port 1
        final String url = "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2&password=secret";
        // when / then
        assertThatThrownBy(() -> IssueDatabase.open(url, "u", "p")).isInstanceOf(IssueStoreException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("secret");
    }

    @Test
    void issueDetail_serialisedWithJsr310_hasIsoInstants() throws Exception {
        // given an ObjectMapper configured as the HTTP API does
        final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        final IssueSummary issue = issue("SQ-2026-000001");
        final IssueDetail detail = new IssueDetail(issue, List.of(), List.of(new TimelineEvent(1, issue.id(), AT,
                TimelineEventType.OPENED, "ops", null, IssueState.NEW, "p", "i")));
        // when
        final String text = json.writeValueAsString(detail);
        // then
        assertThat(text).contains("\"openedAt\":\"2026-03-02T02:00:00Z\"", "\"state\":\"DISPATCHED\"",
                "\"type\":\"OPENED\"");
    }

    private static IssueSummary issue(final String id) {
        return new IssueSummary(id, "c1", "SL-01", Severity.MINOR, RoutingClass.MIXED, IssueState.DISPATCHED, "sl-1",
                "lead", 1, 0, Visibility.PUBLIC, AT, AT, null, AT);
    }
}

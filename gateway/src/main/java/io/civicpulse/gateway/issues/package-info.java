// SPDX-License-Identifier: Apache-2.0
/**
 * Governance issues: opening, merging, verifying and reopening issues from rule anomalies, routing them to bodies
 * per the {@link io.civicpulse.gateway.governance.GovernancePolicy}, and the append-only timeline.
 *
 * <p>Threading: {@link io.civicpulse.gateway.issues.IssueService#submit} is called from ingest lanes and never
 * blocks; all writes run on the service's single issue worker thread; reads may come from any thread. The database
 * ({@link io.civicpulse.gateway.issues.JdbcIssueStore}, H2 embedded or PostgreSQL) enforces one open issue per
 * device and category, also with several gateway instances.
 */
package io.civicpulse.gateway.issues;

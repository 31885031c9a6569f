// SPDX-License-Identifier: Apache-2.0
/**
 * The operations journal: the suppression ledger, the shadow log and the webhook delivery log kept in the issue
 * database (migration {@code V4__operations_journal.sql}), written in batches off the lane and alert threads by a
 * {@link io.civicpulse.gateway.journal.JournalWriter} and pruned after a retention period.
 */
package io.civicpulse.gateway.journal;

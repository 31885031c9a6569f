// SPDX-License-Identifier: Apache-2.0
/**
 * The governance policy: the bodies of a community (who can be assigned, who reports to whom), the issue
 * categories with their routing class and deadlines, and the working calendar the deadlines run on.
 *
 * <p>Everything here is immutable once loaded and safe to share between threads. The policy is data
 * ({@code config/governance.yaml}); see {@code ../shared/GOVERNANCE.md} §2.3 for where the defaults come from.
 */
package io.civicpulse.gateway.governance;

// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * What a workflow command returns: the issue after the command and its new version. Immutable.
 *
 * @param issue   the issue with assignments and timeline, never null
 * @param control workflow columns incl. the new version, never null
 */
public record ActionResult(IssueDetail issue, IssueControl control) {
}

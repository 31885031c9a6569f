// SPDX-License-Identifier: Apache-2.0
// Deadline flags shared by the board and the supervision page. The API's own flags win when it sends them;
// otherwise a running deadline that has passed is overdue and one 80 % used up is warned (the yellow rung, §2.5).
const FINISHED = new Set(['RESOLVED', 'VERIFYING', 'CLOSED', 'REJECTED', 'MERGED', 'PARKED']);

export function runningDeadline(issue) {
  if (FINISHED.has(issue.state)) { return null; }
  if (issue.state === 'DISPATCHED' && issue.acceptDeadline) { return issue.acceptDeadline; }
  return issue.disposeDeadline || issue.acceptDeadline || null;
}
export function isOverdue(issue, now = Date.now()) {
  if (typeof issue.overdue === 'boolean') { return issue.overdue; }
  const d = runningDeadline(issue);
  return !!d && new Date(d).getTime() < now;
}
export function isWarned(issue, now = Date.now()) {
  if (typeof issue.warned === 'boolean') { return issue.warned && !isOverdue(issue, now); }
  const d = runningDeadline(issue);
  if (!d || isOverdue(issue, now)) { return false; }
  const start = new Date(issue.openedAt).getTime(); const end = new Date(d).getTime();
  return end > start && (now - start) / (end - start) >= 0.8;
}
/** Overdue first, then warned, then the most recently changed. */
export function byUrgency(a, b, now = Date.now()) {
  const rank = (i) => (isOverdue(i, now) ? 0 : isWarned(i, now) ? 1 : 2);
  return rank(a) - rank(b) || new Date(b.updatedAt) - new Date(a.updatedAt);
}
export function isActive(issue) { return !['CLOSED', 'REJECTED', 'MERGED'].includes(issue.state); }

// SPDX-License-Identifier: Apache-2.0
// The supervision centre's page: overdue and warned issues by body, the latest notices and warnings, KPIs per body.
import { api, items } from './api.js';
import { t, stateLabel, categoryName, bodyName, fmtTime, timeLeft, translatePage } from './i18n.js';
import { isActive, isOverdue, isWarned, runningDeadline } from './issues.js';
import { escapeHtml } from './issue-page.js';

const NOTICE_TYPES = new Set(['REMINDED', 'YELLOW_WARNING', 'RED_SUPERVISION', 'REPORTED_UP', 'NOTICE', 'NOTE']);
const MAX_DETAILS = 40;

export async function showSupervision(main) {
  main.innerHTML = `<h2 data-i18n="nav.supervision"></h2><div class="grid">
    <section class="card"><h3 data-i18n="sup.byBody"></h3><div id="by-body"></div></section>
    <section class="card"><h3 data-i18n="sup.notices"></h3><ol class="timeline" id="notices"></ol></section></div>
    <section class="card"><h3 data-i18n="sup.kpis"></h3><div id="kpis"></div></section>`;
  translatePage(main);
  const now = Date.now();
  let list = []; let watch = [];
  try {
    list = items(await api('/api/my/issues?limit=500'), 'issues').filter(isActive);
    watch = items(await api('/api/supervision/issues'), 'issues');
  } catch (e) {
    main.querySelector('#by-body').innerHTML = `<p class="error">${t('error')}: ${escapeHtml(e.message)}</p>`;
  }
  // The server's watch list (overdue, under supervision, pending requests) plus issues warned by the 80 % rule.
  const watched = new Map(watch.map((w) => [w.issue.id, { ...w.issue, overdue: w.overdue }]));
  list.filter((i) => isWarned(i, now)).forEach((i) => { if (!watched.has(i.id)) { watched.set(i.id, i); } });
  const flagged = [...watched.values()];
  const groups = {};
  flagged.forEach((i) => { (groups[i.leadBodyId] ||= []).push(i); });
  main.querySelector('#by-body').innerHTML = Object.keys(groups).sort().map((b) => `<h4>${bodyName(b)}
    (${groups[b].length})</h4><ul>${groups[b].map((i) => `<li><a href="/console/issues/${encodeURIComponent(i.id)}">
    ${i.id}</a> ${categoryName(i.category)} · ${stateLabel(i.state)} · <span class="badge ${isOverdue(i, now)
      ? 'overdue">' + t('flag.overdue') : 'warned">' + t('flag.warned')}</span> ${timeLeft(runningDeadline(i), now)}
    </li>`).join('')}</ul>`).join('') || `<p>${t('board.empty')}</p>`;
  await showNotices(main.querySelector('#notices'), flagged.concat(list.filter((i) => !watched.has(i.id))));
  await showKpis(main.querySelector('#kpis'), 'internal');
}

async function showNotices(box, issues) {
  const details = await Promise.all(issues.slice(0, MAX_DETAILS).map((i) =>
    api(`/api/issues/${encodeURIComponent(i.id)}`).catch(() => null)));
  const events = details.filter(Boolean).flatMap((d) => d.timeline.filter((e) => NOTICE_TYPES.has(e.type)))
    .sort((a, b) => new Date(b.at) - new Date(a.at)).slice(0, 30);
  box.innerHTML = events.map((e) => `<li><time datetime="${e.at}">${fmtTime(e.at)}</time>
    <a href="/console/issues/${encodeURIComponent(e.issueId)}">${e.issueId}</a> <strong>${e.type}</strong>
    ${bodyName(e.actorBodyId)} ${e.publicNote ? escapeHtml(e.publicNote) : ''}</li>`).join('')
    || `<li>${t('board.empty')}</li>`;
}

/**
 * Renders GET /api/kpis (on-time acceptance and resolution, mean time to resolve, reopen rate, overdue count per
 * body) whatever its exact shape: a list of rows or an object keyed by body. Also used by the public page: the
 * figures are aggregates per body, with no person in them.
 */
export async function showKpis(box, view = 'public') {
  let data;
  // The public view leaves out INTERNAL categories; the supervision page (signed in) asks for every category.
  try { data = await api(`/api/kpis?view=${view}`); } catch (e) {
    box.innerHTML = `<p class="error">${t('error')}: ${escapeHtml(e.message)}</p>`; return;
  }
  // KpiReport: {from, to, bodies: [{bodyId, overall: {...}, byCategory}]}; other shapes are shown as they come.
  let rows = Array.isArray(data) ? data : items(data, 'bodies');
  rows = rows.map((r) => (r.overall ? { body: r.bodyId, ...r.overall } : r));
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = (c) => (t(`kpi.${c}`) === `kpi.${c}` ? c : t(`kpi.${c}`));
  // data-body and data-col name each figure for scripts and tests, whatever language the headers are in.
  box.innerHTML = `<table class="kpi"><thead><tr>${cols.map((c) => `<th scope="col" data-col="${escapeHtml(c)}">${
    escapeHtml(head(c))}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr${r.body ? ` data-body="${
    escapeHtml(r.body)}"` : ''}>${cols.map((c) => cell(c, r[c])).join('')}</tr>`).join('')}</tbody></table>`;
}

function cell(col, v) {
  const at = `data-col="${escapeHtml(col)}"`;
  if (v == null) { return `<td ${at}></td>`; }
  if (/body/i.test(col) && typeof v === 'string') { return `<td ${at}>${escapeHtml(bodyName(v))}</td>`; }
  if (typeof v === 'number' && /Rate$/.test(col)) { return `<td class="num" ${at}>${Math.round(v * 100)} %</td>`; }
  if (typeof v === 'number') { return `<td class="num" ${at}>${Number.isInteger(v) ? v : v.toFixed(1)}</td>`; }
  return `<td ${at}>${escapeHtml(typeof v === 'object' ? JSON.stringify(v) : v)}</td>`;
}

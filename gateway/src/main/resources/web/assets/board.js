// SPDX-License-Identifier: Apache-2.0
// The issue board: the body's queue with filters, overdue and warned first, updated live over SSE.
import { api, items, session, token } from './api.js';
import { t, stateLabel, severityLabel, categoryName, categories, bodyName, fmtTime, timeLeft, translatePage }
  from './i18n.js';
import { byUrgency, isOverdue, isWarned, runningDeadline } from './issues.js';

const STATES = ['NEW', 'TRIAGE', 'AUTO_HANDLING', 'REGISTERED', 'DISPATCHED', 'IN_PROGRESS', 'PARKED', 'RESOLVED',
  'VERIFYING', 'CLOSED', 'REJECTED', 'MERGED'];
const SEVERITIES = ['CRITICAL', 'MAJOR', 'MINOR', 'INFO'];

function options(values, label) {
  return `<option value="">${t('filter.all')}</option>`
    + values.map((v) => `<option value="${v}">${label(v)}</option>`).join('');
}

export async function showBoard(main) {
  main.innerHTML = `<h2 data-i18n="nav.board"></h2>
    <form class="filters" id="filters" aria-label="${t('nav.board')}">
      <div><label for="f-state" data-i18n="filter.state"></label><select id="f-state">${options(STATES, stateLabel)}</select></div>
      <div><label for="f-category" data-i18n="filter.category"></label>
        <select id="f-category">${options(categories().map((c) => c.code), categoryName)}</select></div>
      <div><label for="f-severity" data-i18n="filter.severity"></label>
        <select id="f-severity">${options(SEVERITIES, severityLabel)}</select></div>
      <div><label for="f-area" data-i18n="filter.area"></label><select id="f-area"></select></div>
    </form>
    <p class="status" id="live" role="status"></p>
    <table id="board"><caption class="visually-hidden">${t('nav.board')}</caption><thead><tr>
      <th scope="col" data-i18n="col.id"></th><th scope="col" data-i18n="col.category"></th>
      <th scope="col" data-i18n="col.state"></th><th scope="col" data-i18n="col.severity"></th>
      <th scope="col" data-i18n="col.area"></th><th scope="col" data-i18n="col.lead"></th>
      <th scope="col" data-i18n="col.deadline"></th><th scope="col" data-i18n="col.opened"></th></tr></thead>
      <tbody></tbody></table>`;
  translatePage(main);
  const devices = items(await api('/api/devices').catch(() => []), 'devices');
  const areaOf = Object.fromEntries(devices.map((d) => [d.id, d.area]));
  const areas = [...new Set(devices.map((d) => d.area).filter(Boolean))].sort();
  main.querySelector('#f-area').innerHTML = options(areas, (a) => a);
  const known = new Set();
  let first = true;

  async function refresh() {
    const q = new URLSearchParams({ limit: '500' });
    const state = main.querySelector('#f-state').value; const category = main.querySelector('#f-category').value;
    if (state) { q.set('state', state); }
    if (category) { q.set('category', category); }
    let list;
    // The signed-in body's queue; the supervision centre and party watchers get every issue.
    try { list = items(await api(`/api/my/issues?${q}`), 'issues'); } catch (e) {
      main.querySelector('#live').textContent = `${t('error')}: ${e.message}`; return;
    }
    const severity = main.querySelector('#f-severity').value; const area = main.querySelector('#f-area').value;
    list = list.filter((i) => (!severity || i.severity === severity) && (!area || areaOf[i.deviceId] === area));
    const now = Date.now();
    list.sort((a, b) => byUrgency(a, b, now));
    main.querySelector('#board tbody').replaceChildren(...list.map((i) => row(i, areaOf, now, !first && !known.has(i.id))));
    if (!list.length) {
      main.querySelector('#board tbody').innerHTML = `<tr><td colspan="8">${t('board.empty')}</td></tr>`;
    }
    list.forEach((i) => known.add(i.id));
    first = false;
  }
  main.querySelector('#filters').addEventListener('change', refresh);
  await refresh();
  return live(refresh, main.querySelector('#live'));
}

function row(i, areaOf, now, fresh) {
  const tr = document.createElement('tr');
  tr.dataset.id = i.id;
  const overdue = isOverdue(i, now); const warned = isWarned(i, now);
  tr.className = [overdue ? 'overdue' : '', warned ? 'warned' : '', fresh ? 'fresh' : ''].join(' ').trim();
  const flags = (overdue ? `<span class="badge overdue">${t('flag.overdue')}</span>` : '')
    + (warned ? `<span class="badge warned">${t('flag.warned')}</span>` : '')
    + (fresh ? `<span class="badge new">${t('flag.new')}</span>` : '');
  const deadline = runningDeadline(i);
  tr.innerHTML = `<td><a href="/console/issues/${encodeURIComponent(i.id)}">${i.id}</a>${flags}</td>
    <td>${categoryName(i.category)}</td><td class="state">${stateLabel(i.state)}</td>
    <td>${severityLabel(i.severity)}</td><td>${areaOf[i.deviceId] || ''}</td><td>${bodyName(i.leadBodyId)}</td>
    <td>${deadline ? `${fmtTime(deadline)}<br><small>${timeLeft(deadline, now)}</small>` : ''}</td>
    <td>${fmtTime(i.openedAt)}</td>`;
  return tr;
}

/**
 * Refreshes on every server-sent event; if the stream cannot be opened, polls every 5 s instead so the board still
 * updates without a reload. Returns the function that stops both when the page is left.
 */
export function live(refresh, status) {
  let timer = null; let pending = null;
  const soon = () => { clearTimeout(pending); pending = setTimeout(refresh, 200); };
  // GET /api/events/stream sends every alert as an 'alert' event (reminders as 'reminder'); ?body= keeps a body's
  // console to its own alerts. EventSource cannot send headers, so the token goes in the query as well.
  const s = session() || {};
  const q = new URLSearchParams({ access_token: token() || '' });
  if (s.bodyId && !['SUPERVISION', 'PARTY_WATCHER'].includes(s.role)) { q.set('body', s.bodyId); }
  const es = new EventSource(`/api/events/stream?${q}`);
  es.onopen = () => { status.textContent = t('live.sse'); status.dataset.mode = 'sse'; };
  es.onmessage = soon;
  ['alert', 'reminder', 'issue', 'timeline'].forEach((name) => es.addEventListener(name, soon));
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED && !timer) {
      status.textContent = t('live.poll'); status.dataset.mode = 'poll';
      timer = setInterval(refresh, 5000);
    }
  };
  return () => { es.close(); clearInterval(timer); clearTimeout(pending); };
}

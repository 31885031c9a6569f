// SPDX-License-Identifier: Apache-2.0
// One issue: deadlines with time left, routing (lead and assists), the actions the role may take, the timeline and
// the device's telemetry around the anomaly.
import { api } from './api.js';
import { t, stateLabel, severityLabel, categoryName, bodyName, bodies, fmtTime, timeLeft, translatePage } from './i18n.js';
import { drawReadings } from './chart.js';

/** Which actions each role is offered; the server decides in the end and its refusal is shown. */
const ACTIONS = {
  WORKER: ['accept', 'return', 'request-extension', 'add-assist', 'resolve'],
  SUPERVISION: ['verify', 'close', 'notice', 'add-assist'],
  PARTY_WATCHER: ['notice'],
};
const FIELDS = {
  return: ['reason'], 'request-extension': ['reason', 'until'], 'add-assist': ['body'], resolve: ['note'],
  verify: ['pass', 'note'], close: ['reason', 'note'], notice: ['note'], accept: [],
};

const CLOSURE_REASONS = ['FIXED', 'NO_FURTHER_ACTION', 'NOT_RESPONSIBLE', 'CANCELLED', 'FALSE_ALARM'];

function actionsFor(role) {
  const r = String(role || '').toUpperCase();
  return ACTIONS[r] || ACTIONS.WORKER;
}

export async function showIssue(main, route, s) {
  main.innerHTML = `<p><a href="/console/" data-i18n="issue.back"></a></p><div id="issue"></div>`;
  translatePage(main);
  const holder = main.querySelector('#issue');
  async function load() {
    let detail;
    try { detail = await api(`/api/issues/${encodeURIComponent(route.id)}`); } catch (e) {
      holder.innerHTML = `<p class="error" role="alert">${t('error')}: ${e.message}</p>`; return;
    }
    render(holder, detail, s, load);
  }
  // No live refresh here: re-rendering while someone types a note would lose it; actions reload the page.
  await load();
}

function render(holder, detail, s, reload) {
  const i = detail.issue;
  const lead = detail.assignments.filter((a) => a.role === 'LEAD').pop();
  holder.innerHTML = `<h2>${i.id} · ${categoryName(i.category)}</h2>
    <p><strong class="state" id="issue-state">${stateLabel(i.state)}</strong> · ${severityLabel(i.severity)}
      · ${i.deviceId ? `${t('col.device')} ${i.deviceId}` : ''} · ${t('col.opened')} ${fmtTime(i.openedAt)}</p>
    <div class="grid">
      <section class="card"><h3 data-i18n="issue.deadlines"></h3><dl>
        <dt data-i18n="issue.accept"></dt><dd>${fmtTime(i.acceptDeadline)} · ${timeLeft(i.acceptDeadline)}</dd>
        <dt data-i18n="issue.dispose"></dt><dd>${fmtTime(i.disposeDeadline)} · ${timeLeft(i.disposeDeadline)}</dd>
      </dl></section>
      <section class="card"><h3 data-i18n="issue.routing"></h3><ul id="routing">${detail.assignments.map((a) =>
        `<li>${t(`role.${a.role}`)}: ${bodyName(a.bodyId)} — ${a.status}${a.bodyId === i.leadBodyId && a === lead
          ? ' ★' : ''}</li>`).join('')}</ul></section>
    </div>
    <section class="card actions"><h3 data-i18n="issue.actions"></h3><p role="alert" id="action-result"></p>
      <div id="actions"></div></section>
    <section class="card"><h3 data-i18n="issue.chart"></h3><div id="chart" class="chart"></div></section>
    <section class="card"><h3 data-i18n="issue.timeline"></h3><ol class="timeline" id="timeline">${detail.timeline
      .map((e) => `<li><time datetime="${e.at}">${fmtTime(e.at)}</time> <strong>${e.type}</strong>
        ${e.actorBodyId ? bodyName(e.actorBodyId) : ''} ${e.toState ? `→ ${stateLabel(e.toState)}` : ''}
        ${e.publicNote ? `<br>${escapeHtml(e.publicNote)}` : ''}${e.internalNote
          ? `<br><em>${escapeHtml(e.internalNote)}</em>` : ''}</li>`).join('')}</ol></section>`;
  translatePage(holder);
  renderActions(holder.querySelector('#actions'), i, s, reload);
  if (i.deviceId) { drawReadings(holder.querySelector('#chart'), i.deviceId, i.openedAt); }
  else { holder.querySelector('#chart').textContent = t('issue.noReadings'); }
}

function renderActions(box, issue, s, reload) {
  actionsFor(s.role).forEach((action) => {
    const form = document.createElement('form');
    form.dataset.action = action;
    const id = (f) => `a-${action}-${f}`;
    form.innerHTML = FIELDS[action].map((f) => field(f, id(f))).join('')
      + `<p><button type="submit">${t(`action.${action}`)}</button></p>`;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = {};
      FIELDS[action].forEach((f) => {
        const input = form.querySelector(`#${id(f)}`);
        if (f === 'pass') { body.pass = input.checked; }
        else if (f === 'until' && input.value) { body.until = new Date(input.value).toISOString(); }
        else if (input.value) { body[f] = input.value; }
      });
      const out = box.parentElement.querySelector('#action-result');
      try {
        await api(`/api/issues/${encodeURIComponent(issue.id)}/actions/${action}`, { method: 'POST', body });
        out.className = ''; out.textContent = `${t(`action.${action}`)}: ${t('action.done')}`;
        await reload();
      } catch (err) { out.className = 'error'; out.textContent = `${t(`action.${action}`)}: ${err.message}`; }
    });
    box.appendChild(form);
  });
}

function field(name, id) {
  const label = `<label for="${id}">${t(`field.${name}`)}</label>`;
  if (name === 'pass') { return `<label for="${id}"><input type="checkbox" id="${id}" checked> ${t('field.pass')}</label>`; }
  if (name === 'until') { return `${label}<input type="datetime-local" id="${id}">`; }
  if (name === 'reason' && id.startsWith('a-close-')) {
    return `${label}<select id="${id}">${CLOSURE_REASONS.map((r) => `<option>${r}</option>`).join('')}</select>`;
  }
  if (name === 'body') {
    return `${label}<select id="${id}">${bodies().map((b) => `<option value="${b.id}">${bodyName(b.id)}</option>`)
      .join('')}</select>`;
  }
  return `${label}<input id="${id}" maxlength="500">`;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// SPDX-License-Identifier: Apache-2.0
// The public page: only the public projection (GET /api/public/issues), a report form (POST /api/reports, the same
// intake as Open311 POST requests) and per-body figures counted from the public issues.
import { api } from './api.js';
import { t, bi, lang, setLang, fmtTime, timeLeft, translatePage, useSettings, zone, categories } from './i18n.js';
import { drawPlan, pointToLatLon } from './plan.js';
import { escapeHtml } from './issue-page.js';
import { showKpis } from './supervision.js';

let devices = []; let issues = []; let picked = null; let plan = null; let services = null;

/** The categories a resident may report: Open311's service list when it answers, else every category. */
function reportable() {
  return services ? categories().filter((c) => services.has(c.code)) : categories();
}

async function load() {
  try { issues = await api('/api/public/issues?limit=500'); } catch (e) {
    document.querySelector('#public-issues tbody').innerHTML = `<tr><td colspan="6" class="error">${t('error')}:
      ${escapeHtml(e.message)}</td></tr>`;
    issues = [];
  }
  render();
}

function render() {
  translatePage();
  document.getElementById('zone').textContent = `${t('time.zone')}: ${zone()}`;
  const select = document.getElementById('r-category'); const chosen = select.value;
  select.innerHTML = reportable().map((c) => `<option value="${c.code}">${lang() === 'en' ? c.en : c.zh}</option>`).join('');
  if (chosen) { select.value = chosen; }
  document.querySelector('#public-issues tbody').innerHTML = issues.map((i) => `<tr data-id="${i.id}">
    <td><a href="#detail" data-issue="${i.id}">${i.id}</a></td><td>${escapeHtml(bi(i.categoryName))}</td>
    <td class="state"><span class="badge ${i.status}">${escapeHtml(bi(i.stateLabel))}</span>${i.overdue
      ? ` <span class="badge overdue">${t('flag.overdue')}</span>` : ''}${i.supervision
      ? ` <span class="badge warned">${escapeHtml(bi(i.supervisionLabel))}</span>` : ''}</td>
    <td>${escapeHtml(bi(i.lead))}</td><td>${i.status === 'open' && i.disposeDeadline
      ? `${fmtTime(i.disposeDeadline)}<br><small>${timeLeft(i.disposeDeadline)}</small>` : ''}</td>
    <td>${fmtTime(i.openedAt)}</td></tr>`).join('') || `<tr><td colspan="6">${t('board.empty')}</td></tr>`;
  const marks = issues.filter((i) => i.location && i.location.lat != null).map((i) => ({ id: i.id,
    lat: i.location.lat, lon: i.location.lon, cls: i.status === 'closed' ? 'closed' : i.overdue ? 'overdue' : '',
    label: `${i.id} ${bi(i.categoryName)} — ${bi(i.stateLabel)}`, onSelect: () => showDetail(i.id) }));
  if (picked) { marks.push({ lat: picked[0], lon: picked[1], cls: 'picked', label: t('pub.report') }); }
  plan = drawPlan(document.getElementById('plan'), devices, marks, t('pub.plan'));
  plan.svg.addEventListener('click', (e) => {
    if (e.target.closest('.plan-mark')) { return; }
    const p = pointToLatLon(plan.svg, plan.project, e);
    if (p) { pick(p); }
  });
  renderKpis();
  showKpis(document.getElementById('kpi-rates'));
}

function pick(p) {
  picked = p;
  document.getElementById('r-lat').value = p[0].toFixed(6);
  document.getElementById('r-lon').value = p[1].toFixed(6);
  render();
}

async function showDetail(id) {
  const box = document.getElementById('detail');
  let i;
  try { i = await api(`/api/public/issues/${encodeURIComponent(id)}`); } catch (e) {
    box.hidden = false; box.innerHTML = `<p class="error">${escapeHtml(e.message)}</p>`; return;
  }
  box.hidden = false;
  box.innerHTML = `<h2>${i.id} · ${escapeHtml(bi(i.categoryName))}</h2>
    <p>${escapeHtml(bi(i.stateLabel))} · ${escapeHtml(bi(i.lead))}${(i.assists || []).map((a) => ` + ${escapeHtml(bi(a))}`)
      .join('')} · ${escapeHtml(i.location ? i.location.address || '' : '')}</p>
    ${i.statusNote ? `<p>${escapeHtml(i.statusNote)}</p>` : ''}
    <h3>${t('pub.timeline')}</h3><ol class="timeline">${(i.timeline || []).map((s) => `<li><time datetime="${s.at}">
      ${fmtTime(s.at)}</time> ${escapeHtml(bi(s.state))} ${s.body ? `· ${escapeHtml(bi(s.body))}` : ''}
      ${s.note ? `<br>${escapeHtml(s.note)}` : ''}</li>`).join('')}</ol>`;
  box.focus();
}

/** Per lead body: open, closed, overdue and supervised issues, counted from what the public may see. */
function renderKpis() {
  const rows = {};
  issues.forEach((i) => {
    const name = bi(i.lead) || '—';
    const r = rows[name] ||= { open: 0, closed: 0, overdue: 0, supervised: 0 };
    r[i.status === 'closed' ? 'closed' : 'open'] += 1;
    if (i.overdue) { r.overdue += 1; }
    if (i.supervision) { r.supervised += 1; }
  });
  document.getElementById('kpi-table').innerHTML = `<table class="kpi"><thead><tr><th scope="col">${t('col.lead')}</th>
    <th scope="col">${t('pub.open')}</th><th scope="col">${t('pub.closed')}</th><th scope="col">${t('flag.overdue')}</th>
    <th scope="col">${t('pub.supervised')}</th></tr></thead><tbody>${Object.entries(rows).sort().map(([name, r]) =>
    `<tr><td>${escapeHtml(name)}</td><td class="num">${r.open}</td><td class="num">${r.closed}</td>
      <td class="num">${r.overdue}</td><td class="num">${r.supervised}</td></tr>`).join('')}</tbody></table>`;
}

document.getElementById('report-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('report-result');
  const body = { category: document.getElementById('r-category').value, text: document.getElementById('r-text').value,
    lat: document.getElementById('r-lat').value, lon: document.getElementById('r-lon').value };
  try {
    const r = await api('/api/reports', { method: 'POST', body });
    out.className = '';
    out.innerHTML = `<p>${t('pub.thanks')} <strong id="report-issue">${escapeHtml(r.issueId)}</strong></p>
      <p>${t('pub.follow')}: <code>${escapeHtml(r.followToken || '')}</code></p>`;
    await load();
  } catch (err) { out.className = 'error'; out.textContent = `${t('error')}: ${err.message}`; }
});
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-issue]');
  if (a) { e.preventDefault(); showDetail(a.dataset.issue); }
});
document.getElementById('lang').addEventListener('click', () => { setLang(lang() === 'en' ? 'zh' : 'en'); render(); });

setLang(lang());
Promise.all([api('/api/web/settings').then(useSettings).catch(() => {}),
  api('/api/devices').then((d) => { devices = d; }).catch(() => {}),
  api('/open311/v2/services.json').then((l) => { services = new Set(l.map((x) => x.service_code)); }).catch(() => {}),
]).then(load);
setInterval(load, 15000);

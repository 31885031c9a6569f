// SPDX-License-Identifier: Apache-2.0
// The fleet: every device with its flags as the server computes them (GET /api/fleet: silent, flapping, battery
// low — from open DV-01/DV-05/DV-02 issues, the readings and the anomaly gate), on the community plan.
import { api, items } from './api.js';
import { t, fmtTime, translatePage } from './i18n.js';
import { drawPlan } from './plan.js';
import { escapeHtml } from './issue-page.js';

const FLAGS = ['silent', 'flapping', 'batteryLow'];

export async function showFleet(main) {
  main.innerHTML = `<h2 data-i18n="nav.fleet"></h2><p class="status" id="fleet-counts"></p>
    <section class="card"><h3 data-i18n="fleet.plan"></h3><div id="plan"></div></section>
    <section class="card"><h3 data-i18n="fleet.list"></h3><table id="fleet"><thead><tr>
      <th scope="col" data-i18n="col.device"></th><th scope="col" data-i18n="fleet.type"></th>
      <th scope="col" data-i18n="col.area"></th><th scope="col" data-i18n="fleet.status"></th>
      <th scope="col" data-i18n="fleet.lastSeen"></th><th scope="col" data-i18n="fleet.connected"></th>
      <th scope="col" data-i18n="fleet.why"></th></tr></thead><tbody></tbody></table></section>`;
  translatePage(main);
  let report;
  try { report = await api('/api/fleet'); } catch (e) {
    main.querySelector('#fleet tbody').innerHTML = `<tr><td colspan="7" class="error">${t('error')}:
      ${escapeHtml(e.message)}</td></tr>`;
    return;
  }
  const devices = items(report, 'devices');
  const c = report.counts || {};
  main.querySelector('#fleet-counts').textContent = FLAGS.concat('ok')
    .map((f) => `${t(`fleet.${f}`)}: ${c[f] ?? 0}`).join(' · ');
  // The server lists silent devices first, then flapping, battery low and ok; each by id.
  main.querySelector('#fleet tbody').innerHTML = devices.map(row).join('');
  const marks = devices.filter((d) => flagsOf(d).length).map((d) => ({ id: d.id, lat: d.lat, lon: d.lon,
    cls: flagsOf(d).join(' '), label: `${d.id}: ${flagsOf(d).map((f) => t(`fleet.${f}`)).join(', ')}`,
    onSelect: () => focusRow(main, d.id) }));
  drawPlan(main.querySelector('#plan'), devices, marks, t('fleet.plan'));
}

function flagsOf(d) { return FLAGS.filter((f) => d[f]); }

function row(d) {
  const flags = flagsOf(d);
  const badges = flags.length ? flags.map((f) => `<span class="badge ${f}">${t(`fleet.${f}`)}</span>`).join(' ')
    : `<span class="badge ok">${t('fleet.ok')}</span>`;
  const issues = (d.issues || []).map((i) => `<a href="/console/issues/${encodeURIComponent(i.id)}">${
    escapeHtml(i.id)}</a>`).join(' ');
  return `<tr data-id="${escapeHtml(d.id)}" data-status="${d.status}" data-flags="${flags.join(' ')}"
    class="${flags.join(' ')}" tabindex="-1">
    <td>${escapeHtml(d.id)}</td><td>${escapeHtml(d.type)}</td><td>${escapeHtml(d.area || '')}</td>
    <td>${badges}</td><td>${d.lastSeen ? fmtTime(d.lastSeen) : t('fleet.never')}</td>
    <td>${d.connected ? t('fleet.yes') : t('fleet.no')}</td>
    <td><small>${(d.reasons || []).map(escapeHtml).join('<br>')}</small> ${issues}</td></tr>`;
}

/** A plan mark chosen with the keyboard or the mouse moves the focus to the device's row. */
function focusRow(main, id) {
  const tr = main.querySelector(`#fleet tbody tr[data-id="${CSS.escape(id)}"]`);
  if (tr) { tr.scrollIntoView({ block: 'center' }); tr.focus(); }
}

// SPDX-License-Identifier: Apache-2.0
// The fleet: every device with its status and last reading, on the community plan; silent and flapping highlighted.
import { api, items } from './api.js';
import { t, fmtTime, translatePage } from './i18n.js';
import { drawPlan } from './plan.js';
import { isActive } from './issues.js';

const PARALLEL = 6;
/** A device is silent after three missed reporting intervals, or while a DV-01 (device silent) issue is open. */
const SILENT_INTERVALS = 3;
/** Flapping: an anomaly that keeps clearing and coming back — an open issue seen this often, or reopened. */
const FLAPPING_OCCURRENCES = 3;

export async function showFleet(main) {
  main.innerHTML = `<h2 data-i18n="nav.fleet"></h2>
    <section class="card"><h3 data-i18n="fleet.plan"></h3><div id="plan"></div></section>
    <section class="card"><h3 data-i18n="fleet.list"></h3><table id="fleet"><thead><tr>
      <th scope="col" data-i18n="col.device"></th><th scope="col" data-i18n="fleet.type"></th>
      <th scope="col" data-i18n="col.area"></th><th scope="col" data-i18n="fleet.status"></th>
      <th scope="col" data-i18n="fleet.lastSeen"></th></tr></thead><tbody></tbody></table></section>`;
  translatePage(main);
  const devices = items(await api('/api/devices'), 'devices');
  const open = items(await api('/api/issues?limit=500').catch(() => []), 'issues').filter(isActive);
  const lastSeen = await latestReadings(devices);
  const now = Date.now();
  const status = Object.fromEntries(devices.map((d) => [d.id, statusOf(d, lastSeen[d.id], open, now)]));
  const rank = { silent: 0, flapping: 1, ok: 2 };
  devices.sort((a, b) => rank[status[a.id]] - rank[status[b.id]] || a.id.localeCompare(b.id));
  main.querySelector('#fleet tbody').innerHTML = devices.map((d) => `<tr data-id="${d.id}" class="${status[d.id]}">
    <td>${d.id}</td><td>${d.type}</td><td>${d.area || ''}</td>
    <td><span class="badge ${status[d.id]}">${t(`fleet.${status[d.id]}`)}</span></td>
    <td>${lastSeen[d.id] ? fmtTime(lastSeen[d.id]) : t('fleet.never')}</td></tr>`).join('');
  const marks = devices.filter((d) => status[d.id] !== 'ok').map((d) => ({ id: d.id, lat: d.lat, lon: d.lon,
    cls: status[d.id], label: `${d.id}: ${t(`fleet.${status[d.id]}`)}` }));
  drawPlan(main.querySelector('#plan'), devices, marks, t('fleet.plan'));
}

function statusOf(device, seen, open, now) {
  const mine = open.filter((i) => i.deviceId === device.id);
  const quietFor = seen ? now - new Date(seen).getTime() : Infinity;
  if (mine.some((i) => i.category === 'DV-01') || quietFor > SILENT_INTERVALS * device.intervalSeconds * 1000) {
    return 'silent';
  }
  return mine.some((i) => i.occurrenceCount >= FLAPPING_OCCURRENCES || i.reopenCount > 0) ? 'flapping' : 'ok';
}

/** The newest reading of each device within its silence window, a few requests at a time. */
async function latestReadings(devices) {
  const result = {};
  const queue = devices.slice();
  async function worker() {
    for (let d = queue.shift(); d; d = queue.shift()) {
      const windowMs = Math.max(10 * 60, SILENT_INTERVALS * d.intervalSeconds) * 1000;
      const from = new Date(Date.now() - windowMs).toISOString();
      try {
        const r = await api(`/api/devices/${encodeURIComponent(d.id)}/readings?from=${from}&limit=10000`);
        const last = (r.readings || []).pop();
        if (last) { result[d.id] = last.timestamp; }
      } catch (e) { /* shown as never seen */ }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return result;
}

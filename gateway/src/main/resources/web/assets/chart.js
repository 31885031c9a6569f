// SPDX-License-Identifier: Apache-2.0
// A device's readings around the moment an anomaly was seen, drawn with uPlot (from its WebJar; global uPlot).
import { api } from './api.js';
import { t, zone, fmtTime } from './i18n.js';

const WINDOW_MS = 30 * 60 * 1000;
const COLOURS = ['#0b5cad', '#a4000f', '#1d6b2f', '#6a1b9a', '#7a4a00', '#12355b'];

export async function drawReadings(box, deviceId, openedAt) {
  const at = new Date(openedAt).getTime();
  const from = new Date(at - WINDOW_MS).toISOString();
  const to = new Date(Math.min(Date.now() + 1000, at + WINDOW_MS)).toISOString();
  let data;
  try {
    data = await api(`/api/devices/${encodeURIComponent(deviceId)}/readings?from=${from}&to=${to}&limit=2000`);
  } catch (e) { box.textContent = `${t('error')}: ${e.message}`; return; }
  const readings = data.readings || [];
  if (!readings.length) { box.textContent = t('issue.noReadings'); return; }
  const names = [...new Set(readings.flatMap((r) => Object.keys(r.metrics)))].sort();
  const xs = readings.map((r) => new Date(r.timestamp).getTime() / 1000);
  const series = names.map((n) => readings.map((r) => (n in r.metrics ? r.metrics[n] : null)));
  box.replaceChildren();
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', `${deviceId}: ${names.map((n, k) => `${n} ${summary(series[k])}`).join('; ')}`);
  const opts = {
    width: Math.min(box.clientWidth || 720, 900), height: 260,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone()),
    scales: { x: { time: true } },
    series: [{ label: fmtTime(openedAt) }].concat(names.map((n, k) => ({ label: n, stroke: COLOURS[k % 6], width: 2 }))),
    hooks: { draw: [(u) => markAnomaly(u, at / 1000)] },
  };
  // eslint-disable-next-line no-undef
  new uPlot(opts, [xs, ...series], box);
}

function summary(values) {
  const v = values.filter((x) => x != null);
  return v.length ? `min ${Math.min(...v)}, max ${Math.max(...v)}` : '';
}

/** A vertical line where the anomaly was first seen. */
function markAnomaly(u, seconds) {
  const x = u.valToPos(seconds, 'x', true);
  const ctx = u.ctx; ctx.save();
  ctx.strokeStyle = '#a4000f'; ctx.setLineDash([6, 4]); ctx.lineWidth = 2;
  ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
  ctx.restore();
}

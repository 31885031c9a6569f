// SPDX-License-Identifier: Apache-2.0
// The community plan, drawn as SVG from the configured device coordinates: no map tiles, so it works offline.
const NS = 'http://www.w3.org/2000/svg';
const W = 640; const H = 420; const PAD = 24;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) { node.textContent = text; }
  return node;
}

/** A projection from lat/lon to the SVG box that keeps distances in proportion (equirectangular). */
export function projection(points) {
  const ps = points.filter((p) => p.lat != null && p.lon != null);
  if (!ps.length) { return null; }
  const lats = ps.map((p) => p.lat); const lons = ps.map((p) => p.lon);
  const minLat = Math.min(...lats); const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons); const maxLon = Math.max(...lons);
  const kx = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-6); const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  // Centre the drawing in the box along the axis that has room to spare.
  const x0 = (W - spanX * scale) / 2; const y0 = (H - spanY * scale) / 2;
  const project = (lat, lon) => [x0 + (lon - minLon) * kx * scale, H - y0 - (lat - minLat) * scale];
  project.unproject = (x, y) => [minLat + (H - y0 - y) / scale, minLon + (x - x0) / (kx * scale)];
  return project;
}

/**
 * Draws the plan into container.
 * @param devices every device (the base map: lamps joined per road segment, bins and gates as dots)
 * @param marks   highlighted things: {lat, lon, cls, label, href?, onSelect?}
 * @returns the SVG element and its projection (for picking a place)
 */
export function drawPlan(container, devices, marks, title) {
  container.replaceChildren();
  const project = projection(devices.concat(marks));
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'plan', role: 'group', 'aria-label': title });
  svg.appendChild(el('title', {}, title));
  svg.appendChild(el('rect', { x: 0, y: 0, width: W, height: H, class: 'plan-ground' }));
  if (!project) { container.appendChild(svg); return { svg, project }; }
  const segments = {};
  devices.filter((d) => d.segment && d.lat != null).forEach((d) => { (segments[d.segment] ||= []).push(d); });
  Object.values(segments).forEach((lamps) => {
    const pts = lamps.sort((a, b) => a.id.localeCompare(b.id)).map((d) => project(d.lat, d.lon).join(','));
    svg.appendChild(el('polyline', { points: pts.join(' '), class: 'plan-road' }));
  });
  devices.filter((d) => d.lat != null).forEach((d) => {
    const [x, y] = project(d.lat, d.lon);
    svg.appendChild(el('circle', { cx: x, cy: y, r: 3, class: `plan-device plan-${d.type}` }));
  });
  marks.filter((m) => m.lat != null).forEach((m) => svg.appendChild(mark(project, m)));
  container.appendChild(svg);
  return { svg, project };
}

function mark(project, m) {
  const [x, y] = project(m.lat, m.lon);
  const link = el('a', { class: `plan-mark ${m.cls || ''}`, tabindex: 0, role: 'link', 'aria-label': m.label });
  if (m.href) { link.setAttribute('href', m.href); }
  if (m.id) { link.setAttribute('data-id', m.id); }
  link.appendChild(el('title', {}, m.label));
  link.appendChild(el('circle', { cx: x, cy: y, r: 8 }));
  if (m.onSelect) {
    link.addEventListener('click', (e) => { e.preventDefault(); m.onSelect(); });
    link.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); m.onSelect(); } });
  }
  return link;
}

/** Converts a click on the SVG to lat/lon, or null outside the drawn area. */
export function pointToLatLon(svg, project, event) {
  if (!project) { return null; }
  const pt = svg.createSVGPoint(); pt.x = event.clientX; pt.y = event.clientY;
  const p = pt.matrixTransform(svg.getScreenCTM().inverse());
  return project.unproject(p.x, p.y);
}

// SPDX-License-Identifier: Apache-2.0
// Calls the gateway's HTTP API with the signed-in user's bearer token; errors carry the API's message.
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}
export function token() { return sessionStorage.getItem('cp.token'); }
export function session() {
  try { return JSON.parse(sessionStorage.getItem('cp.session') || 'null'); } catch (e) { return null; }
}
export function saveSession(tok, info) {
  sessionStorage.setItem('cp.token', tok);
  sessionStorage.setItem('cp.session', JSON.stringify(info));
}
export function clearSession() { sessionStorage.removeItem('cp.token'); sessionStorage.removeItem('cp.session'); }

export async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (token()) { headers.Authorization = `Bearer ${token()}`; }
  let body = options.body;
  if (body !== undefined && typeof body !== 'string') { body = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  const res = await fetch(path, { method: options.method || 'GET', headers, body });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!res.ok) {
    const message = data && (data.error || data.description || data.message) ? (data.error || data.description
      || data.message) : `HTTP ${res.status}`;
    throw new ApiError(res.status, message);
  }
  return data;
}
/** Turns a list response into an array whatever its envelope ({issues:[…]}, {items:[…]} or a bare array). */
export function items(data, key) {
  if (Array.isArray(data)) { return data; }
  if (!data) { return []; }
  return data[key] || data.items || data.issues || data.requests || [];
}

// SPDX-License-Identifier: Apache-2.0
// The console's shell: sign-in, navigation between pages (History API, so links can be shared) and the language.
import { api, clearSession, saveSession, session, token } from './api.js';
import { lang, setLang, t, translatePage, useSettings, bodyName } from './i18n.js';
import { showBoard } from './board.js';
import { showIssue } from './issue-page.js';
import { showSupervision } from './supervision.js';
import { showFleet } from './fleet.js';

const main = document.getElementById('main');
let leavePage = () => {};

function route() {
  const path = location.pathname.replace(/^\/console\/?/, '');
  if (path.startsWith('issues/')) { return { page: 'issue', id: decodeURIComponent(path.slice(7)) }; }
  if (path === 'supervision' || path === 'fleet') { return { page: path }; }
  return { page: 'board' };
}

export function navigate(href) { history.pushState(null, '', href); render(); }

async function render() {
  leavePage();
  leavePage = () => {};
  translatePage();
  if (!token()) { showSignIn(); return; }
  const s = session() || {};
  document.getElementById('nav').hidden = false;
  document.getElementById('signout').hidden = false;
  document.getElementById('who').textContent = `${t('signin.as')}: ${s.username || ''} · ${bodyName(s.bodyId)}`
    + (s.role ? ` · ${s.role}` : '');
  const r = route();
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.route === r.page) { a.setAttribute('aria-current', 'page'); } else { a.removeAttribute('aria-current'); }
  });
  main.replaceChildren();
  const pages = { board: showBoard, issue: showIssue, supervision: showSupervision, fleet: showFleet };
  leavePage = (await pages[r.page](main, r, s)) || (() => {});
  main.focus({ preventScroll: true });
}

function showSignIn() {
  document.getElementById('nav').hidden = true;
  document.getElementById('signout').hidden = true;
  document.getElementById('who').textContent = '';
  main.innerHTML = `<section class="card" style="max-width:420px">
    <h2 data-i18n="signin.title"></h2>
    <form id="signin" novalidate>
      <label for="username" data-i18n="signin.user"></label>
      <input id="username" name="username" autocomplete="username" required>
      <label for="password" data-i18n="signin.password"></label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p><button type="submit" data-i18n="signin.submit"></button></p>
      <p class="error" role="alert" id="signin-error"></p>
    </form></section>`;
  translatePage(main);
  document.getElementById('username').focus();
  document.getElementById('signin').addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = document.getElementById('username').value.trim();
    const password = document.getElementById('password').value;
    try {
      const r = await api('/api/auth/token', { method: 'POST', body: { username, password } });
      saveSession(r.token || r.access_token, { username, bodyId: r.bodyId || r.body, role: r.role,
        expiresAt: r.expiresAt });
      render();
    } catch (err) {
      document.getElementById('signin-error').textContent = err.message;
    }
  });
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href^="/console"]');
  if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) { e.preventDefault(); navigate(a.getAttribute('href')); }
});
window.addEventListener('popstate', render);
document.getElementById('signout').addEventListener('click', async () => {
  try { await api('/api/auth/token', { method: 'DELETE' }); } catch (e) { /* the token expires anyway */ }
  clearSession(); history.pushState(null, '', '/console/'); render();
});
document.getElementById('lang').addEventListener('click', () => { setLang(lang() === 'en' ? 'zh' : 'en'); render(); });

setLang(lang());
api('/api/web/settings').then(useSettings).catch(() => {}).finally(render);

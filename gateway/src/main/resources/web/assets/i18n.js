// SPDX-License-Identifier: Apache-2.0
// Labels in Chinese and English, and times shown in the community's time zone (not the browser's).
const LABELS = {
  'app.console': ['CivicPulse 工作台', 'CivicPulse console'],
  'app.public': ['CivicPulse 社区问题公开', 'CivicPulse — problems in our community'],
  'nav.board': ['问题看板', 'Issue board'], 'nav.supervision': ['监督', 'Supervision'], 'nav.fleet': ['设备', 'Fleet'],
  'nav.signout': ['退出', 'Sign out'], 'lang.switch': ['English', '中文'],
  'signin.title': ['登录', 'Sign in'], 'signin.user': ['用户名', 'User name'], 'signin.password': ['密码', 'Password'],
  'signin.submit': ['登录', 'Sign in'], 'signin.as': ['当前用户', 'Signed in as'],
  'filter.state': ['状态', 'State'], 'filter.category': ['类别', 'Category'], 'filter.severity': ['级别', 'Severity'],
  'filter.area': ['片区', 'Area'], 'filter.all': ['全部', 'All'], 'filter.mine': ['只看本单位', 'My body only'],
  'col.id': ['编号', 'Id'], 'col.category': ['类别', 'Category'], 'col.state': ['状态', 'State'],
  'col.severity': ['级别', 'Severity'], 'col.lead': ['责任单位', 'Lead'], 'col.deadline': ['时限', 'Deadline'],
  'col.opened': ['发现时间', 'Opened'], 'col.device': ['设备', 'Device'], 'col.area': ['片区', 'Area'],
  'live.sse': ['实时推送已连接', 'Live updates connected'], 'live.poll': ['实时推送不可用，每 5 秒刷新',
    'Live stream unavailable: refreshing every 5 s'], 'board.empty': ['没有问题', 'No issues'],
  'flag.overdue': ['已超时', 'Overdue'], 'flag.warned': ['临近时限', 'Warned'], 'flag.new': ['新', 'New'],
  'issue.timeline': ['处置过程', 'Timeline'], 'issue.chart': ['设备数据（问题前后）', 'Telemetry around the anomaly'],
  'issue.routing': ['派遣', 'Routing'], 'issue.deadlines': ['时限', 'Deadlines'], 'issue.actions': ['操作', 'Actions'],
  'issue.accept': ['签收时限', 'Accept by'], 'issue.dispose': ['处置时限', 'Dispose by'],
  'issue.left': ['剩余', 'left'], 'issue.over': ['已超', 'over by'], 'issue.none': ['无', 'none'],
  'issue.noReadings': ['该时段无数据', 'No readings in this window'], 'issue.back': ['返回看板', 'Back to the board'],
  'role.LEAD': ['牵头', 'Lead'], 'role.ASSIST': ['协办', 'Assist'], 'role.SUMMONED': ['吹哨报到', 'Summoned'],
  'action.accept': ['签收', 'Accept'], 'action.return': ['退回', 'Return'],
  'action.request-extension': ['申请延期', 'Request extension'], 'action.add-assist': ['增加协办', 'Add assist'],
  'action.resolve': ['反馈办结', 'Resolve'], 'action.verify': ['核查', 'Verify'], 'action.close': ['结案', 'Close'],
  'action.notice': ['督办通知', 'Notice'], 'action.note': ['备注', 'Note'],
  'field.note': ['公开说明', 'Public note'], 'field.reason': ['原因', 'Reason'], 'field.until': ['延期至', 'Until'],
  'field.body': ['单位', 'Body'], 'field.pass': ['核查通过', 'Verification passed'],
  'action.done': ['已提交', 'Done'], 'sup.byBody': ['各单位超时与预警', 'Overdue and warned by body'],
  'sup.kpis': ['各单位考核指标', 'KPIs per body'], 'sup.notices': ['督办与预警记录', 'Notices and warnings'],
  'fleet.plan': ['社区平面图', 'Community plan'], 'fleet.list': ['设备列表', 'Devices'],
  'fleet.status': ['状态', 'Status'], 'fleet.lastSeen': ['最后上报', 'Last seen'], 'fleet.ok': ['正常', 'OK'],
  'fleet.silent': ['静默', 'Silent'], 'fleet.flapping': ['频繁告警', 'Flapping'], 'fleet.type': ['类型', 'Type'],
  'fleet.never': ['无', 'never'], 'fleet.batteryLow': ['电量低', 'Battery low'],
  'fleet.connected': ['在线连接', 'Connected'], 'fleet.why': ['原因', 'Why'], 'fleet.yes': ['是', 'yes'],
  'fleet.no': ['否', 'no'], 'pub.list': ['问题列表', 'Issues'], 'pub.plan': ['位置', 'On the plan'],
  'pub.kpis': ['各单位办理情况', 'How each body is doing'], 'pub.report': ['报告问题', 'Report a problem'],
  'pub.text': ['描述', 'Description'], 'pub.lat': ['纬度', 'Latitude'], 'pub.lon': ['经度', 'Longitude'],
  'pub.submit': ['提交', 'Submit'], 'pub.thanks': ['已收到，问题编号', 'Received. Issue'],
  'pub.follow': ['跟进码（只显示一次）', 'Follow token (shown only once)'], 'pub.pickHint':
    ['可在平面图上点击选择位置', 'You may click the plan to pick the place'], 'pub.timeline': ['公开过程', 'Public timeline'],
  'pub.open': ['处理中', 'Open'], 'pub.closed': ['已办结', 'Closed'], 'pub.supervised': ['督办中', 'Under supervision'],
  'kpi.body': ['单位', 'Body'], 'kpi.assignments': ['派遣数', 'Assignments'],
  'kpi.onTimeAcceptanceRate': ['按时签收率', 'Accepted on time'], 'kpi.ledIssues': ['牵头问题', 'Led issues'],
  'kpi.resolved': ['已办结', 'Resolved'], 'kpi.onTimeResolutionRate': ['按时办结率', 'Resolved on time'],
  'kpi.meanMinutesToResolve': ['平均办结（分钟）', 'Mean minutes to resolve'], 'kpi.reopenRate': ['重办率', 'Reopen rate'],
  'kpi.overdue': ['超时', 'Overdue'],
  'error': ['出错了', 'Something went wrong'], 'loading': ['加载中…', 'Loading…'], 'time.zone': ['时区', 'Time zone'],
};
const STATES = {
  NEW: ['新建', 'New'], TRIAGE: ['分拣', 'Triage'], AUTO_HANDLING: ['自动处置中', 'Auto-handling'],
  REGISTERED: ['已立案', 'Registered'], DISPATCHED: ['已派遣', 'Dispatched'], IN_PROGRESS: ['处置中', 'In progress'],
  PARKED: ['挂账', 'Parked'], RESOLVED: ['已反馈', 'Resolved'], VERIFYING: ['核查中', 'Verifying'],
  CLOSED: ['已结案', 'Closed'], REJECTED: ['不予立案', 'Rejected'], MERGED: ['已合并', 'Merged'],
};
const SEVERITIES = { CRITICAL: ['紧急', 'Critical'], MAJOR: ['重要', 'Major'], MINOR: ['一般', 'Minor'],
  INFO: ['提示', 'Info'] };

let settings = { zone: 'Asia/Shanghai', bodies: [], categories: [] };

export function lang() { return localStorage.getItem('cp.lang') === 'en' ? 'en' : 'zh'; }
export function setLang(l) { localStorage.setItem('cp.lang', l); document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN'; }
function pick(pair, key) { return pair ? pair[lang() === 'en' ? 1 : 0] : key; }
export function t(key) { return pick(LABELS[key], key); }
export function stateLabel(s) { return pick(STATES[s], s); }
export function severityLabel(s) { return pick(SEVERITIES[s], s); }
export function useSettings(s) { settings = s; }
export function zone() { return settings.zone; }
export function bodyName(id) {
  const b = settings.bodies.find((x) => x.id === id);
  return b ? (lang() === 'en' ? b.en : b.zh) : (id || '');
}
export function bodies() { return settings.bodies; }
export function categories() { return settings.categories; }
export function categoryName(code) {
  const c = settings.categories.find((x) => x.code === code);
  return c ? `${code} ${lang() === 'en' ? c.en : c.zh}` : code;
}
/** A {zh, en} object from the public API. */
export function bi(o) { return o ? (lang() === 'en' ? o.en : o.zh) : ''; }

/** An instant as a date and time in the community's zone, e.g. 2026-11-28 06:05. */
export function fmtTime(instant) {
  if (!instant) { return ''; }
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: settings.zone, year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return f.format(new Date(instant));
}
/** Time left until a deadline ("2 h 5 min left") or how far past it. */
export function timeLeft(deadline, now = Date.now()) {
  if (!deadline) { return t('issue.none'); }
  const ms = new Date(deadline).getTime() - now;
  const mins = Math.round(Math.abs(ms) / 60000);
  const d = Math.floor(mins / 1440); const h = Math.floor((mins % 1440) / 60); const m = mins % 60;
  const text = (d ? `${d} d ` : '') + (d || h ? `${h} h ` : '') + `${m} min`;
  return ms >= 0 ? `${text} ${t('issue.left')}` : `${t('issue.over')} ${text}`;
}
/** Sets every [data-i18n] element's text and [data-i18n-label] element's aria-label. */
export function translatePage(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
}

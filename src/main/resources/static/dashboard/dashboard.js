// 指挥大屏: the rates (三率), their trend, the light board (亮灯), rankings and the grid map.
// The page is public; every figure comes from the authenticated /api on the caller's Camunda webapp session,
// limited by the API to the caller's scope. No build step: plain ES module plus the ECharts WebJar.

const RATES = [
  ['responseRate', '响应率'],
  ['resolutionRate', '解决率'],
  ['closureRate', '办结率'],
  ['onTimeRate', '按时办结率'],
  ['satisfactionRate', '满意率'],
];
const LIGHTS = [['GREEN', '绿灯', '#3cb371'], ['YELLOW', '黄灯', '#f0c040'], ['RED', '红灯', '#e74c3c']];
const DAY = 86_400_000;
const charts = {};

// GET on the webapp session (as zh-text.js call() does): X-Requested-With keeps the browser's login dialog away
async function get(path) {
  const response = await fetch(path, {
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    credentials: 'same-origin',
  });
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return { status: response.status, ok: response.ok, body };
}

// dates in Asia/Shanghai as YYYY-MM-DD, computed on UTC+8 midnights
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (date, days) => new Date(Date.parse(date + 'T00:00:00Z') + days * DAY).toISOString().slice(0, 10);
const percent = (rate) => (rate == null ? '—' : `${(rate * 100).toFixed(1)}%`);
const value = (rate) => (rate == null ? null : Math.round(rate * 1000) / 10);

function query(params) {
  return Object.entries(params).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

// animations off: a wall screen redraws on every query, and a screenshot shows the finished picture
function chart(id) {
  charts[id] ??= window.echarts.init(document.getElementById(id), 'dark', { renderer: 'canvas' });
  const target = charts[id];
  return { setOption: (option, notMerge) => target.setOption({ animation: false, ...option }, notMerge) };
}

function show(message, html) {
  const p = document.getElementById('message');
  if (html) p.innerHTML = message;
  else p.textContent = message;
  p.hidden = false;
}

function renderRates(rates) {
  const figures = [['受理量', rates.received], ['已响应', rates.responded], ['已解决', rates.resolved],
    ['已办结', rates.closed], ['按时办结', rates.onTime], ['回访量', rates.reached], ['未联系上', rates.notReached],
    ['重新办理', rates.reopened], ['当前红灯', rates.overdueNow]];
  // handling time in working days (工作日): the mean and the time within which 90 % of the closed cases finished
  const days = [['平均办理时长', rates.handlingDaysAverage], ['九成办结用时', rates.handlingDaysP90]];
  document.getElementById('figures').innerHTML = figures
    .map(([label, n]) => `<span>${label} <b data-figure>${n ?? 0}</b></span>`).join('')
    + days.map(([label, d]) => `<span>${label} <b data-days>${d ?? '—'}</b> 个工作日</span>`).join('');
  const series = RATES.map(([key, label], i) => ({
    type: 'gauge', name: label, min: 0, max: 100, radius: '50%', center: [`${10 + i * 20}%`, '55%'],
    startAngle: 210, endAngle: -30, splitNumber: 4, axisLabel: { show: false }, splitLine: { length: 6 },
    axisTick: { show: false }, pointer: { width: 3 }, progress: { show: true, width: 8 },
    axisLine: { lineStyle: { width: 8 } },
    title: { offsetCenter: [0, '85%'], fontSize: 14, color: '#c5d3e2' },
    detail: { offsetCenter: [0, '40%'], fontSize: 16, formatter: () => percent(rates[key]) },
    data: [{ value: value(rates[key]) ?? 0, name: label }],
  }));
  chart('rates').setOption({ backgroundColor: 'transparent', series }, true);
}

async function renderTrend(params) {
  // the last 8 weeks, Monday to Sunday, the current week up to today: one series call
  const today = shanghaiToday();
  const weekday = (new Date(today + 'T00:00:00Z').getUTCDay() + 6) % 7;
  const from = plusDays(plusDays(today, -weekday), -7 * 7);
  const answer = await get(`/api/metrics/rates/series?${query({ ...params, from, to: today, period: 'week' })}`);
  const weeks = answer.ok ? answer.body.points : [];
  chart('trend').setOption({
    backgroundColor: 'transparent',
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 35, bottom: 25 },
    xAxis: { type: 'category', data: weeks.map((w) => `${w.from.slice(5)}起`) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: RATES.map(([key, label]) => ({
      type: 'line', name: label, connectNulls: true, showAllSymbol: true, symbolSize: 7,
      data: weeks.map((w) => value(w.rates[key])),
    })),
  }, true);
}

async function renderLights(area) {
  const answer = await get(`/api/metrics/lights?${query({ area })}`);
  const unavailable = document.getElementById('lights-unavailable');
  const lightsChart = document.getElementById('lights');
  if (!answer.ok || !answer.body?.counts) {
    unavailable.hidden = false;
    lightsChart.hidden = true;
    document.getElementById('red-empty').textContent = '亮灯数据暂不可用';
    document.getElementById('red-empty').hidden = false;
    return undefined;
  }
  unavailable.hidden = true;
  lightsChart.hidden = false;
  const lights = answer.body;
  document.getElementById('lights-note').textContent =
    `督办 ${lights.supervised ?? 0} 件${lights.truncated ? '（案件清单已截断）' : ''}`;
  chart('lights').setOption({
    backgroundColor: 'transparent',
    tooltip: {},
    grid: { left: 50, right: 20, top: 20, bottom: 25 },
    xAxis: { type: 'category', data: LIGHTS.map(([, label]) => label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', label: { show: true, position: 'top' },
      data: LIGHTS.map(([key, , color]) => ({ value: lights.counts[key] ?? 0, itemStyle: { color } })) }],
  }, true);
  const red = (lights.cases ?? []).filter((c) => c.light === 'RED')
    .sort((a, b) => (b.overdueMinutes ?? 0) - (a.overdueMinutes ?? 0));
  const tbody = document.querySelector('#red-cases tbody');
  tbody.replaceChildren(...red.map((c) => {
    const tr = document.createElement('tr');
    const accountable = [c.handlerGroup, c.handlerName].filter(Boolean).join(' / ');
    for (const [text, cls] of [[c.trackingNumber], [c.categoryName], [c.gridName ?? c.gridCode], [c.departmentName],
      [lateness(c.overdueMinutes), 'late'], [c.supervised ? '督办' : ''], [accountable], [c.escalationLevel ? `第 ${c.escalationLevel} 级` : '未升级']]) {
      const td = document.createElement('td');
      td.textContent = text ?? '';
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  }));
  document.getElementById('red-empty').textContent = '暂无红灯案件';
  document.getElementById('red-empty').hidden = red.length > 0;
  return lights;
}

function lateness(minutes) {
  if (minutes == null) return '';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return days ? `${days} 天 ${hours} 小时` : `${hours} 小时 ${minutes % 60} 分`;
}

// every grid / department of the caller's scope, lowest closure rate first (shown at the bottom); "—" where none closed
function rankChart(id, rows) {
  const sorted = [...rows].sort((a, b) => (a.rates.closureRate ?? -1) - (b.rates.closureRate ?? -1)
    || a.rates.received - b.rates.received);
  chart(id).setOption({
    backgroundColor: 'transparent',
    tooltip: { formatter: (p) => `${p.name}<br>办结率 ${percent(sorted[p.dataIndex].rates.closureRate)}`
      + `（受理 ${sorted[p.dataIndex].rates.received} 件，办结 ${sorted[p.dataIndex].rates.closed} 件）` },
    grid: { left: 10, right: 100, top: 10, bottom: 25, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: sorted.map((r) => r.name) },
    series: [{ type: 'bar', barMaxWidth: 24, label: { show: true, position: 'right',
      formatter: (p) => `${percent(sorted[p.dataIndex].rates.closureRate)}（${sorted[p.dataIndex].rates.received} 件）` },
    data: sorted.map((r) => value(r.rates.closureRate) ?? 0) }],
    graphic: sorted.length ? [] : [{ type: 'text', left: 'center', top: 'middle',
      style: { text: '本期暂无受理案件', fill: '#9fb1c6', fontSize: 14 } }],
  }, true);
}

// one rates call per grid (replacing the area) / department (within the area); a 403 (outside the caller's scope)
// leaves it out
async function ratesOf(items, param, params) {
  const answers = await Promise.all(items.map((it) =>
    get(`/api/metrics/rates?${query({ ...params, [param]: it.code })}`)));
  return items.map((it, i) => ({ ...it, rates: answers[i].ok ? answers[i].body : undefined })).filter((r) => r.rates);
}

// the grids' outlines from the registry (no map tiles): one SVG path per grid, coloured by its open or red cases
function renderMap(grids, gridRates, lights) {
  const svg = document.getElementById('map');
  const shapes = grids.filter((g) => g.ring?.length > 2);
  const points = shapes.flatMap((g) => g.ring);
  if (!points.length) {
    svg.replaceChildren();
    return;
  }
  const midLat = points.reduce((s, p) => s + p[1], 0) / points.length;
  const k = Math.cos((midLat * Math.PI) / 180);
  const xs = points.map((p) => p[0] * k);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(960 / (maxX - minX || 1), 560 / (maxY - minY || 1));
  const offX = (1000 - (maxX - minX) * scale) / 2;
  const offY = (600 - (maxY - minY) * scale) / 2;
  const project = ([lng, lat]) => [offX + (lng * k - minX) * scale, offY + (maxY - lat) * scale];
  const open = {};
  const red = {};
  if (lights) {
    for (const c of lights.cases ?? []) {
      open[c.gridCode] = (open[c.gridCode] ?? 0) + 1;
      if (c.light === 'RED') red[c.gridCode] = (red[c.gridCode] ?? 0) + 1;
    }
  }
  const inScope = new Map(gridRates.map((r) => [r.code, r.rates]));
  const countOf = (code) => (lights ? open[code] ?? 0 : inScope.get(code)?.overdueNow ?? 0);
  const max = Math.max(1, ...shapes.map((g) => countOf(g.code)));
  const ns = 'http://www.w3.org/2000/svg';
  svg.replaceChildren(...shapes.flatMap((g) => {
    const path = document.createElementNS(ns, 'path');
    const xy = g.ring.map(project);
    path.setAttribute('d', 'M' + xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L') + 'Z');
    path.setAttribute('data-grid', g.code);
    const n = countOf(g.code);
    const known = lights || inScope.has(g.code);
    path.setAttribute('fill', known ? `rgba(231,76,60,${(0.15 + 0.75 * (n / max)).toFixed(2)})` : '#2a3b52');
    const title = document.createElementNS(ns, 'title');
    title.textContent = lights
      ? `${g.communityName ?? ''} ${g.name}：未办结 ${n} 件，红灯 ${red[g.code] ?? 0} 件`
      : `${g.communityName ?? ''} ${g.name}：${known ? `红灯 ${n} 件` : '不在本人范围'}`;
    path.append(title);
    const cx = xy.reduce((s, p) => s + p[0], 0) / xy.length;
    const cy = xy.reduce((s, p) => s + p[1], 0) / xy.length;
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', cx.toFixed(1));
    label.setAttribute('y', cy.toFixed(1));
    label.textContent = known ? `${g.name} ${n}` : g.name;
    return [path, label];
  }));
  document.getElementById('map-legend').textContent = lights
    ? '颜色越深，未办结案件越多（数字为未办结件数）'
    : '颜色越深，当前红灯案件越多（数字为红灯件数；亮灯数据暂不可用时取自三率）';
}

async function refresh() {
  const params = {
    from: document.getElementById('from').value,
    to: document.getElementById('to').value,
    area: document.getElementById('area').value,
  };
  const rates = await get(`/api/metrics/rates?${query(params)}`);
  if (rates.status === 401) return needLogin();
  if (!rates.ok) {
    show(`无法读取三率：${rates.body?.detail ?? rates.body?.title ?? rates.status}`);
    return undefined;
  }
  document.getElementById('message').hidden = true;
  document.getElementById('board').hidden = false;
  document.getElementById('period').textContent = `${params.from} 至 ${params.to}`;
  renderRates(rates.body);
  const [map, departments] = await Promise.all([get('/report/api/map'), get('/api/registry/departments')]);
  const grids = map.ok ? map.body : [];
  const scopeGrids = params.area
    ? grids.filter((g) => g.code === params.area || g.code.startsWith(`${params.area}-`)) : grids;
  const [, lights, gridRates, departmentRates] = await Promise.all([
    renderTrend({ area: params.area }),
    renderLights(params.area),
    ratesOf(scopeGrids.map((g) => ({ code: g.code, name: g.name })), 'area', params),
    ratesOf((departments.ok ? departments.body : []).map((d) => ({ code: d.code, name: d.name })), 'department', params),
  ]);
  rankChart('grid-rank', gridRates);
  // departments: only those with cases in the period (a town has many that get none)
  rankChart('department-rank', departmentRates.filter((r) => r.rates.received > 0));
  renderMap(grids, gridRates, lights);
  document.body.dataset.ready = 'true';
  return undefined;
}

function needLogin() {
  document.getElementById('board').hidden = true;
  show('请先登录：<a href="/camunda/app/tasklist/">登录任务列表</a>，登录后再回到本页（/dashboard）。', true);
  document.body.dataset.ready = 'login';
}

async function start() {
  const me = await get('/api/me');
  if (me.status === 401) return needLogin();
  document.getElementById('who').textContent = me.ok ? `当前用户：${me.body.name}` : '';
  const today = shanghaiToday();
  document.getElementById('from').value = today.slice(0, 8) + '01';
  document.getElementById('to').value = today;
  const areas = await get('/api/registry/areas?size=200');
  const select = document.getElementById('area');
  for (const a of areas.ok ? areas.body.items : []) {
    const option = document.createElement('option');
    option.value = a.code;
    option.textContent = `${a.levelName ?? ''} ${a.name}`;
    select.append(option);
  }
  document.getElementById('question').addEventListener('submit', (e) => {
    e.preventDefault();
    refresh();
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  return refresh();
}

start().catch((e) => show(`大屏加载失败：${e.message}`));

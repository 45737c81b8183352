// The public report page (随手拍): categories by group, an offline map of the grids drawn from the registry's
// outlines (no map tiles), the phone's position, the duplicate hint, a short proof of work, then the report.
const $ = (id) => document.getElementById(id);
const state = { lat: null, lng: null, grid: null, outlines: [], project: null };

async function json(path, options) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  let body;
  try { body = await response.json(); } catch { body = undefined; }
  return { ok: response.ok, status: response.status, body };
}

function showErrors(problem) {
  for (const el of document.querySelectorAll('.error')) el.textContent = '';
  const errors = problem?.errors ?? [];
  for (const e of errors) {
    // a photo over the servlet's size limit is refused before the page's own checks, as the generic "file"
    const field = e.field === 'file' ? 'photos' : e.field.replace(/\[\d+\]$/, '');
    const target = document.querySelector(`.error[data-for="${field}"]`) ?? $('form-error');
    target.textContent = target.textContent ? `${target.textContent} ${e.message}` : e.message;
  }
  if (!errors.length) $('form-error').textContent = problem?.detail ?? '提交失败，请稍后重试。';
}

// ------------------------------------------------------------------ form and map

async function loadForm() {
  const grid = new URLSearchParams(location.search).get('grid');
  const form = await json(`/report/api/form${grid ? `?grid=${encodeURIComponent(grid)}` : ''}`);
  if (!form.ok) return;
  const select = $('category');
  for (const group of form.body.groups) {
    const optgroup = document.createElement('optgroup');
    optgroup.label = group.name;
    for (const c of group.categories) optgroup.appendChild(new Option(c.name, c.code));
    select.appendChild(optgroup);
  }
  if (form.body.grid) {
    state.grid = form.body.grid.code;
    const preset = $('grid-preset');
    preset.textContent = `您扫描的是「${form.body.grid.name}」的网格码，问题将直接交给该网格。`;
    preset.hidden = false;
  }
}

async function loadMap() {
  const answer = await json('/report/api/map');
  if (!answer.ok) return;
  state.outlines = answer.body.filter((g) => g.ring.length > 2);
  const all = state.outlines.flatMap((g) => g.ring);
  if (!all.length) { $('map').hidden = true; return; }
  const minX = Math.min(...all.map((p) => p[0])); const maxX = Math.max(...all.map((p) => p[0]));
  const minY = Math.min(...all.map((p) => p[1])); const maxY = Math.max(...all.map((p) => p[1]));
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const W = 400; const H = 300; const pad = 10;
  const scale = Math.min((W - 2 * pad) / ((maxX - minX) * k || 1), (H - 2 * pad) / ((maxY - minY) || 1));
  state.project = {
    to: ([x, y]) => [pad + (x - minX) * k * scale, H - pad - (y - minY) * scale],
    from: (px, py) => [minX + (px - pad) / (k * scale), minY + (H - pad - py) / scale],
  };
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  for (const grid of state.outlines) {
    const polygon = document.createElementNS(ns, 'polygon');
    polygon.setAttribute('points', grid.ring.map((p) => state.project.to(p).join(',')).join(' '));
    if (grid.code === state.grid) polygon.classList.add('preset');
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${grid.communityName ?? ''} ${grid.name}`;
    polygon.appendChild(title);
    svg.appendChild(polygon);
    const [cx, cy] = centroid(grid.ring.map((p) => state.project.to(p)));
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', cx); label.setAttribute('y', cy); label.setAttribute('text-anchor', 'middle');
    label.textContent = grid.name.replace('社区', '');
    svg.appendChild(label);
  }
  const pin = document.createElementNS(ns, 'circle');
  pin.setAttribute('r', '6'); pin.classList.add('pin'); pin.style.display = 'none';
  svg.appendChild(pin);
  svg.addEventListener('click', (event) => {
    const box = svg.getBoundingClientRect();
    const px = (event.clientX - box.left) * (W / box.width);
    const py = (event.clientY - box.top) * (H / box.height);
    const [lng, lat] = state.project.from(px, py);
    setPoint(lat, lng, '地图选点');
  });
  state.pin = pin;
  $('map').appendChild(svg);
}

function centroid(points) {
  const n = points.length;
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

function inside([x, y], ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]; const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function setPoint(lat, lng, how) {
  state.lat = Math.round(lat * 1e6) / 1e6;
  state.lng = Math.round(lng * 1e6) / 1e6;
  const grid = state.outlines.find((g) => inside([state.lng, state.lat], g.ring));
  $('where').textContent = `${how}：${grid ? grid.name : '不在已登记的网格内，请核对或填写地址'}`;
  if (state.pin && state.project) {
    const [x, y] = state.project.to([state.lng, state.lat]);
    state.pin.setAttribute('cx', x); state.pin.setAttribute('cy', y); state.pin.style.display = '';
  }
  checkNearby();
}

// the browser's own file button speaks the browser's language: a Chinese one stands in for it
$('pick-photos')?.addEventListener('click', () => $('photos').click());
$('photos')?.addEventListener('change', () => {
  const files = [...$('photos').files];
  $('photo-names').textContent = files.length ? files.map((f) => f.name).join('、') : '未选择照片';
});

$('locate')?.addEventListener('click', () => {
  if (!navigator.geolocation) { $('where').textContent = '此浏览器不能定位，请在地图上点选或填写地址'; return; }
  $('where').textContent = '正在定位…';
  navigator.geolocation.getCurrentPosition(
    (p) => setPoint(p.coords.latitude, p.coords.longitude, '手机定位'),
    () => { $('where').textContent = '定位失败，请在地图上点选或填写地址'; },
    { enableHighAccuracy: true, timeout: 15000 });
});

// ------------------------------------------------------------------ duplicate hint

async function checkNearby() {
  const category = $('category').value;
  if (!category || state.lat === null) { $('nearby').hidden = true; return; }
  const answer = await json(`/report/api/nearby?category=${encodeURIComponent(category)}&lat=${state.lat}&lng=${state.lng}`);
  const list = $('nearby-list');
  list.replaceChildren();
  if (!answer.ok || !answer.body.length) { $('nearby').hidden = true; return; }
  for (const n of answer.body) {
    const li = document.createElement('li');
    const day = new Date(n.receivedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
    li.textContent = `${n.categoryName}，约 ${n.distanceMeters} 米外，${day} 受理，${n.status}（编号 ${n.trackingNumber}） `;
    const follow = document.createElement('button');
    follow.type = 'button';
    follow.textContent = '是同一问题，关注进度';
    follow.addEventListener('click', async () => {
      follow.disabled = true;
      const proof = await prove();
      const answer2 = await json('/report/api/follow', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ trackingNumber: n.trackingNumber, ...proof }) });
      if (answer2.ok) location.href = answer2.body.statusUrl;
      else { follow.disabled = false; showErrors(answer2.body); }
    });
    li.appendChild(follow);
    list.appendChild(li);
  }
  $('nearby').hidden = false;
}
$('category')?.addEventListener('change', checkNearby);

// ------------------------------------------------------------------ proof of work and submit

async function prove() {
  const answer = await json('/report/api/challenge');
  const { challenge, bits } = answer.body;
  const encoder = new TextEncoder();
  for (let nonce = 0; ; nonce++) {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${nonce}`)));
    let zeros = 0;
    for (const b of hash) {
      if (b === 0) { zeros += 8; continue; }
      zeros += Math.clz32(b) - 24;
      break;
    }
    if (zeros >= bits) return { challenge, nonce: String(nonce) };
  }
}

$('report')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('submit');
  button.disabled = true;
  button.textContent = '正在提交…';
  try {
    const data = new FormData();
    data.append('category', $('category').value);
    data.append('description', $('description').value);
    data.append('phone', $('phone').value);
    data.append('name', $('name').value);
    data.append('address', $('address').value);
    if (state.lat !== null) { data.append('lat', state.lat); data.append('lng', state.lng); }
    if (state.grid) data.append('gridCode', state.grid);
    for (const file of [...$('photos').files]) data.append('photos', file, file.name);
    const proof = await prove();
    data.append('challenge', proof.challenge);
    data.append('nonce', proof.nonce);
    const answer = await json('/report/api/reports', { method: 'POST', body: data });
    if (answer.ok) {
      $('report').hidden = true;
      $('done-number').textContent = answer.body.trackingNumber;
      $('done-grid').textContent = answer.body.gridName ? `已交给：${answer.body.gridName}` : '';
      $('done-link').href = answer.body.statusUrl;
      $('done').hidden = false;
      window.scrollTo(0, 0);
    } else {
      showErrors(answer.body ?? { detail: `提交失败（${answer.status}），请稍后重试。` });
    }
  } catch (e) {
    showErrors({ detail: '网络异常，请稍后重试。' });
  } finally {
    button.disabled = false;
    button.textContent = '提交';
  }
});

loadForm().then(loadMap).catch(() => {});

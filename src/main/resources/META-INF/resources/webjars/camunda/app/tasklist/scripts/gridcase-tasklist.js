// GridCase additions to Camunda Tasklist, loaded as an ES module through customScripts in config.js:
// - form-js's own English texts (validation, placeholders) in Chinese;
// - a refused submission's red toast goes away when the user edits the form, the task changes or the next
//   submission is made;
// - every filter shows its count, not only the one that is open;
// - 启动流程, 创建任务 and the filter pencil only for logins that may use them (GET /api/me);
// - a form's .gridcase-attachments block shows the case's photos and documents as thumbnails, and lets the
//   task's assignee add evidence (佐证材料) through POST /api/cases/{trackingNumber}/attachments.
import { FORM_TEXTS, keepChinese, closeErrorToasts, call } from '../../../../gridcase/webapps/zh-text.js';

const ENGINE = '/camunda/api/engine/engine/default';
let me;

function text(tag, className, content) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (content !== undefined) el.textContent = content;
  return el;
}

function currentTaskId() {
  const match = /[?&]task=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

// ------------------------------------------------------------------ who may use what

async function loadMe() {
  const answer = await call('/api/me');
  if (!answer.ok) return;
  me = answer.body;
  document.body.classList.toggle('gridcase-may-start-process', !!me.tasklist.startProcess);
  document.body.classList.toggle('gridcase-may-create-task', !!me.tasklist.createTask);
  document.body.classList.toggle('gridcase-may-edit-filters', !!me.tasklist.editFilters);
}

// ------------------------------------------------------------------ filter counts

async function refreshCounts() {
  const filterElements = document.querySelectorAll('.task-filters .task-filter');
  if (!filterElements.length) return;
  const answer = await call(`${ENGINE}/filter?resourceType=Task&itemCount=true`);
  if (!answer.ok || !Array.isArray(answer.body)) return;
  const counts = new Map(answer.body.map((f) => [f.name, f.itemCount]));
  for (const element of filterElements) {
    const link = element.querySelector('h4.name a');
    if (!link) continue;
    const name = [...link.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.nodeValue).join('').trim();
    if (!counts.has(name)) continue;
    let badge = link.querySelector('.gridcase-count');
    if (!badge) {
      badge = text('span', 'gridcase-count');
      link.appendChild(badge);
    }
    badge.textContent = `(${counts.get(name)})`;
  }
}

// ------------------------------------------------------------------ photos and evidence

function when(instant) {
  try {
    return new Date(instant).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false,
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  } catch {
    return instant;
  }
}

function attachmentFigure(trackingNumber, attachment) {
  const base = `/api/cases/${encodeURIComponent(trackingNumber)}/attachments/${attachment.id}`;
  const figure = text('figure', 'gc-item');
  const link = text('a');
  link.href = base;
  link.target = '_blank';
  link.rel = 'noopener';
  if (attachment.contentType.startsWith('image/')) {
    const img = text('img');
    img.src = `${base}/thumbnail`;
    img.alt = attachment.note || attachment.fileName;
    img.loading = 'lazy';
    link.appendChild(img);
  } else {
    link.appendChild(text('div', 'gc-doc', '📄'));
  }
  figure.appendChild(link);
  const caption = text('figcaption');
  caption.appendChild(text('div', 'gc-note', attachment.note || attachment.fileName));
  caption.appendChild(text('div', 'gc-meta', `${attachment.uploadedByName || attachment.uploadedBy || ''} ${when(attachment.uploadedAt)}`.trim()));
  figure.appendChild(caption);
  return figure;
}

// the case a task belongs to: every case kind's tasks carry the trackingNumber variable (CaseVariables)
async function caseOfTask(taskId) {
  const task = await call(`${ENGINE}/task/${encodeURIComponent(taskId)}`);
  if (!task.ok) return null;
  const variable = await call(`${ENGINE}/task/${encodeURIComponent(taskId)}/variables/trackingNumber`);
  if (!variable.ok || !variable.body?.value) return null;
  return { trackingNumber: variable.body.value, assignee: task.body.assignee };
}

// what was last read for a task: form-js re-renders the html block (on claim, on every change), which puts its
// placeholder text back; the block is then drawn again from here without asking the server again
const shown = new Map();

async function loadAttachments(taskId) {
  const owner = await caseOfTask(taskId);
  if (!owner) return null;
  const answer = await call(`/api/cases/${encodeURIComponent(owner.trackingNumber)}/attachments`);
  const entry = { ...owner, ok: answer.ok, list: answer.ok && Array.isArray(answer.body) ? answer.body : [] };
  shown.set(taskId, entry);
  return entry;
}

function paint(block, taskId, entry, message) {
  const { trackingNumber, assignee, ok, list } = entry;
  block.replaceChildren();
  block.dataset.gcTask = taskId;
  block.appendChild(text('div', 'gc-title', `照片和佐证材料（${list.length}）`));
  const items = text('div', 'gc-items');
  if (!ok) items.appendChild(text('div', 'gc-empty', '暂时无法读取附件，请稍后刷新。'));
  else if (!list.length) items.appendChild(text('div', 'gc-empty', '暂无照片或材料。'));
  for (const attachment of list) items.appendChild(attachmentFigure(trackingNumber, attachment));
  block.appendChild(items);
  if (!block.classList.contains('gridcase-attachments-add')) return;
  if (!me || assignee !== me.login) {
    block.appendChild(text('div', 'gc-message', '认领任务后可上传现场照片或佐证材料。'));
    return;
  }
  const form = text('div', 'gc-add');
  // the browser's own file button speaks the browser's language: a Chinese one stands in for it
  const file = text('input');
  file.type = 'file';
  file.accept = 'image/jpeg,image/png,application/pdf';
  file.style.display = 'none'; // Bootstrap shows file inputs whatever [hidden] says
  file.setAttribute('aria-label', '选择照片或 PDF 文件');
  const pick = text('button', 'btn btn-default', '选择照片或文件');
  pick.type = 'button';
  const chosen = text('span', 'gc-chosen', '未选择文件');
  pick.addEventListener('click', () => file.click());
  file.addEventListener('change', () => {
    chosen.textContent = file.files.length ? file.files[0].name : '未选择文件';
  });
  const note = text('input', 'form-control');
  note.type = 'text';
  note.maxLength = 200;
  note.placeholder = '说明（可选），例如：整改后现场照片';
  note.setAttribute('aria-label', '附件说明');
  const button = text('button', 'btn btn-default', '上传佐证材料');
  button.type = 'button';
  const status = text('div', 'gc-message', message ?? '');
  button.addEventListener('click', async () => {
    status.className = 'gc-message';
    if (!file.files.length) {
      status.classList.add('gc-error');
      status.textContent = '请先选择一张照片（JPEG、PNG）或一个 PDF 文件。';
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    if (note.value.trim()) data.append('note', note.value.trim());
    button.disabled = true;
    status.textContent = '正在上传…';
    const upload = await call(`/api/cases/${encodeURIComponent(trackingNumber)}/attachments`, { method: 'POST', body: data });
    button.disabled = false;
    if (upload.ok) {
      const fresh = await loadAttachments(taskId);
      if (fresh) paint(block, taskId, fresh, '已上传，已记入案件经过。');
    } else {
      status.classList.add('gc-error');
      status.textContent = upload.body?.detail || upload.body?.title || `上传失败（${upload.status}），请重试。`;
    }
  });
  form.append(file, pick, chosen, note, button);
  block.append(form, status);
}

const loading = new Set();

function redrawAttachments() {
  shown.clear();
  for (const block of document.querySelectorAll('.gridcase-attachments')) delete block.dataset.gcTask;
  drawAttachments();
}

function drawAttachments() {
  const taskId = currentTaskId();
  if (!taskId) return;
  for (const block of document.querySelectorAll('.gridcase-attachments')) {
    if (block.dataset.gcTask === taskId && block.querySelector('.gc-title')) continue;
    const entry = shown.get(taskId);
    if (entry) {
      paint(block, taskId, entry);
    } else if (!loading.has(taskId)) {
      loading.add(taskId);
      loadAttachments(taskId)
        .then((fresh) => fresh && drawAttachments())
        .catch((e) => console.error('GridCase attachments', e))
        .finally(() => loading.delete(taskId));
    }
  }
}

// ------------------------------------------------------------------ wiring

let lastTask = currentTaskId();
let scheduled = false;
function onChange() {
  scheduled = false;
  const taskId = currentTaskId();
  if (taskId !== lastTask) {
    lastTask = taskId;
    shown.clear();
    closeErrorToasts();
    refreshCounts().catch(() => {});
  }
  drawAttachments();
  const filters = document.querySelector('.task-filters .task-filter');
  if (filters && !filters.dataset.gcCounted) {
    filters.dataset.gcCounted = 'yes';
    refreshCounts().catch(() => {});
  }
}

function start() {
  keepChinese('.fjs-container', FORM_TEXTS);
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(onChange);
    }
  }).observe(document.body, { childList: true, subtree: true });
  window.addEventListener('hashchange', onChange);
  // a new submission, claim or save starts without the previous refusal on screen; counts follow the work
  document.addEventListener('click', (event) => {
    const button = event.target.closest?.('button');
    if (!button) return;
    if (button.closest('.task-details, .task-card, [cam-tasklist-task]')) {
      closeErrorToasts();
      // claiming or un-claiming changes who may add evidence
      if (!button.closest('.gridcase-attachments')) setTimeout(redrawAttachments, 1200);
    }
    setTimeout(() => refreshCounts().catch(() => {}), 1500);
  }, true);
  // the user answering a refusal (editing the form) has read it: the toast would cover the form's buttons
  document.addEventListener('input', (event) => {
    if (event.target.closest?.('.fjs-container')) closeErrorToasts();
  }, true);
  document.addEventListener('change', (event) => {
    if (event.target.closest?.('.fjs-container')) closeErrorToasts();
  }, true);
  setInterval(() => {
    if (document.visibilityState === 'visible') refreshCounts().catch(() => {});
  }, 30_000);
  // Tasklist's login happens in the page: learn who this is once the filters show
  new MutationObserver((_, observer) => {
    if (document.querySelector('.task-filters .task-filter')) {
      observer.disconnect();
      loadMe().catch(() => {});
    }
  }).observe(document.body, { childList: true, subtree: true });
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);

export default [];

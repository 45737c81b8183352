// The reporter's status page: /report/{trackingNumber}?k=<key>. Only status, dates and step names are shown.
const root = document.getElementById('status');
const trackingNumber = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
const key = new URLSearchParams(location.search).get('k') ?? '';
const when = (t) => new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function add(parent, tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  parent.appendChild(el);
  return el;
}

const response = await fetch(`/report/api/status/${encodeURIComponent(trackingNumber)}?k=${encodeURIComponent(key)}`,
  { headers: { Accept: 'application/json' } });
root.replaceChildren();
if (!response.ok) {
  add(root, 'p', '链接无效：没有找到该编号的反映，请检查短信或页面中的链接。', 'error');
} else {
  const s = await response.json();
  const dl = add(root, 'dl');
  const item = (label, value) => { if (value) { add(dl, 'dt', label); add(dl, 'dd', value); } };
  item('受理编号', s.trackingNumber);
  item('问题类别', s.categoryName);
  item('当前状态', s.status);
  item('受理时间', when(s.receivedAt));
  item('承办网格', s.gridName);
  item('预计办结', s.expectedBy ? when(s.expectedBy) : null);
  if (s.surveyUrl) {
    const p = add(root, 'p');
    add(p, 'strong', '已办理完毕，请您评价：');
    const a = add(p, 'a', '评价办理结果');
    a.href = s.surveyUrl;
  }
  add(root, 'h2', '办理经过');
  const ol = add(root, 'ol', undefined, 'steps');
  for (const step of s.steps) {
    const li = add(ol, 'li');
    add(li, 'time', when(step.at));
    add(li, 'span', step.what);
  }
}

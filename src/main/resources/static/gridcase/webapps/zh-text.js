// Chinese for the English texts that form-js (Camunda Forms in Tasklist) and dmn-js (Cockpit's decision view)
// render on their own, whatever the webapp's locale. Used by the webapps' GridCase scripts
// (webjars/camunda/app/{tasklist,cockpit}/scripts/gridcase-*.js). Exact texts first, then patterns.

// form-js (Tasklist's Camunda Forms)
export const FORM_TEXTS = {
  exact: new Map([
  // validation
  ['Field is required.', '此项必须填写。'],
  ['Must not be empty.', '不能为空。'],
  ['Should be an integer.', '请填写整数。'],
  ['Field must be a valid  international phone number. (e.g. +4930664040900)', '请填写有效的电话号码。'],
  ['Field must be a valid email.', '请填写有效的电子邮箱。'],
  // form-js select, taglist, datetime
  ['Search', '搜索'],
  ['Select', '请选择'],
  ['No results', '没有匹配的选项'],
  ['Clear', '清除'],
  ['Use today', '今天'],
  ['Select date', '选择日期'],
  ['Select time', '选择时间'],
  ]),
  patterns: [
  [/^Field must have minimum length of (\d+)\.$/, '至少填写 $1 个字。'],
  [/^Field must have maximum length of (\d+)\.$/, '最多填写 $1 个字。'],
  [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
  [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
  [/^Field must match pattern (.+)\.$/, '格式不正确。'],
  [/^Date must be (on or )?after (.+?)\.?$/, '日期不能早于 $2。'],
  [/^Date must be (on or )?before (.+?)\.?$/, '日期不能晚于 $2。'],
  ],
};

// dmn-js decision table (Cockpit's decision view)
export const DECISION_TEXTS = {
  exact: new Map([
  ['Hit policy:', '命中策略：'],
  ['Hit Policy:', '命中策略：'],
  ['Unique', '唯一（Unique）'],
  ['First', '首条匹配（First）'],
  ['Priority', '优先级（Priority）'],
  ['Any', '任一（Any）'],
  ['Collect', '汇集（Collect）'],
  ['Rule order', '规则顺序（Rule order）'],
  ['Output order', '输出顺序（Output order）'],
  ['Annotation', '说明'],
  ['Annotations', '说明'],
  ['When', '条件'],
  ['And', '且'],
  ['Then', '结果'],
  ['View DRD', '查看决策需求图'],
  ]),
  patterns: [],
};

export function zh(text, { exact, patterns }) {
  if (!text) return null;
  const trimmed = text.trim();
  if (!trimmed || !/[A-Za-z]/.test(trimmed)) return null;
  if (exact.has(trimmed)) return text.replace(trimmed, exact.get(trimmed));
  for (const [pattern, replacement] of patterns) {
    if (pattern.test(trimmed)) return text.replace(trimmed, trimmed.replace(pattern, replacement));
  }
  return null;
}

// translates the text nodes and the placeholder/title/aria-label attributes under the elements that match scope
function translateUnder(element, texts) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const translated = zh(node.nodeValue, texts);
    if (translated !== null) node.nodeValue = translated;
  }
  for (const el of element.querySelectorAll('[placeholder], [title], [aria-label]')) {
    for (const attribute of ['placeholder', 'title', 'aria-label']) {
      const translated = zh(el.getAttribute(attribute), texts);
      if (translated !== null) el.setAttribute(attribute, translated);
    }
  }
}

// keeps the parts of the page that match scope (a CSS selector) in Chinese, also as they re-render
export function keepChinese(scope, texts) {
  let scheduled = false;
  const run = () => {
    scheduled = false;
    for (const element of document.querySelectorAll(scope)) translateUnder(element, texts);
  };
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(run);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ['placeholder', 'title', 'aria-label'] });
  run();
}

// closes the error toasts of the page (Tasklist and Cockpit keep them until closed by hand), through the webapps'
// own Notifications service so that AngularJS forgets them too; clicking their close button is the fallback
export function closeErrorToasts() {
  const alerts = document.querySelectorAll('.page-notifications .alert-danger, .notifications .alert-danger');
  if (!alerts.length) return;
  try {
    const injector = window.angular.element(document.body).injector();
    const notifications = injector.get('Notifications');
    const errors = (notifications.notifications ?? []).filter((n) => n.type === 'danger' || n.type === 'error');
    if (errors.length) {
      injector.get('$rootScope').$evalAsync(() => errors.forEach((n) => notifications.clear(n)));
      return;
    }
  } catch {
    // not an AngularJS page, or its injector is not ready: close by hand
  }
  for (const alert of alerts) {
    const close = alert.querySelector('[ng-click^="removeNotification"]') ?? alert.querySelector('button.close');
    if (close) close.click();
    else alert.remove();
  }
}

// fetch on the webapp session: same origin, and Camunda's CSRF token on anything that changes state
export async function call(path, options = {}) {
  const method = options.method ?? 'GET';
  // X-Requested-With: a 401 then comes without the browser's own login dialog
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...(options.headers ?? {}) };
  if (method !== 'GET') {
    const token = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
    if (token) headers['X-XSRF-TOKEN'] = decodeURIComponent(token.slice('XSRF-TOKEN='.length));
  }
  const response = await fetch(path, { ...options, method, headers, credentials: 'same-origin' });
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, ok: response.ok, body };
}

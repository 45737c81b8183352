// GridCase additions to Camunda Cockpit, loaded as an ES module through customScripts in config.js:
// - the decision table view (dmn-js) in Chinese;
// - a red toast from one page does not follow the user to the next;
// - the 人工任务 page (it counts every open task by group) only for logins that may read every task
//   (GET /api/me: process owners and administrators); leaders and dispatchers see their areas' tasks in Tasklist.
import { DECISION_TEXTS, keepChinese, closeErrorToasts, call } from '../../../../gridcase/webapps/zh-text.js';

function start() {
  keepChinese('.dmn-decision-table-container, .tjs-container, .decision-table', DECISION_TEXTS);
  window.addEventListener('hashchange', () => closeErrorToasts());
  new MutationObserver((_, observer) => {
    // learn who this is once the header shows a logged-in user
    if (document.querySelector('a[href="#/tasks"]')) {
      observer.disconnect();
      call('/api/me').then((me) => {
        if (me.ok) document.body.classList.toggle('gridcase-may-read-all-tasks', !!me.body.cockpit?.taskReport);
      }).catch(() => {});
    }
  }).observe(document.body, { childList: true, subtree: true });
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);

export default [];

// Markup of the Jobs page and the job detail page. Controls for roles that cannot use them are
// not rendered at all (the API refuses them anyway: 403).
import type { Role } from '../service-types.ts';
import { esc } from './layout.ts';

const COLUMNS: readonly [key: string, label: string][] = [
  ['jobId', 'ID'],
  ['job', 'Job'],
  ['status', 'Status'],
  ['origin', 'Origin'],
  ['createdTs', 'Created'],
  ['startTs', 'Start'],
  ['endTs', 'End'],
  ['durationSeconds', 'Duration'],
  ['parameters', 'Parameters'],
  ['reason', 'Reason'],
];

const canOperate = (role: Role): boolean => role === 'operator' || role === 'admin';

function runDialog(): string {
  return `<dialog id="run-dialog" data-testid="run-dialog" aria-labelledby="run-title">
<form id="run-form" novalidate>
<h2 id="run-title">Run Job</h2>
<label for="run-job">Job</label>
<select id="run-job" data-testid="run-job-select" required></select>
<p id="run-job-note" class="hint" data-testid="run-job-note"></p>
<div id="run-params-group" hidden>
<label for="run-params">Parameters</label>
<input id="run-params" data-testid="run-params-input" autocomplete="off" spellcheck="false"
 placeholder="-insertPendingAgg ALLSETS:2024-05-01:2024-05-31" aria-describedby="run-params-help">
<p id="run-params-help" class="hint">Re-aggregation: <code>-insertPendingAgg AGR_SET:START:END</code>, where
AGR_SET is <code>ALLSETS</code> or <code>[H_…[,H_…]]-LEVEL[.Online|.Offline]</code>, LEVEL one of SUBHOUR, HOUR,
DAY, MONTH, QUARTER, YEAR, and START, END dates <code>YYYY-MM-DD</code> (END included). Leave empty to
start aggregation.</p>
</div>
<div id="run-confirm-group" hidden>
<p class="warn">Manual maintenance runs beside every other job. Consider setting run-scheduler=false and
run-update-stats=false first.</p>
<label><input type="checkbox" id="run-confirm" data-testid="run-confirm-maintain"> Run it anyway</label>
</div>
<label for="run-reason">Reason <span id="run-reason-need" class="hint"></span></label>
<input id="run-reason" data-testid="run-reason-input" autocomplete="off">
<p id="run-error" class="error" role="alert" data-testid="run-error"></p>
<div class="buttons">
<button type="submit" data-testid="run-submit">Run</button>
<button type="button" id="run-close" data-testid="run-close">Close</button>
</div>
</form>
</dialog>`;
}

function reasonDialog(): string {
  return `<dialog id="reason-dialog" data-testid="reason-dialog" aria-labelledby="reason-title">
<form id="reason-form" novalidate>
<h2 id="reason-title">Stop job</h2>
<p id="reason-text"></p>
<label for="reason-input">Reason (required)</label>
<input id="reason-input" data-testid="reason-input" autocomplete="off" required>
<p id="reason-error" class="error" role="alert" data-testid="reason-error"></p>
<div class="buttons">
<button type="submit" id="reason-submit" data-testid="reason-submit">Stop</button>
<button type="button" id="reason-close" data-testid="reason-close">Close</button>
</div>
</form>
</dialog>`;
}

export function jobsMain(role: Role): string {
  const heads = COLUMNS.map(
    ([key, label]) =>
      `<th scope="col" data-col="${key}"><button type="button" class="sort" data-sort="${key}" data-testid="sort-${key}">${esc(label)}</button></th>`,
  ).join('');
  return `<h1>Jobs</h1>
<div class="toolbar">
<button type="button" id="refresh" data-testid="refresh-button">Refresh</button>
<label><input type="checkbox" id="auto-refresh" data-testid="auto-refresh-toggle"> Auto-refresh every 10 s</label>
${canOperate(role) ? '<button type="button" id="run-open" data-testid="run-job-button">Run Job…</button>' : ''}
<span id="updated" class="hint" data-testid="last-updated"></span>
</div>
<div id="message" role="status" aria-live="polite" data-testid="message"></div>
<table data-testid="jobs-table" class="grid">
<caption class="sr-only">Scheduled and running jobs, and jobs ended in the last 24 hours</caption>
<thead><tr>${heads}<th scope="col">Progress</th><th scope="col">Actions</th></tr></thead>
<tbody id="jobs-body"></tbody>
</table>
<p id="jobs-empty" data-testid="jobs-empty" hidden>No job is scheduled or running, and none ended in the last 24 hours.</p>
${canOperate(role) ? runDialog() + reasonDialog() : ''}`;
}

export function jobDetailMain(): string {
  return `<p><a href="/ui/jobs">← Jobs</a></p>
<h1 id="job-title" data-testid="job-title">Job</h1>
<div id="message" role="status" aria-live="polite" data-testid="message"></div>
<dl id="job-fields" class="fields" data-testid="job-fields"></dl>
<h2>Rows written</h2>
<table class="grid" data-testid="job-rows"><thead><tr><th scope="col">Table</th><th scope="col">Rows</th></tr></thead>
<tbody id="job-rows-body"></tbody></table>`;
}

// Markup of the History, ETL status, Schedule, Options and Audit pages.
import { JOB_NAMES } from '../core/jobs.ts';
import type { Role } from '../service-types.ts';

const STATUSES = ['Scheduled', 'Running', 'Completed', 'Failed', 'Stopped', 'Canceled'];
const ORIGINS = ['scheduler', 'manual', 'startup'];

const options = (values: readonly string[]): string =>
  `<option value="">All</option>${values.map((v) => `<option>${v}</option>`).join('')}`;

export function historyMain(): string {
  return `<h1>History</h1>
<form id="history-filters" class="filters" data-testid="history-filters">
<label>Job <select name="job" data-testid="history-job">${options(JOB_NAMES)}</select></label>
<label>Status <select name="status" data-testid="history-status">${options(STATUSES)}</select></label>
<label>Origin <select name="origin" data-testid="history-origin">${options(ORIGINS)}</select></label>
<label>From <input type="datetime-local" name="from" data-testid="history-from"></label>
<label>To <input type="datetime-local" name="to" data-testid="history-to"></label>
<label>Rows per page <select name="pageSize" data-testid="history-page-size">
<option>25</option><option selected>50</option><option>100</option><option>200</option></select></label>
<button type="submit" data-testid="history-apply">Apply</button>
</form>
<div id="message" role="status" aria-live="polite" data-testid="message"></div>
<table class="grid" data-testid="history-table">
<thead><tr><th scope="col">ID</th><th scope="col">Job</th><th scope="col">Status</th><th scope="col">Origin</th>
<th scope="col">Created</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Duration</th>
<th scope="col">Parameters</th><th scope="col">Reason</th><th scope="col">Requested by</th><th scope="col">Stopped by</th></tr></thead>
<tbody id="history-body"></tbody>
</table>
<nav class="pager" aria-label="History pages">
<button type="button" id="history-prev" data-testid="history-prev">← Previous</button>
<span id="history-page-info" data-testid="history-page-info"></span>
<button type="button" id="history-next" data-testid="history-next">Next →</button>
</nav>`;
}

const heads = (labels: readonly string[]): string =>
  `<thead><tr>${labels.map((l) => `<th scope="col">${l}</th>`).join('')}</tr></thead>`;

/** A titled panel holding one table that the page script fills (`<tbody id="<id>-body">`). */
function tablePanel(id: string, title: string, labels: readonly string[], note = ''): string {
  return `<section class="panel" aria-labelledby="${id}-h" data-testid="etl-${id}-panel">
<h2 id="${id}-h">${title}</h2>${note}
<table class="grid" data-testid="etl-${id}">${heads(labels)}<tbody id="${id}-body"></tbody></table>
<p class="hint" id="${id}-empty" data-testid="etl-${id}-empty" hidden>None.</p>
</section>`;
}

export function etlMain(): string {
  return `<h1>ETL status</h1>
<div class="toolbar"><button type="button" id="refresh" data-testid="refresh-button">Refresh</button>
<span id="updated" class="hint" data-testid="last-updated"></span></div>
<div id="message" role="status" aria-live="polite" data-testid="message"></div>
<section aria-labelledby="server-h" class="panel" data-testid="etl-server">
<h2 id="server-h">Server</h2>
<p>State: <strong id="server-state" data-testid="etl-server-state"></strong>
 · schema <span id="schema-version" data-testid="etl-schema-version"></span>
 · options file <code id="options-file" data-testid="etl-options-file"></code></p>
<ul id="server-reasons" data-testid="etl-server-reasons"></ul>
<ul id="server-issues" class="error" data-testid="etl-options-errors"></ul>
</section>
<section aria-labelledby="chart-h" class="panel" data-testid="etl-chart-panel">
<h2 id="chart-h">Extraction over the last 24 hours</h2>
<figure class="chart">
<div id="chart" data-testid="etl-chart"></div>
<figcaption class="hint">Each Job_ExtractICON run that ended in the last 24 hours: the lag of the
extracted data when it ended (end of the run minus the newest event time extracted so far), and the
rows it wrote.</figcaption>
</figure>
</section>
${tablePanel(
  'extraction',
  'Extraction by data source and table',
  [
    'DAP',
    'Role',
    'HA set',
    'IDB table',
    'High-water mark',
    'Last chunk',
    'Last chunk rows',
    'Newest event',
    'Lag',
    'Alarm',
  ],
  '<p class="hint" id="extraction-note" data-testid="etl-extraction-note"></p>',
)}
${tablePanel('coverage', 'HA coverage (provider sessions of the last 24 hours)', ['HA set', 'DAP', 'Role', 'Provider', 'DSS id', 'From', 'To'])}
${tablePanel('last-cycle', 'Last cycle', ['ID', 'Job', 'Status', 'Start', 'End', 'Duration', 'Rows', 'Reason'], '<p class="hint" id="last-cycle-note" data-testid="etl-last-cycle-note"></p>')}
${tablePanel('transform-marks', 'Transform marks', ['Mark', 'Value', 'Second value', 'Job', 'Set'])}
${tablePanel('backlog', 'Aggregation backlog (PENDING_AGG)', ['Level', 'Pending', 'Running', 'Oldest range start'])}
${tablePanel('ledger', 'Re-aggregation requests', ['Request', 'Aggregate set', 'From', 'To', 'Level', 'Flavor', 'Requested by', 'Created', 'State', 'Progress'])}
${tablePanel('notified', 'Notified ranges (ETL and cascades)', ['ID', 'Cause', 'Hierarchy', 'Level', 'Flavor', 'From', 'To', 'State', 'Created', 'Processed'])}
${tablePanel(
  'headroom',
  'Partition and calendar headroom',
  ['Partitions cover up to', 'Days ahead', 'Tables'],
  '<p>Calendar (DATE_TIME): <strong id="calendar-days" data-testid="etl-calendar-days"></strong></p>',
)}
<section class="panel" aria-labelledby="complete-h" id="complete-panel" data-testid="etl-complete-through" hidden>
<h2 id="complete-h">Complete through</h2><div id="complete-body"></div>
</section>`;
}

export function scheduleMain(): string {
  return `<h1>Schedule</h1>
<form id="schedule-form" class="filters">
<label>Next <select name="hours" data-testid="schedule-hours">
<option>6</option><option>12</option><option selected>24</option><option>48</option><option>72</option><option>168</option>
</select> hours</label>
<button type="submit" data-testid="schedule-apply">Show</button>
</form>
<div id="message" role="status" aria-live="polite" data-testid="message"></div>
<h2>Waiting now</h2>
<table class="grid" data-testid="schedule-waiting">
<thead><tr><th scope="col">ID</th><th scope="col">Job</th><th scope="col">Created</th><th scope="col">Why waiting</th></tr></thead>
<tbody id="waiting-body"></tbody>
</table>
<h2>Coming up</h2>
<table class="grid" data-testid="schedule-table">
<thead><tr><th scope="col">Local time</th><th scope="col">UTC</th><th scope="col">Job</th><th scope="col">Event</th>
<th scope="col">Note</th></tr></thead>
<tbody id="schedule-body"></tbody>
</table>`;
}

export function optionsMain(role: Role): string {
  const edit =
    role === 'admin'
      ? `<form id="option-edit" class="panel edit" data-testid="option-edit-form" novalidate>
<h2>Edit an option</h2>
<p class="hint">Choose Edit on a row, or type the section and option. An empty value restores the default.</p>
<label>Section <input name="section" data-testid="option-edit-section" required autocomplete="off"></label>
<label>Option <input name="option" data-testid="option-edit-option" required autocomplete="off"></label>
<label>Value <input name="value" data-testid="option-edit-value" autocomplete="off"></label>
<p id="option-edit-valid" class="hint" data-testid="option-edit-valid"></p>
<label>Reason (required) <input name="reason" data-testid="option-edit-reason" required autocomplete="off"></label>
<ul id="option-edit-error" class="error" role="alert" data-testid="option-edit-error"></ul>
<button type="submit" data-testid="option-edit-submit">Save</button>
</form>`
      : '';
  return `<h1>Options</h1>
<p>File: <code id="options-path" data-testid="options-path"></code></p>
<div id="message" role="status" aria-live="polite" data-testid="message"></div>
<ul id="options-warnings" class="warn" data-testid="options-warnings"></ul>
${edit}
<label>Filter <input id="options-filter" type="search" data-testid="options-filter" autocomplete="off"></label>
<table class="grid" data-testid="options-table">
<thead><tr><th scope="col">Section</th><th scope="col">Option</th><th scope="col">Effective</th><th scope="col">File value</th>
<th scope="col">Default</th><th scope="col">Effect</th><th scope="col">Pending</th><th scope="col">Valid values</th>
${role === 'admin' ? '<th scope="col">Edit</th>' : ''}</tr></thead>
<tbody id="options-body"></tbody>
</table>`;
}

export function auditMain(): string {
  return `<h1>Audit</h1>
<div id="message" role="status" aria-live="polite" data-testid="message"></div>
<table class="grid" data-testid="audit-table">
<thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th>
<th scope="col">Reason</th></tr></thead>
<tbody id="audit-body"></tbody>
</table>`;
}

// The Jobs page: job list (sortable, Refresh, auto-refresh off by default), Run Job dialog,
// Cancel on Scheduled rows, Stop and (admins) Kill with a reason on Running rows.
import { $, api, canOperate, cell, el, fmtDuration, fmtTs, role, say, stamp } from './common.js';

const state = { jobs: [], sort: 'startTs', order: 'desc', catalog: null, timer: null, action: null };

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

// The same order as the API's default: missing values sort as the greatest, so rows not
// started yet come first when newest-first.
function sorted() {
  const key = (j) => (state.sort === 'jobId' ? Number(j.jobId) : j[state.sort]);
  const sign = state.order === 'asc' ? 1 : -1;
  return [...state.jobs].sort((a, b) => sign * compare(key(a), key(b)) || Number(b.jobId) - Number(a.jobId));
}

function progressText(p) {
  if (!p) return '';
  const parts = [];
  if (p.rows !== undefined) parts.push(`${p.rows} rows`);
  if (p.chunksDone !== undefined)
    parts.push(`chunk ${p.chunksDone}${p.chunksTotal ? `/${p.chunksTotal}` : ''}`);
  parts.push(`${fmtDuration(p.elapsedSeconds)} elapsed`);
  if (p.detail) parts.push(p.detail);
  return parts.join(' · ');
}

function actions(j) {
  const td = el('td', { class: 'actions' });
  if (!canOperate()) return td;
  if (j.status === 'Scheduled') {
    td.append(
      el(
        'button',
        { type: 'button', dataset: { testid: `cancel-${j.jobId}` }, on: { click: () => cancel(j) } },
        'Cancel',
      ),
    );
  }
  if (j.status === 'Running') {
    td.append(
      el(
        'button',
        { type: 'button', dataset: { testid: `stop-${j.jobId}` }, on: { click: () => askReason(j, 'stop') } },
        'Stop',
      ),
    );
    if (role() === 'admin') {
      td.append(
        el(
          'button',
          {
            type: 'button',
            class: 'danger',
            dataset: { testid: `kill-${j.jobId}` },
            on: { click: () => askReason(j, 'kill') },
          },
          'Kill',
        ),
      );
    }
  }
  return td;
}

function render() {
  const body = $('#jobs-body');
  body.replaceChildren(
    ...sorted().map((j) =>
      el(
        'tr',
        { dataset: { testid: `job-row-${j.jobId}`, status: j.status } },
        el('td', {}, el('a', { href: `/ui/jobs/${encodeURIComponent(j.jobId)}` }, j.jobId)),
        cell(j.job, { 'data-testid': `job-name-${j.jobId}` }),
        cell(j.status, { 'data-testid': `job-status-${j.jobId}`, class: `status ${j.status}` }),
        cell(j.origin),
        cell(fmtTs(j.createdTs), { class: 'ts' }),
        cell(fmtTs(j.startTs), { class: 'ts' }),
        cell(fmtTs(j.endTs), { class: 'ts' }),
        cell(fmtDuration(j.durationSeconds)),
        cell(j.parameters),
        cell([j.reason, j.errorMessage].filter(Boolean).join(' — '), {
          'data-testid': `job-reason-${j.jobId}`,
        }),
        cell(progressText(j.progress), { 'data-testid': `job-progress-${j.jobId}` }),
        actions(j),
      ),
    ),
  );
  $('#jobs-empty').hidden = state.jobs.length > 0;
  for (const b of document.querySelectorAll('button.sort')) {
    const th = b.parentElement;
    if (b.dataset.sort === state.sort)
      th.setAttribute('aria-sort', state.order === 'asc' ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
}

async function load() {
  try {
    const data = await api('GET', '/jobs');
    state.jobs = data.jobs;
    render();
    stamp();
  } catch (err) {
    say(err.message, 'error');
  }
}

async function cancel(j) {
  try {
    await api('POST', `/jobs/${encodeURIComponent(j.jobId)}/cancel`, {});
    say(`${j.job} ${j.jobId} canceled.`);
  } catch (err) {
    say(err.message, 'error');
  }
  await load();
}

function askReason(j, action) {
  state.action = { job: j, action };
  $('#reason-title').textContent = action === 'kill' ? 'Kill job' : 'Stop job';
  $('#reason-text').textContent =
    action === 'kill'
      ? `Kill ${j.job} ${j.jobId}: its current unit of work is rolled back.`
      : `Stop ${j.job} ${j.jobId}: it ends after its current unit of work.`;
  $('#reason-submit').textContent = action === 'kill' ? 'Kill' : 'Stop';
  $('#reason-input').value = '';
  $('#reason-error').textContent = '';
  $('#reason-dialog').showModal();
}

async function submitReason(ev) {
  ev.preventDefault();
  const { job, action } = state.action;
  try {
    const r = await api('POST', `/jobs/${encodeURIComponent(job.jobId)}/${action}`, {
      reason: $('#reason-input').value,
    });
    $('#reason-dialog').close();
    say(
      `${job.job} ${job.jobId}: ${action === 'kill' ? 'kill' : 'stop'} requested (${r.run.status}).`,
      r.warnings.length ? 'warn' : 'ok',
      r.warnings,
    );
    await load();
  } catch (err) {
    $('#reason-error').textContent = err.message;
  }
}

function onJobChange() {
  const name = $('#run-job').value;
  const entry = state.catalog.find((c) => c.name === name);
  const maintain = name === 'Job_MaintainGIM';
  $('#run-params-group').hidden = !entry?.acceptsParams;
  if (!entry?.acceptsParams) $('#run-params').value = '';
  $('#run-confirm-group').hidden = !maintain;
  $('#run-confirm').checked = false;
  $('#run-reason-need').textContent = maintain ? '(required)' : '(optional)';
  $('#run-job-note').textContent = entry?.unavailable ? `Not available: ${entry.unavailable}` : '';
  $('#run-error').textContent = '';
}

async function openRun() {
  try {
    // Jobs this version cannot run yet stay selectable: the server's refusal says why (M2 jobs
    // are left out, they never run from the Manager).
    if (!state.catalog) {
      state.catalog = (await api('GET', '/catalog')).jobs.filter((j) => j.runnable || j.unavailable);
    }
  } catch (err) {
    say(err.message, 'error');
    return;
  }
  $('#run-job').replaceChildren(
    ...state.catalog.map((j) =>
      el('option', { value: j.name }, j.name + (j.unavailable ? ' (not available in this version)' : '')),
    ),
  );
  const first = state.catalog.find((j) => !j.unavailable);
  if (first) $('#run-job').value = first.name;
  $('#run-params').value = '';
  $('#run-reason').value = '';
  onJobChange();
  $('#run-dialog').showModal();
}

async function submitRun(ev) {
  ev.preventDefault();
  const job = $('#run-job').value;
  if (job === 'Job_MaintainGIM' && !$('#run-confirm').checked) {
    $('#run-error').textContent = 'Confirm that maintenance may run beside the other jobs.';
    return;
  }
  const body = { job };
  const params = $('#run-params').value;
  if (params.trim() !== '') body.params = params;
  const reason = $('#run-reason').value.trim();
  if (reason !== '') body.reason = reason;
  try {
    const r = await api('POST', '/jobs', body);
    $('#run-dialog').close();
    const text =
      r.result === 'queued'
        ? `Re-aggregation request ${r.requestId} queued: ${r.message}`
        : `${r.run.job} ${r.run.jobId} ${r.result} (${r.run.status}).`;
    say(text, r.warnings.length ? 'warn' : 'ok', r.warnings);
    await load();
  } catch (err) {
    $('#run-error').textContent = err.message;
  }
}

function setSort(col) {
  if (state.sort === col) state.order = state.order === 'asc' ? 'desc' : 'asc';
  else {
    state.sort = col;
    state.order = col === 'startTs' || col === 'createdTs' || col === 'endTs' ? 'desc' : 'asc';
  }
  render();
}

$('#refresh').addEventListener('click', load);
$('#auto-refresh').addEventListener('change', (ev) => {
  if (state.timer) clearInterval(state.timer);
  state.timer = ev.target.checked ? setInterval(load, 10_000) : null;
});
for (const b of document.querySelectorAll('button.sort'))
  b.addEventListener('click', () => setSort(b.dataset.sort));
if ($('#run-dialog')) {
  $('#run-open').addEventListener('click', openRun);
  $('#run-job').addEventListener('change', onJobChange);
  $('#run-form').addEventListener('submit', submitRun);
  $('#run-close').addEventListener('click', () => $('#run-dialog').close());
  $('#reason-form').addEventListener('submit', submitReason);
  $('#reason-close').addEventListener('click', () => $('#reason-dialog').close());
}
load();

// The History page: CTL_ETL_HISTORY rows by job, status, origin and time, paged.
/* global FormData, URLSearchParams */
import { $, api, cell, el, fmtDuration, fmtTs, say } from './common.js';

const state = { page: 1, total: 0, pageSize: 50 };

function query() {
  const form = new FormData($('#history-filters'));
  const q = new URLSearchParams();
  for (const name of ['job', 'status', 'origin']) {
    const v = form.get(name);
    if (v) q.set(name, v);
  }
  // datetime-local is the browser's wall clock; the API takes epoch seconds.
  for (const name of ['from', 'to']) {
    const v = form.get(name);
    if (v) q.set(name, String(Math.floor(new Date(v).getTime() / 1000)));
  }
  state.pageSize = Number(form.get('pageSize')) || 50;
  q.set('pageSize', String(state.pageSize));
  q.set('page', String(state.page));
  return q;
}

async function load() {
  try {
    const r = await api('GET', `/history?${query()}`);
    state.total = r.total;
    $('#history-body').replaceChildren(
      ...r.rows.map((j) =>
        el(
          'tr',
          { dataset: { testid: `history-row-${j.jobId}`, status: j.status } },
          el('td', {}, el('a', { href: `/ui/jobs/${encodeURIComponent(j.jobId)}` }, j.jobId)),
          cell(j.job),
          cell(j.status, { class: `status ${j.status}` }),
          cell(j.origin),
          cell(fmtTs(j.createdTs), { class: 'ts' }),
          cell(fmtTs(j.startTs), { class: 'ts' }),
          cell(fmtTs(j.endTs), { class: 'ts' }),
          cell(fmtDuration(j.durationSeconds)),
          cell(j.parameters),
          cell([j.reason, j.errorMessage].filter(Boolean).join(' — ')),
          cell(j.requestedBy),
          cell(j.stoppedBy),
        ),
      ),
    );
    const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
    $('#history-page-info').textContent = `Page ${r.page} of ${pages} · ${r.total} rows`;
    $('#history-prev').disabled = r.page <= 1;
    $('#history-next').disabled = r.page >= pages;
    say('');
  } catch (err) {
    say(err.message, 'error');
  }
}

$('#history-filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.page = 1;
  load();
});
$('#history-prev').addEventListener('click', () => {
  state.page = Math.max(1, state.page - 1);
  load();
});
$('#history-next').addEventListener('click', () => {
  state.page += 1;
  load();
});
load();

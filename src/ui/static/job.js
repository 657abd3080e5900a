// One job instance: every field the API gives, and the rows it wrote per table.
import { $, api, el, fmtDuration, fmtTs, say } from './common.js';

const id = document.body.dataset.jobId;

const FIELDS = [
  ['Job', (j) => j.job],
  ['Status', (j) => j.status],
  ['Stored status', (j) => j.storedStatus],
  ['Origin', (j) => j.origin],
  ['Cycle', (j) => j.cycleId],
  ['Created', (j) => fmtTs(j.createdTs)],
  ['Start', (j) => fmtTs(j.startTs)],
  ['End', (j) => fmtTs(j.endTs)],
  ['Duration', (j) => fmtDuration(j.durationSeconds)],
  ['Parameters', (j) => j.parameters],
  ['Reason', (j) => j.reason],
  ['Error', (j) => j.errorMessage],
  ['Requested by', (j) => j.requestedBy],
  ['Stopped by', (j) => j.stoppedBy],
  ['Warnings', (j) => j.warnings],
  ['Progress', (j) => (j.progress ? JSON.stringify(j.progress) : '')],
];

async function load() {
  try {
    const j = await api('GET', `/jobs/${encodeURIComponent(id)}`);
    $('#job-title').textContent = `${j.job} ${j.jobId}`;
    $('#job-fields').replaceChildren(
      ...FIELDS.flatMap(([label, get]) => [
        el('dt', {}, label),
        el(
          'dd',
          { dataset: { testid: `job-field-${label.toLowerCase().replace(/ /g, '-')}` } },
          get(j) ?? '',
        ),
      ]),
    );
    $('#job-rows-body').replaceChildren(
      ...Object.entries(j.rowCounts ?? {}).map(([t, n]) =>
        el('tr', {}, el('td', {}, t), el('td', { class: 'num' }, n)),
      ),
    );
  } catch (err) {
    say(err.message, 'error');
  }
}

load();

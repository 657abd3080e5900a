// The Schedule page: instances waiting now with their reason, and the coming schedule events.
/* global FormData */
import { $, api, cell, el, fmtTs, say } from './common.js';

async function load() {
  const hours = new FormData($('#schedule-form')).get('hours') || '24';
  try {
    const [waiting, preview] = await Promise.all([
      api('GET', '/jobs?status=Scheduled&sort=createdTs&order=asc'),
      api('GET', `/schedule?hours=${encodeURIComponent(hours)}`),
    ]);
    $('#waiting-body').replaceChildren(
      ...waiting.jobs.map((j) =>
        el(
          'tr',
          { dataset: { testid: `waiting-row-${j.jobId}` } },
          cell(j.jobId),
          cell(j.job),
          cell(fmtTs(j.createdTs)),
          cell(j.reason),
        ),
      ),
    );
    $('#schedule-body').replaceChildren(
      ...preview.events.map((e, i) =>
        el(
          'tr',
          { dataset: { testid: `schedule-row-${i}` } },
          cell(e.at),
          cell(e.utc),
          cell(e.job),
          cell(e.event),
          cell(e.reason),
        ),
      ),
    );
    if (preview.events.length === 0) say(`Nothing is scheduled in the next ${hours} hours.`);
    else say('');
  } catch (err) {
    say(err.message, 'error');
  }
}

$('#schedule-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  load();
});
load();

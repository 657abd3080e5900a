// The ETL status page: fills the server panel, the chart and one table per section of the typed
// ETL status document (GET /api/v1/etl-status, src/service/etl-status.ts).
import { renderChart } from './chart.js';
import { $, api, cell, el, fmtDuration, fmtTs, say, stamp } from './common.js';

const num = (n) => (n === null || n === undefined ? '' : Number(n).toLocaleString());
const numCell = (n) => cell(num(n), { class: 'num' });

/** Fills `<tbody id="<id>-body">` with one row per item; shows the "None." line when empty. */
function fill(id, items, row) {
  $(`#${id}-body`).replaceChildren(...items.map(row));
  $(`#${id}-empty`).hidden = items.length > 0;
}

function renderServer(server) {
  $('#server-state').textContent = server.state;
  $('#server-state').className = `state ${server.state}`;
  $('#schema-version').textContent = `${server.schemaVersion} (server expects ${server.codeSchemaVersion})`;
  $('#options-file').textContent = server.optionsFile ?? '(none: defaults)';
  $('#server-reasons').replaceChildren(...server.reasons.map((r) => el('li', {}, r)));
  $('#server-issues').replaceChildren(...server.optionsErrors.map((i) => el('li', {}, i.message)));
}

function renderExtraction(x) {
  const alarms = x.tables.filter((t) => t.alarm).length;
  $('#extraction-note').textContent =
    x.delayedDataThresholdSeconds === null
      ? ''
      : `Delayed-data alarm when a data source has not advanced for more than ${fmtDuration(x.delayedDataThresholdSeconds)}` +
        (alarms > 0 ? ` — ${alarms} table(s) alarmed.` : '.');
  fill('extraction', x.tables, (t) =>
    el(
      'tr',
      {
        class: t.alarm ? 'alarm' : undefined,
        dataset: { testid: `etl-table-${t.dapName}-${t.role}-${t.tableName ?? 'none'}` },
      },
      cell(t.dapName),
      cell(t.role),
      cell(t.haSet ?? ''),
      cell(t.tableName ?? '(no chunk yet)'),
      cell(t.hwm ?? '', { class: 'num' }),
      cell(fmtTs(t.lastChunkTs)),
      numCell(t.lastChunkRows),
      cell(fmtTs(t.newestEventTs)),
      cell(fmtDuration(t.lagSeconds), { class: 'num', dataset: { seconds: String(t.lagSeconds) } }),
      cell(t.alarm ? 'ALARM' : 'ok', { class: t.alarm ? 'error' : undefined }),
    ),
  );
  fill('coverage', x.coverage, (c) =>
    el(
      'tr',
      {},
      cell(c.haSet ?? ''),
      cell(c.dapName),
      cell(c.role),
      numCell(c.providerTag),
      numCell(c.dssId),
      cell(fmtTs(c.startTs)),
      cell(c.endTs === null ? 'open' : fmtTs(c.endTs)),
    ),
  );
}

function renderLastCycle(cycle) {
  $('#last-cycle-note').textContent = cycle ? `Cycle ${cycle.cycleId}` : 'No cycle has run yet.';
  fill('last-cycle', cycle?.jobs ?? [], (j) =>
    el(
      'tr',
      { dataset: { testid: `etl-cycle-job-${j.jobId}`, status: j.status } },
      cell(el('a', { href: `/ui/jobs/${encodeURIComponent(j.jobId)}` }, j.jobId)),
      cell(j.job),
      cell(j.status),
      cell(fmtTs(j.startTs)),
      cell(fmtTs(j.endTs)),
      cell(fmtDuration(j.durationSeconds)),
      numCell(j.rows),
      cell(j.reason ?? ''),
    ),
  );
}

function renderAggregation(a) {
  fill('backlog', a.backlog, (b) =>
    el(
      'tr',
      { dataset: { testid: `etl-backlog-${b.level}` } },
      cell(b.level),
      numCell(b.pending),
      numCell(b.running),
      cell(fmtTs(b.oldestStartTs)),
    ),
  );
  fill('ledger', a.ledger.requests, (r) =>
    el(
      'tr',
      { dataset: { testid: `etl-request-${r.requestId}` } },
      numCell(r.requestId),
      cell(r.agrSet),
      cell(r.startDate),
      cell(r.endDate),
      cell(r.level),
      cell(r.flavor),
      cell(r.requestedBy ?? ''),
      cell(fmtTs(r.createdTs)),
      cell(r.state),
      cell(`${r.progress.done} / ${r.progress.total}`, { class: 'num' }),
    ),
  );
  fill('notified', a.ledger.notified, (n) =>
    el(
      'tr',
      {},
      numCell(n.pendingId),
      cell(n.cause),
      cell(n.hierarchy),
      cell(n.level),
      cell(n.flavor),
      cell(fmtTs(n.start)),
      cell(fmtTs(n.end)),
      cell(n.state),
      cell(fmtTs(n.createdTs)),
      cell(fmtTs(n.processedTs)),
    ),
  );
}

/** Partitions grouped by how far they reach: usually a few groups over dozens of tables. */
function renderHeadroom(h) {
  $('#calendar-days').textContent =
    h.calendarDays === null ? 'no calendar yet' : `${h.calendarDays} days ahead`;
  const groups = new Map();
  for (const p of h.partitions) {
    const g = groups.get(p.upToTs) ?? { upToTs: p.upToTs, daysAhead: p.daysAhead, tables: [] };
    g.tables.push(p.table);
    groups.set(p.upToTs, g);
  }
  fill('headroom', [...groups.values()], (g) =>
    el(
      'tr',
      { class: g.daysAhead < 2 ? 'alarm' : undefined, dataset: { testid: `etl-partition-${g.upToTs}` } },
      cell(fmtTs(g.upToTs)),
      cell(String(g.daysAhead), { class: 'num' }),
      cell(
        el(
          'details',
          {},
          el('summary', {}, `${g.tables.length} table${g.tables.length === 1 ? '' : 's'}`),
          g.tables.join(', '),
        ),
      ),
    ),
  );
}

/** Complete through comes from another module; shown as labelled values until it has its own table. */
function renderCompleteThrough(value) {
  const panel = $('#complete-panel');
  panel.hidden = value === undefined || value === null;
  if (panel.hidden) return;
  $('#complete-body').replaceChildren(el('pre', { class: 'json' }, JSON.stringify(value, null, 2)));
}

async function load() {
  try {
    const etl = await api('GET', '/etl-status');
    renderServer(etl.server);
    $('#chart').replaceChildren(renderChart(etl.recentExtractions, etl.generatedTs));
    $('#chart').dataset.points = String(etl.recentExtractions.length);
    renderExtraction(etl.extraction);
    renderLastCycle(etl.lastCycle);
    fill('transform-marks', etl.transformMarks, (m) =>
      el(
        'tr',
        {},
        cell(m.name),
        cell(m.value ?? '', { class: 'num' }),
        cell(m.value2 ?? ''),
        cell(m.jobId),
        cell(fmtTs(m.createdTs)),
      ),
    );
    renderAggregation(etl.aggregation);
    renderHeadroom(etl.headroom);
    renderCompleteThrough(etl.completeThrough);
    stamp();
  } catch (err) {
    say(err.message, 'error');
  }
}

$('#refresh').addEventListener('click', load);
load();

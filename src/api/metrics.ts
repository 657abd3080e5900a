// GET /metrics in the Prometheus text format (jobs reference 6, item 6). Values are read from
// the service at each scrape (job list, history totals, the typed ETL status) into a fresh
// registry, so concurrent scrapes never mix.
import { Gauge, Registry } from 'prom-client';
import type { StoredStatus } from '../runner/history.ts';
import type { EtlStatus, JobView, Service } from '../service-types.ts';

const STORED: readonly StoredStatus[] = ['SCHEDULED', 'RUNNING', 'COMPLETE', 'FAILED', 'STOPPED', 'CANCELED'];
const STATES = ['Normal', 'Blocked', 'Migration'] as const;

function latestEnded(jobs: readonly JobView[]): Map<string, JobView> {
  const out = new Map<string, JobView>();
  for (const j of jobs) {
    if (j.endTs === null) continue;
    const seen = out.get(j.job);
    if (!seen || (seen.endTs ?? 0) < j.endTs) out.set(j.job, j);
  }
  return out;
}

export async function renderMetrics(service: Service): Promise<{ contentType: string; text: string }> {
  const [etl, jobs, ...totals] = await Promise.all([
    service.etlStatus(),
    service.listJobs(),
    ...STORED.map((status) => service.history({ status, page: 1, pageSize: 1 })),
  ]);
  const registry = new Registry();
  const registers = [registry];
  const g = (name: string, help: string, labelNames: string[] = []): Gauge =>
    new Gauge({ name, help, labelNames, registers });

  const state = etl.server;
  const serverState = g('gim_server_state', 'Server state: 1 for the current one', ['state']);
  for (const s of STATES) serverState.set({ state: s }, state.state === s ? 1 : 0);
  g('gim_options_errors', 'Errors in the options file (the server is Blocked while > 0 at start)').set(
    state.optionsErrors.length,
  );
  g('gim_server_state_reasons', 'Reasons the server gives for its state (blocking, migration)').set(
    state.reasons.length,
  );
  g('gim_schema_version', 'Info Mart schema version in the database').set(state.schemaVersion);
  g('gim_code_schema_version', 'Schema version this server expects').set(state.codeSchemaVersion);

  const runs = g('gim_job_runs', 'Job instances in CTL_ETL_HISTORY by stored status', ['status']);
  STORED.forEach((status, i) => runs.set({ status }, totals[i]?.total ?? 0));

  const listed = g('gim_jobs', 'Job list (Scheduled, Running, ended in the last 24 h) by job and status', [
    'job',
    'status',
  ]);
  const running = g('gim_running_jobs', 'Job instances running now');
  const elapsed = g('gim_job_running_seconds', 'Seconds since a running job started', ['job', 'job_id']);
  let runningCount = 0;
  const counts = new Map<string, { job: string; status: string; n: number }>();
  for (const j of jobs) {
    const key = `${j.job}\u0000${j.status}`;
    const entry = counts.get(key) ?? { job: j.job, status: j.status, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
    if (j.status === 'Running') {
      runningCount += 1;
      elapsed.set({ job: j.job, job_id: j.jobId }, j.durationSeconds ?? 0);
    }
  }
  for (const e of counts.values()) listed.set({ job: e.job, status: e.status }, e.n);
  running.set(runningCount);

  const duration = g('gim_job_last_duration_seconds', 'Duration of the latest ended run', ['job', 'status']);
  const rows = g('gim_job_last_rows', 'Rows written by the latest ended run', ['job']);
  const ended = g('gim_job_last_end_timestamp_seconds', 'End time of the latest ended run', ['job']);
  for (const [job, j] of latestEnded(jobs)) {
    if (j.durationSeconds !== null) duration.set({ job, status: j.status }, j.durationSeconds);
    if (j.rowCounts)
      rows.set(
        { job },
        Object.values(j.rowCounts).reduce((a, b) => a + b, 0),
      );
    if (j.endTs !== null) ended.set({ job }, j.endTs);
  }
  etlGauges(etl, g);
  return { contentType: registry.contentType, text: await registry.metrics() };
}

type MakeGauge = (name: string, help: string, labelNames?: string[]) => Gauge;

/** Extraction lag per DAP and table, aggregation backlog, headroom (jobs reference 6, item 6). */
function etlGauges(etl: EtlStatus, g: MakeGauge): void {
  const lag = g(
    'gim_extraction_lag_seconds',
    'Seconds a data source has not advanced (the delayed-data alarm measure), per DAP, role and IDB table',
    ['dap', 'role', 'table'],
  );
  const chunk = g('gim_extraction_last_chunk_timestamp_seconds', 'Time of the last extracted chunk', [
    'dap',
    'role',
    'table',
  ]);
  const alarm = g('gim_delayed_data_alarm', 'Delayed-data alarm raised (1) per DAP and role', [
    'dap',
    'role',
  ]);
  // A data source alarms when any of its tables does.
  const alarms = new Map<string, { dap: string; role: string; on: boolean }>();
  for (const t of etl.extraction.tables) {
    const labels = { dap: t.dapName, role: t.role, table: t.tableName ?? '' };
    lag.set(labels, t.lagSeconds);
    if (t.lastChunkTs !== null) chunk.set(labels, t.lastChunkTs);
    const key = `${t.dapName}\u0000${t.role}`;
    const seen = alarms.get(key);
    alarms.set(key, { dap: t.dapName, role: t.role, on: (seen?.on ?? false) || t.alarm });
  }
  for (const a of alarms.values()) alarm.set({ dap: a.dap, role: a.role }, a.on ? 1 : 0);
  const backlog = g('gim_aggregation_backlog', 'PENDING_AGG rows by level: pending or running', [
    'level',
    'state',
  ]);
  for (const b of etl.aggregation.backlog) {
    backlog.set({ level: b.level, state: 'pending' }, b.pending);
    backlog.set({ level: b.level, state: 'running' }, b.running);
  }
  const requests = g(
    'gim_reaggregation_requests',
    'Re-aggregation requests among the newest 50 of the ledger, by state',
    ['state'],
  );
  for (const st of ['PENDING', 'RUNNING', 'DONE'] as const)
    requests.set({ state: st }, etl.aggregation.ledger.requests.filter((r) => r.state === st).length);
  const parts = g('gim_partition_headroom_days', 'Days ahead covered by the newest partition', ['table']);
  for (const p of etl.headroom.partitions) parts.set({ table: p.table }, p.daysAhead);
  if (etl.headroom.calendarDays !== null)
    g('gim_calendar_headroom_days', 'Days of calendar (DATE_TIME) left after now').set(
      etl.headroom.calendarDays,
    );
}

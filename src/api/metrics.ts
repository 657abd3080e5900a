// GET /metrics in the Prometheus text format (jobs reference 6, item 6). Values are read from
// the service at each scrape into a fresh registry, so concurrent scrapes never mix.
import { Gauge, Registry } from 'prom-client';
import type { StoredStatus } from '../runner/history.ts';
import type { JobView, Service } from '../service-types.ts';

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
  const [state, jobs, ...totals] = await Promise.all([
    service.serverState(),
    service.listJobs(),
    ...STORED.map((status) => service.history({ status, page: 1, pageSize: 1 })),
  ]);
  const registry = new Registry();
  const registers = [registry];
  const g = (name: string, help: string, labelNames: string[] = []): Gauge =>
    new Gauge({ name, help, labelNames, registers });

  const serverState = g('gim_server_state', 'Server state: 1 for the current one', ['state']);
  for (const s of STATES) serverState.set({ state: s }, state.state === s ? 1 : 0);
  g('gim_options_errors', 'Errors in the options file (the server is Blocked while > 0 at start)').set(
    state.optionsErrors.length,
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
  return { contentType: registry.contentType, text: await registry.metrics() };
}

// CTL_ETL_HISTORY: one row per job instance, updated at each status change. Every UPDATE names
// the status it expects to replace, so two actors can never both move one run (DESIGN 9).
import type { Db, Tx } from '../db/types.ts';
import type { JobName } from '../jobs/types.ts';
import type { DbRunStatus } from '../core/run-state.ts';

/** CTL_ETL_HISTORY.STATUS spelling, from the run-state table of src/core. */
export type StoredStatus = DbRunStatus;
export type { Origin } from '../core/jobs.ts';
import type { Origin } from '../core/jobs.ts';
export const FINAL_STATUSES: readonly StoredStatus[] = ['COMPLETE', 'FAILED', 'STOPPED', 'CANCELED'];

export interface RunRow {
  readonly jobId: string;
  readonly jobName: JobName;
  readonly status: StoredStatus;
  readonly origin: Origin;
  readonly cycleId: string | null;
  readonly parameters: string | null;
  readonly createdTs: number;
  readonly startTs: number | null;
  readonly endTs: number | null;
  readonly reason: string | null;
  readonly errorMessage: string | null;
  readonly requestedBy: string | null;
  readonly stoppedBy: string | null;
  readonly rowCounts: Record<string, number> | null;
  readonly warnings: string | null;
}

const COLUMNS = `job_id, job_name, status, origin, cycle_id, parameters, created_ts, start_ts, end_ts, reason,
  error_message, requested_by, stopped_by, row_counts, warnings`;

interface DbRow {
  job_id: string;
  job_name: JobName;
  status: StoredStatus;
  origin: Origin;
  cycle_id: string | null;
  parameters: string | null;
  created_ts: number;
  start_ts: number | null;
  end_ts: number | null;
  reason: string | null;
  error_message: string | null;
  requested_by: string | null;
  stopped_by: string | null;
  row_counts: Record<string, number> | string | null;
  warnings: string | null;
}

function toRun(r: DbRow): RunRow {
  return {
    jobId: r.job_id,
    jobName: r.job_name,
    status: r.status,
    origin: r.origin,
    cycleId: r.cycle_id,
    parameters: r.parameters,
    createdTs: r.created_ts,
    startTs: r.start_ts,
    endTs: r.end_ts,
    reason: r.reason,
    errorMessage: r.error_message,
    requestedBy: r.requested_by,
    stoppedBy: r.stopped_by,
    rowCounts:
      typeof r.row_counts === 'string' ? (JSON.parse(r.row_counts) as Record<string, number>) : r.row_counts,
    warnings: r.warnings,
  };
}

export interface NewRun {
  readonly jobName: JobName;
  readonly status: 'SCHEDULED' | 'RUNNING' | 'CANCELED';
  readonly origin: Origin;
  readonly nowMs: number;
  readonly parameters?: string | null;
  /** The cycle's extract id; for the extract itself pass 'self'. */
  readonly cycleId?: string | null;
  readonly reason?: string | null;
  readonly requestedBy?: string | null;
  readonly jobVersion?: string;
}

const sec = (ms: number): number => Math.floor(ms / 1000);

export async function createRun(db: Db | Tx, run: NewRun): Promise<string> {
  const r = await db.query<{ job_id: string }>(
    `INSERT INTO ctl_etl_history (job_id, job_name, job_version, status, origin, cycle_id, parameters, created_ts,
       start_time, start_ts, end_time, end_ts, reason, requested_by)
     SELECT id::text, $1::text, $2::text, $3::text, $4::text,
       CASE WHEN $5::text = 'self' THEN id::text ELSE $5::text END, $6::text, $7::int,
       CASE WHEN $3::text = 'RUNNING' THEN to_timestamp($7::int) AT TIME ZONE 'UTC' END,
       CASE WHEN $3::text = 'RUNNING' THEN $7::int END,
       CASE WHEN $3::text = 'CANCELED' THEN to_timestamp($7::int) AT TIME ZONE 'UTC' END,
       CASE WHEN $3::text = 'CANCELED' THEN $7::int END,
       $8::text, $9::text
     FROM (SELECT nextval('ctl_job_id_seq') AS id) s
     RETURNING job_id`,
    [
      run.jobName,
      run.jobVersion ?? '1',
      run.status,
      run.origin,
      run.cycleId ?? null,
      run.parameters ?? null,
      sec(run.nowMs),
      run.reason ?? null,
      run.requestedBy ?? null,
    ],
    { name: 'history.create-run' },
  );
  const id = r.rows[0]?.job_id;
  if (!id) throw new Error('history.create-run returned no id');
  return id;
}

export interface TransitionFields {
  readonly nowMs: number;
  readonly reason?: string | null;
  readonly errorMessage?: string | null;
  readonly stoppedBy?: string | null;
  readonly rowCounts?: Readonly<Record<string, number>> | null;
  readonly warnings?: readonly string[] | null;
}

/** Moves a run from one of `from` to `to`; false when it was not in any of them (someone else won). */
export async function transitionRun(
  db: Db | Tx,
  jobId: string,
  from: readonly StoredStatus[],
  to: StoredStatus,
  f: TransitionFields,
): Promise<boolean> {
  const final = FINAL_STATUSES.includes(to);
  const r = await db.query(
    `UPDATE ctl_etl_history SET status = $3::text,
       start_ts = CASE WHEN $3::text = 'RUNNING' THEN $4::int ELSE start_ts END,
       start_time = CASE WHEN $3::text = 'RUNNING' THEN to_timestamp($4::int) AT TIME ZONE 'UTC' ELSE start_time END,
       end_ts = CASE WHEN $5::boolean THEN $4::int ELSE end_ts END,
       end_time = CASE WHEN $5::boolean THEN to_timestamp($4::int) AT TIME ZONE 'UTC' ELSE end_time END,
       reason = COALESCE($6::text, reason),
       error_message = COALESCE(left($7::text, 2048), error_message),
       stopped_by = COALESCE($8::text, stopped_by),
       row_counts = COALESCE($9::jsonb, row_counts),
       warnings = COALESCE(left($10::text, 4096), warnings)
     WHERE job_id = $1 AND status = ANY($2::text[])`,
    [
      jobId,
      from,
      to,
      sec(f.nowMs),
      final,
      f.reason ?? null,
      f.errorMessage ?? null,
      f.stoppedBy ?? null,
      f.rowCounts ? JSON.stringify(f.rowCounts) : null,
      f.warnings && f.warnings.length > 0 ? f.warnings.join('\n') : null,
    ],
    { name: 'history.transition' },
  );
  return r.rowCount === 1;
}

/** Who asked a running job to stop (the status changes when the job reaches its unit boundary). */
export async function recordStopRequest(db: Db | Tx, jobId: string, by: string | null): Promise<void> {
  await db.query(
    `UPDATE ctl_etl_history SET stopped_by = COALESCE(stopped_by, $2) WHERE job_id = $1 AND status = 'RUNNING'`,
    [jobId, by],
    {
      name: 'history.record-stop-request',
    },
  );
}

export async function getRun(db: Db, jobId: string): Promise<RunRow | null> {
  const r = await db.query<DbRow>(`SELECT ${COLUMNS} FROM ctl_etl_history WHERE job_id = $1`, [jobId], {
    name: 'history.get',
  });
  return r.rows[0] ? toRun(r.rows[0]) : null;
}

export interface RunFilter {
  readonly jobName?: JobName;
  readonly status?: readonly StoredStatus[];
  readonly origin?: Origin;
  readonly sinceTs?: number;
  readonly untilTs?: number;
  readonly limit?: number;
  readonly offset?: number;
}

const FILTER = `($1::text IS NULL OR job_name = $1) AND ($2::text[] IS NULL OR status = ANY($2))
       AND ($3::text IS NULL OR origin = $3) AND ($4::int IS NULL OR created_ts >= $4)
       AND ($5::int IS NULL OR created_ts < $5)`;

function filterParams(f: RunFilter): unknown[] {
  return [f.jobName ?? null, f.status ?? null, f.origin ?? null, f.sinceTs ?? null, f.untilTs ?? null];
}

export async function countRuns(db: Db, f: RunFilter = {}): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ctl_etl_history WHERE ${FILTER}`,
    filterParams(f),
    {
      name: 'history.count',
    },
  );
  return r.rows[0]?.n ?? 0;
}

export async function listRuns(db: Db, f: RunFilter = {}): Promise<RunRow[]> {
  const r = await db.query<DbRow>(
    `SELECT ${COLUMNS} FROM ctl_etl_history WHERE ${FILTER}
     ORDER BY job_id::bigint DESC LIMIT $6 OFFSET $7`,
    [...filterParams(f), f.limit ?? 100, f.offset ?? 0],
    { name: 'history.list' },
  );
  return r.rows.map(toRun);
}

/** Start-up recovery: runs left Running by a process that died become Failed; Scheduled ones Canceled. */
export async function recoverInterruptedRuns(
  db: Db,
  nowMs: number,
): Promise<{ failed: number; canceled: number }> {
  const failed = await db.query(
    `UPDATE ctl_etl_history SET status = 'FAILED', end_ts = $1::int, end_time = to_timestamp($1::int) AT TIME ZONE 'UTC',
       reason = 'server stopped while the job was running', error_message = COALESCE(error_message, 'server stopped while the job was running')
     WHERE status = 'RUNNING'`,
    [sec(nowMs)],
    { name: 'history.recover-running' },
  );
  const canceled = await db.query(
    `UPDATE ctl_etl_history SET status = 'CANCELED', end_ts = $1::int, end_time = to_timestamp($1::int) AT TIME ZONE 'UTC',
       reason = 'server stopped before the job started'
     WHERE status = 'SCHEDULED'`,
    [sec(nowMs)],
    { name: 'history.recover-scheduled' },
  );
  return { failed: failed.rowCount, canceled: canceled.rowCount };
}

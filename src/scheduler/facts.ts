// What the scheduler needs from the database when a process starts: when the previous process
// was last alive (R22), the latest final run of each job, the latest Completed maintenance and
// the aggregation failure streak (R15 back-off). The heartbeat is written at each evaluation.
import type { Db } from '../db/types.ts';
import type { JobName } from '../core/jobs.ts';
import { fromDbStatus, isFinalStatus } from '../core/run-state.ts';
import type { EndedRun } from '../core/scheduler-state.ts';
import type { Origin } from '../runner/history.ts';

export interface SchedulerFacts {
  readonly lastAliveAt: number | null;
  readonly lastEnded: Partial<Record<JobName, EndedRun>>;
  readonly lastMaintenanceCompletedAt: number | null;
  readonly aggregationFailures: { consecutive: number; lastFailedAt: number | null };
}

const NO_FACTS: SchedulerFacts = {
  lastAliveAt: null,
  lastEnded: {},
  lastMaintenanceCompletedAt: null,
  aggregationFailures: { consecutive: 0, lastFailedAt: null },
};

export async function readSchedulerFacts(db: Db): Promise<SchedulerFacts> {
  // A new Info Mart has no schema yet (R21): nothing has run, nothing was missed.
  const t = await db.query<{ t: string | null }>(`SELECT to_regclass('ctl_scheduler_state')::text AS t`);
  if (!t.rows[0]?.t) return NO_FACTS;
  const alive = await db.query<{ value_ms: number }>(
    `SELECT value_ms FROM ctl_scheduler_state WHERE name = 'last_alive'`,
    [],
    { name: 'scheduler.read-last-alive' },
  );
  const ended = await db.query<{
    job_id: string;
    job_name: JobName;
    status: string;
    origin: Origin;
    cycle_id: string | null;
    end_ts: number;
  }>(
    `SELECT DISTINCT ON (job_name) job_id, job_name, status, origin, cycle_id, end_ts
     FROM ctl_etl_history WHERE status IN ('COMPLETE', 'FAILED', 'STOPPED') AND end_ts IS NOT NULL
     ORDER BY job_name, end_ts DESC, job_id::bigint DESC`,
    [],
    { name: 'scheduler.read-last-ended' },
  );
  const lastEnded: Partial<Record<JobName, EndedRun>> = {};
  for (const r of ended.rows) {
    const status = fromDbStatus(r.status);
    if (!isFinalStatus(status)) continue;
    lastEnded[r.job_name] = {
      id: r.job_id,
      job: r.job_name,
      status,
      origin: r.origin,
      cycleId: r.cycle_id,
      endedAt: r.end_ts * 1000,
    };
  }
  const maint = await db.query<{ end_ts: number | null }>(
    `SELECT max(end_ts) AS end_ts FROM ctl_etl_history WHERE job_name = 'Job_MaintainGIM' AND status = 'COMPLETE'`,
    [],
    { name: 'scheduler.read-last-maintenance' },
  );
  const agg = await db.query<{ consecutive: number; last_failed: number | null }>(
    `WITH runs AS (
       SELECT status, end_ts, row_number() OVER (ORDER BY end_ts DESC, job_id::bigint DESC) AS n
       FROM ctl_etl_history WHERE job_name = 'Job_AggregateGIM' AND status IN ('COMPLETE', 'FAILED', 'STOPPED'))
     SELECT count(*)::int AS consecutive, max(end_ts) AS last_failed FROM runs
     WHERE status = 'FAILED' AND n < COALESCE((SELECT min(n) FROM runs WHERE status <> 'FAILED'), 2147483647)`,
    [],
    { name: 'scheduler.read-aggregation-failures' },
  );
  const m = maint.rows[0]?.end_ts;
  const a = agg.rows[0];
  return {
    lastAliveAt: alive.rows[0]?.value_ms ?? null,
    lastEnded,
    lastMaintenanceCompletedAt: m === null || m === undefined ? null : m * 1000,
    aggregationFailures: {
      consecutive: a?.consecutive ?? 0,
      lastFailedAt: a?.last_failed === null || a?.last_failed === undefined ? null : a.last_failed * 1000,
    },
  };
}

export async function saveLastAlive(db: Db, nowMs: number): Promise<void> {
  const t = await db.query<{ t: string | null }>(`SELECT to_regclass('ctl_scheduler_state')::text AS t`);
  if (!t.rows[0]?.t) return;
  await db.query(
    `INSERT INTO ctl_scheduler_state (name, value_ms) VALUES ('last_alive', $1)
     ON CONFLICT (name) DO UPDATE SET value_ms = EXCLUDED.value_ms`,
    [nowMs],
    { name: 'scheduler.save-last-alive' },
  );
}

// Job_TransformGIM's run (data-model 5.1): the intake commit, then the ready units of the backlog
// recomputed in commits whose unit start times spread over at most `chunk-size` seconds. Each
// commit: facts, backlog rows removed, one CTL_AUDIT_LOG row and (engine set) one PENDING_AGG row.
// A stop request ends the run between commits; a crash loses only the open commit.
import type { Db, Tx } from '../../db/types.ts';
import type { ProgressReport } from '../types.ts';
import { insertAuditLog, nextAuditKey } from '../shared/audit.ts';
import { runIntake } from './intake.ts';
import { mergeRanges } from './reconcile.ts';
import type { KeyRange, TransformEnv, UnitKind } from './types.ts';
import { FAR_FUTURE_KEY } from '../shared/calendar.ts';

export const TRANSFORM_JOB_VERSION = '0.1.0';

export interface TransformRunInput {
  readonly db: Db;
  readonly jobId: string;
  readonly jobName?: string;
  readonly env: TransformEnv;
  /** `[gim-transformation] chunk-size`, seconds. */
  readonly chunkSize: number;
  readonly aggregationEnabled: boolean;
  readonly kinds: readonly UnitKind[];
  /** Epoch ms (the job's clock). */
  readonly nowMs: () => number;
  /** Called between commits; throws to stop the run. */
  readonly throwIfStopped?: () => void;
  readonly onProgress?: (p: ProgressReport) => void;
}

export interface TransformRunResult {
  readonly rowCounts: Record<string, number>;
  readonly commits: number;
  readonly unitsDone: number;
  readonly unitsWaiting: number;
}

interface ChunkOutcome {
  readonly units: number;
  readonly rowCounts: Record<string, number>;
}

async function runChunk(
  tx: Tx,
  input: TransformRunInput,
  minStart: number,
  chunkNo: number,
): Promise<ChunkOutcome> {
  await tx.query(`DELETE FROM stg_tf_chunk`, [], { name: 'transform.chunk-clear' });
  const picked = await tx.query(
    `INSERT INTO stg_tf_chunk (unit_type, unit_id, changed_from_ts, changed_to_ts)
     SELECT unit_type, unit_id, changed_from_ts, changed_to_ts FROM stg_ixn_backlog
      WHERE ready = 1 AND (changed_from_ts - $1) / $2 = $3`,
    [minStart, input.chunkSize, chunkNo],
    { name: 'transform.chunk-pick' },
  );
  const auditKey = await nextAuditKey(tx);
  const rowCounts: Record<string, number> = {};
  let range: KeyRange | null = null;
  for (const k of input.kinds) {
    const r = await k.recompute(tx, input.env, auditKey);
    for (const [t, n] of Object.entries(r.rowCounts)) rowCounts[t] = (rowCounts[t] ?? 0) + n;
    range = mergeRanges(range, r.range);
  }
  await tx.query(
    `DELETE FROM stg_ixn_backlog b USING stg_tf_chunk c WHERE b.unit_type = c.unit_type AND b.unit_id = c.unit_id`,
    [],
    { name: 'transform.chunk-done' },
  );
  const createdMs = input.nowMs();
  const rows = Object.values(rowCounts).reduce((a, b) => a + b, 0);
  await insertAuditLog(tx, {
    auditKey,
    jobId: input.jobId,
    jobName: input.jobName ?? 'Job_TransformGIM',
    minStartKey: range?.minStartKey ?? null,
    maxStartKey: range?.maxStartKey ?? null,
    maxEndKey: range?.maxEndKey ?? null,
    rowCount: rows,
    createdMs,
  });
  if (input.aggregationEnabled && range) {
    await tx.query(
      `INSERT INTO pending_agg (hierarchy, agg_level, flavor, start_date_time_key, end_date_time_key, audit_key,
         source, status, created_ts)
       VALUES ('ALL', 'SUBHR', 'ALL', $1, $2, $3, 'TRANSFORM', 0, $4)`,
      // An active fact's far-future end must not overflow the int key.
      [
        range.minStartKey,
        Math.min(range.maxEndKey + 900, FAR_FUTURE_KEY),
        auditKey,
        Math.floor(createdMs / 1000),
      ],
      { name: 'transform.pending-agg' },
    );
  }
  return { units: picked.rowCount, rowCounts };
}

export async function runTransform(input: TransformRunInput): Promise<TransformRunResult> {
  const startMs = input.nowMs();
  await input.db.transaction(
    (tx) =>
      runIntake(tx, {
        jobId: input.jobId,
        jobName: input.jobName ?? 'Job_TransformGIM',
        jobVersion: TRANSFORM_JOB_VERSION,
        env: input.env,
        kinds: input.kinds,
        startMs,
        nowMs: input.nowMs,
      }),
    { name: 'transform.intake' },
  );
  input.throwIfStopped?.();
  const plan = await input.db.query<{ mn: number | null }>(
    `SELECT min(changed_from_ts) AS mn FROM stg_ixn_backlog WHERE ready = 1`,
    [],
    { name: 'transform.plan-min' },
  );
  const minStart = plan.rows[0]?.mn ?? null;
  const rowCounts: Record<string, number> = {};
  let commits = 0;
  let unitsDone = 0;
  if (minStart !== null) {
    const chunks = await input.db.query<{ c: number }>(
      `SELECT DISTINCT (changed_from_ts - $1) / $2 AS c FROM stg_ixn_backlog WHERE ready = 1 ORDER BY 1`,
      [minStart, input.chunkSize],
      { name: 'transform.plan-chunks' },
    );
    const total = chunks.rows.length;
    for (const { c } of chunks.rows) {
      const out = await input.db.transaction((tx) => runChunk(tx, input, minStart, Number(c)), {
        name: 'transform.chunk',
      });
      commits += 1;
      unitsDone += out.units;
      for (const [t, n] of Object.entries(out.rowCounts)) rowCounts[t] = (rowCounts[t] ?? 0) + n;
      input.onProgress?.({
        rows: Object.values(rowCounts).reduce((a, b) => a + b, 0),
        chunksDone: commits,
        chunksTotal: total,
        detail: `commit ${commits} of ${total}`,
      });
      input.throwIfStopped?.();
    }
  }
  const waiting = await input.db.query<{ n: string }>(`SELECT count(*) AS n FROM stg_ixn_backlog`, [], {
    name: 'transform.waiting',
  });
  return { rowCounts, commits, unitsDone, unitsWaiting: Number(waiting.rows[0]?.n ?? 0) };
}

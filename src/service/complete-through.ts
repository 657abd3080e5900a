// R24 "complete through" from the Info Mart (jobs reference 3.2 R24, 6 item 3): reads the
// evidence — ETL cycles with whether their extraction read every source table up to its bound,
// and the PENDING_AGG rows — and hands it to the pure computation of src/core/complete-through.ts.
//
// "Every source table read up to its bound" is derived, per extraction run, from
// CTL_ETL_HISTORY.RUN_PLAN (written by the runner when the run starts: chunk size, max chunks,
// number of (data source, table) tasks) and the run's CTL_EXTRACT_HISTORY rows (JOB_ID `<run>#n`,
// one per chunk, at least one per task it read): a task with no row was skipped (its IDB was
// unreachable); a task that used all max-chunks-per-job chunks, the last one full, was cut. ICON_CFG
// tables and whole-copy tables are read in one pass and never cut. A run without a plan (before
// migration 0023) does not count. Evidence older than the listed days plus LOOKBACK_DAYS is not read.
import type { ResolvedConfig } from '../config/index.ts';
import {
  AGG_LEVELS,
  type AggSpan,
  type CompleteThrough,
  type CompletionLevel,
  type CycleEvidence,
  computeCompleteThrough,
} from '../core/complete-through.ts';
import { resolveLocal, toLocal } from '../core/local-time.ts';
import type { Db } from '../db/types.ts';
import { idbTables } from '../idb/catalog.ts';

export type { CompleteThrough, PeriodCompletion } from '../core/complete-through.ts';

/** Reporting days listed by default: yesterday and today. */
export const DEFAULT_DAYS = 2;
/** How far before the first listed day cycles are read (for "facts complete through"). */
export const LOOKBACK_DAYS = 7;

const ONE_PASS_TABLES: readonly string[] = idbTables
  .filter((t) => t.extracted && (t.kind === 'config' || t.fullCopy))
  .map((t) => t.name);

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function readCycleEvidence(db: Db, sinceS: number): Promise<CycleEvidence[]> {
  const r = await db.query<Record<string, unknown>>(
    `WITH cyc AS (
       SELECT e.job_id, e.start_ts, (e.run_plan->>'tables')::int AS planned,
              (e.run_plan->>'chunkSize')::int AS chunk_size, (e.run_plan->>'maxChunks')::int AS max_chunks,
              (SELECT min(t.end_ts) FROM ctl_etl_history t
                WHERE t.cycle_id = e.job_id AND t.job_name = 'Job_TransformGIM' AND t.status = 'COMPLETE') AS done_ts
         FROM ctl_etl_history e
        WHERE e.job_name = 'Job_ExtractICON' AND e.status = 'COMPLETE' AND e.cycle_id = e.job_id
          AND e.start_ts >= $1::int
     ), chunk AS (
       SELECT split_part(h.job_id, '#', 1) AS job_id, h.table_name, h.data_source_key,
              split_part(h.job_id, '#', 2)::int AS n, h.row_count
         FROM ctl_extract_history h
        WHERE h.created_ts >= $1::int AND h.status = 'SUCCESS' AND h.job_id LIKE '%#%'
          AND split_part(h.job_id, '#', 1) IN (SELECT job_id FROM cyc)
     ), task AS (
       SELECT job_id, table_name, data_source_key, count(*) AS chunks,
              (array_agg(row_count ORDER BY n DESC))[1] AS last_rows
         FROM chunk GROUP BY job_id, table_name, data_source_key
     )
     SELECT c.job_id, c.start_ts, c.done_ts, c.planned,
            count(t.table_name)::int AS tables_read,
            count(t.table_name) FILTER (WHERE NOT (t.table_name = ANY($2::text[]))
              AND t.chunks >= c.max_chunks AND t.last_rows >= c.chunk_size)::int AS tables_cut
       FROM cyc c LEFT JOIN task t ON t.job_id = c.job_id
      GROUP BY c.job_id, c.start_ts, c.done_ts, c.planned`,
    [sinceS, ONE_PASS_TABLES],
    { name: 'complete-through.cycles' },
  );
  return r.rows.map((x) => ({
    extractStartMs: num(x.start_ts) * 1000,
    completedAtMs: x.done_ts === null || x.done_ts === undefined ? null : num(x.done_ts) * 1000,
    tablesPlanned: numOrNull(x.planned),
    tablesRead: num(x.tables_read),
    tablesCut: num(x.tables_cut),
  }));
}

const isLevel = (s: string): s is CompletionLevel => (AGG_LEVELS as readonly string[]).includes(s);

/** Rows open now (any range), and rows processed since sinceS that overlap [sinceS, untilS). */
export async function readAggSpans(db: Db, sinceS: number, untilS: number): Promise<AggSpan[]> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT agg_level, start_date_time_key, end_date_time_key, created_ts, processed_ts, status
       FROM pending_agg
      WHERE status IN (0, 1)
         OR (status = 2 AND processed_ts >= $1::int AND start_date_time_key < $2::int AND end_date_time_key > $1::int)`,
    [sinceS, untilS],
    { name: 'complete-through.spans' },
  );
  return r.rows.flatMap((x) => {
    const level = String(x.agg_level);
    if (!isLevel(level)) return [];
    const open = num(x.status) !== 2;
    return [
      {
        level,
        startMs: num(x.start_date_time_key) * 1000,
        endMs: num(x.end_date_time_key) * 1000,
        createdMs: num(x.created_ts ?? 0) * 1000,
        processedMs: open ? null : num(x.processed_ts) * 1000,
      },
    ];
  });
}

/** Complete-through of the listed reporting days (local to date-time-tz), as of nowMs. */
export async function readCompleteThrough(
  db: Db,
  config: ResolvedConfig,
  nowMs: number,
  opts: { readonly days?: number } = {},
): Promise<CompleteThrough> {
  const zone = config.dateTime.timezone;
  const days = Math.max(1, opts.days ?? DEFAULT_DAYS);
  const firstDay = toLocal(zone, nowMs).epochDay - days + 1;
  const windowStartS = Math.floor(resolveLocal(zone, firstDay, 0) / 1000);
  const cycles = await readCycleEvidence(db, windowStartS - LOOKBACK_DAYS * 86_400);
  const spans = config.gimEtl.aggregationEngineEnabled
    ? await readAggSpans(db, windowStartS, Math.ceil(nowMs / 1000) + 86_400)
    : null;
  return computeCompleteThrough({
    zone,
    nowMs,
    days,
    cycles,
    spans,
    subHourMinutes: config.agg.subHourInterval === '30min' ? 30 : 15,
  });
}

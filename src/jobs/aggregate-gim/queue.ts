// PENDING_AGG as the aggregation work queue (data-model 6.3): claiming the next item (lowest
// level, then oldest; overlapping or touching rows of one hierarchy, level, flavour and request
// merged), widening ranges to whole periods, queueing the next level.
import type { AggOptions } from '../../config/types.ts';
import type { Db, Queryable } from '../../db/types.ts';
import {
  LEVELS,
  type Level,
  type StoredFlavor,
  isLevel,
  levelDelaySeconds,
  levelKeyColumn,
  levelRank,
} from './levels.ts';

export interface PendingItem {
  readonly ids: readonly number[];
  readonly hierarchy: string;
  readonly level: Level;
  readonly flavor: StoredFlavor;
  readonly start: number;
  readonly end: number;
  readonly requestId: number | null;
  readonly requestedBy: string | null;
}

export type Claim =
  | { readonly kind: 'item'; readonly item: PendingItem }
  /** The lowest pending level waits for its agg-level delay until this instant (epoch s). */
  | { readonly kind: 'delayed'; readonly untilS: number; readonly level: Level }
  | { readonly kind: 'idle' };

const num = (v: unknown): number => Number(v);

/** END_DATE_TIME_KEY of active facts (data-model 1.1): the last 15-minute boundary an int holds. */
export const FAR_FUTURE_KEY = 2147482800;

/** Rows left running by an ended instance go back to pending (4.6: whenever the job starts). */
export async function revertRunning(db: Queryable): Promise<number> {
  const r = await db.query(`UPDATE PENDING_AGG SET STATUS = 0 WHERE STATUS = 1`, [], {
    name: 'aggregate.revert-running',
  });
  return r.rowCount;
}

/**
 * Marks the next item running (committed at once, so the Manager sees it) and returns it. A level
 * is not taken sooner than its agg-level delay after its previous run; higher levels wait behind
 * it (a delayed level delays the ones above).
 */
export async function claimNext(
  db: Queryable,
  agg: AggOptions,
  nowS: number,
  opts: { readonly ignoreDelays?: boolean } = {},
): Promise<Claim> {
  const lv = await db.query<{ agg_level: string }>(
    `SELECT DISTINCT AGG_LEVEL AS agg_level FROM PENDING_AGG WHERE STATUS = 0`,
    [],
    { name: 'aggregate.pending-levels' },
  );
  const levels = lv.rows.map((r) => r.agg_level).filter(isLevel);
  if (levels.length === 0) return { kind: 'idle' };
  const level = levels.reduce((a, b) => (levelRank(a) <= levelRank(b) ? a : b));
  const delay = opts.ignoreDelays ? 0 : levelDelaySeconds(level, agg);
  if (delay > 0) {
    const last = await db.query<{ t: number | null }>(
      `SELECT max(PROCESSED_TS) AS t FROM PENDING_AGG WHERE AGG_LEVEL = $1 AND STATUS = 2`,
      [level],
      { name: 'aggregate.level-last-run' },
    );
    const t = last.rows[0]?.t;
    if (t !== null && t !== undefined && nowS < num(t) + delay) {
      return { kind: 'delayed', untilS: num(t) + delay, level };
    }
  }
  const first = await db.query<Record<string, unknown>>(
    `SELECT PENDING_ID, HIERARCHY, FLAVOR, START_DATE_TIME_KEY, END_DATE_TIME_KEY, REQUEST_ID
       FROM PENDING_AGG WHERE STATUS = 0 AND AGG_LEVEL = $1 ORDER BY PENDING_ID LIMIT 1`,
    [level],
    { name: 'aggregate.first-pending' },
  );
  const row = first.rows[0];
  if (!row) return { kind: 'idle' };
  const claimed = await db.query<Record<string, unknown>>(
    `UPDATE PENDING_AGG SET STATUS = 1
      WHERE STATUS = 0 AND AGG_LEVEL = $1 AND HIERARCHY = $2 AND FLAVOR = $3
        AND REQUEST_ID IS NOT DISTINCT FROM $6::bigint
        AND (PENDING_ID = $7 OR (START_DATE_TIME_KEY <= $5 AND END_DATE_TIME_KEY >= $4))
      RETURNING PENDING_ID, START_DATE_TIME_KEY, END_DATE_TIME_KEY, REQUESTED_BY`,
    [
      level,
      row.hierarchy,
      row.flavor,
      num(row.start_date_time_key),
      num(row.end_date_time_key),
      row.request_id ?? null,
      num(row.pending_id),
    ],
    { name: 'aggregate.claim' },
  );
  if (claimed.rows.length === 0) return { kind: 'idle' };
  const rows = claimed.rows;
  return {
    kind: 'item',
    item: {
      ids: rows.map((r) => num(r.pending_id)).sort((a, b) => a - b),
      hierarchy: String(row.hierarchy),
      level,
      flavor: String(row.flavor) as StoredFlavor,
      start: Math.min(...rows.map((r) => num(r.start_date_time_key))),
      end: Math.max(...rows.map((r) => num(r.end_date_time_key))),
      requestId: row.request_id === null || row.request_id === undefined ? null : num(row.request_id),
      requestedBy: (rows.find((r) => r.requested_by)?.requested_by as string | undefined) ?? null,
    },
  };
}

/** [start, end) widened to whole periods of `level` through DATE_TIME (local days, months…). */
export async function widenRange(
  tx: Queryable,
  level: Level,
  start: number,
  end: number,
  subHour: AggOptions['subHourInterval'],
): Promise<{ lo: number; hi: number }> {
  const col = levelKeyColumn(level, subHour);
  const s15 = Math.floor(start / 900) * 900;
  // A range reaching an active fact's far-future END key stops there (int keys: no room past it).
  const e15 = Math.floor((Math.min(Math.max(end, start + 1), FAR_FUTURE_KEY) - 1) / 900) * 900;
  const r = await tx.query<{ lo: number | null; last: number | null }>(
    `SELECT (SELECT ${col} FROM DATE_TIME WHERE DATE_TIME_KEY = $1::int) AS lo,
            (SELECT ${col} FROM DATE_TIME WHERE DATE_TIME_KEY = $2::int) AS last`,
    [s15, e15],
    { name: 'aggregate.widen' },
  );
  const lo = r.rows[0]?.lo ?? null;
  const last = r.rows[0]?.last ?? null;
  if (last === null) return { lo: lo === null ? s15 : num(lo), hi: e15 + 900 };
  const next = await tx.query<{ k: number }>(
    `SELECT DATE_TIME_KEY AS k FROM DATE_TIME WHERE DATE_TIME_KEY > $1::int AND ${col} > $2::int
      ORDER BY DATE_TIME_KEY LIMIT 1`,
    [e15, num(last)],
    { name: 'aggregate.widen-next' },
  );
  const nk = next.rows[0]?.k;
  // Past the calendar's end: the period runs to the last filled row.
  let hi: number;
  if (nk === undefined) {
    const m = await tx.query<{ k: number }>(`SELECT max(DATE_TIME_KEY) AS k FROM DATE_TIME`, [], {
      name: 'aggregate.widen-max',
    });
    hi = num(m.rows[0]?.k) + 900;
  } else {
    hi = num(nk);
  }
  return { lo: lo === null ? s15 : num(lo), hi };
}

/** Queues the next level's CASCADE row unless the same row is already pending. */
export async function queueCascade(
  tx: Queryable,
  item: PendingItem,
  next: Level,
  range: { lo: number; hi: number },
  nowS: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO PENDING_AGG (HIERARCHY, AGG_LEVEL, FLAVOR, START_DATE_TIME_KEY, END_DATE_TIME_KEY,
       SOURCE, STATUS, CREATED_TS, REQUEST_ID, REQUESTED_BY)
     SELECT $1::text, $2::text, $3::text, $4::int, $5::int, 'CASCADE', 0, $6::int, $7::bigint, $8::text
      WHERE NOT EXISTS (SELECT 1 FROM PENDING_AGG WHERE STATUS = 0 AND HIERARCHY = $1::text
        AND AGG_LEVEL = $2::text AND FLAVOR = $3::text AND START_DATE_TIME_KEY = $4::int
        AND END_DATE_TIME_KEY = $5::int AND REQUEST_ID IS NOT DISTINCT FROM $7::bigint)`,
    [item.hierarchy, next, item.flavor, range.lo, range.hi, nowS, item.requestId, item.requestedBy],
    { name: 'aggregate.queue-cascade' },
  );
}

export async function markDone(tx: Queryable, ids: readonly number[], nowS: number): Promise<void> {
  await tx.query(
    `UPDATE PENDING_AGG SET STATUS = 2, PROCESSED_TS = $2::int WHERE PENDING_ID = ANY($1::bigint[])`,
    [ids, nowS],
    { name: 'aggregate.mark-done' },
  );
}

/** Pending and running rows per level (the Manager's aggregation backlog). */
export async function readBacklog(
  db: Db | Queryable,
): Promise<{ level: Level; pending: number; running: number }[]> {
  const r = await db.query<{ agg_level: string; pending: string; running: string }>(
    `SELECT AGG_LEVEL AS agg_level, count(*) FILTER (WHERE STATUS = 0) AS pending,
            count(*) FILTER (WHERE STATUS = 1) AS running
       FROM PENDING_AGG WHERE STATUS IN (0, 1) GROUP BY AGG_LEVEL`,
    [],
    { name: 'aggregate.backlog' },
  );
  return LEVELS.map((level) => {
    const row = r.rows.find((x) => x.agg_level === level);
    return { level, pending: num(row?.pending ?? 0), running: num(row?.running ?? 0) };
  });
}

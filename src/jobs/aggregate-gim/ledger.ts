// Re-aggregation requests (-insertPendingAgg, jobs reference 5.4) and the ledger the Manager shows
// (jobs reference 6, item 4): requests and notified ranges with cause, requester, state, progress.
import type { InsertPendingAggRequest } from '../../core/insert-pending-agg.ts';
import type { Db, Queryable } from '../../db/types.ts';
import { InfomartError } from '../../errors.ts';
import { LEVELS, type Level, type StoredFlavor, levelOfCommand, levelRank } from './levels.ts';

export interface QueuedReaggregation {
  readonly requestId: number;
  readonly pendingIds: readonly number[];
  /** [start, end) in DATE_TIME_KEY (epoch s): START 00:00 to the end of END, calendar zone. */
  readonly start: number;
  readonly end: number;
}

const num = (v: unknown): number => Number(v);

/** [DATE_TIME_DAY_KEY of START, DATE_TIME_NEXT_DAY_KEY of END) from the calendar (6.3). */
async function dayRange(tx: Queryable, start: string, end: string): Promise<{ s: number; e: number }> {
  const r = await tx.query<{ s: number | null; e: number | null }>(
    `SELECT (SELECT min(DATE_TIME_DAY_KEY) FROM DATE_TIME WHERE LABEL_YYYY_MM_DD = $1::text) AS s,
            (SELECT max(DATE_TIME_NEXT_DAY_KEY) FROM DATE_TIME WHERE LABEL_YYYY_MM_DD = $2::text) AS e`,
    [start, end],
    { name: 'aggregate.reagg-day-range' },
  );
  const row = r.rows[0];
  if (row?.s === null || row?.s === undefined || row.e === null) {
    const missing = row?.s === null || row?.s === undefined ? start : end;
    throw new InfomartError(
      'BAD_REQUEST',
      `-insertPendingAgg: ${missing} is not in the calendar (DATE_TIME)`,
    );
  }
  return { s: num(row.s), e: num(row.e) };
}

function storedFlavor(request: InsertPendingAggRequest): StoredFlavor {
  if (request.flavor === 'Online') return 'ONLINE';
  if (request.flavor === 'Offline') return 'OFFLINE';
  return 'ALL';
}

function agrSetText(request: InsertPendingAggRequest): string {
  if (request.allSets) return 'ALLSETS';
  const list = request.hierarchies.filter((h) => h !== 'ALL').join(',');
  return `${list}-${request.level}${request.flavor ? `.${request.flavor}` : ''}`;
}

/**
 * Queues a validated request: one PENDING_AGG row per listed hierarchy ('ALL' for ALLSETS or an
 * empty list) sharing one request id, and its ledger row, in one transaction. A running
 * Job_AggregateGIM picks the rows up at its next item (M8 "queued").
 */
export async function queueReaggregation(
  db: Db,
  request: InsertPendingAggRequest,
  requestedBy: string | null,
  nowMs: number,
): Promise<QueuedReaggregation> {
  const nowS = Math.floor(nowMs / 1000);
  const level = levelOfCommand(request.level);
  const flavor = storedFlavor(request);
  return db.transaction(
    async (tx) => {
      let s: number;
      let e: number;
      if (request.rangeStartMs !== null && request.rangeEndMs !== null) {
        s = Math.floor(request.rangeStartMs / 1000);
        e = Math.floor(request.rangeEndMs / 1000);
      } else {
        ({ s, e } = await dayRange(tx, request.start, request.end));
      }
      const req = await tx.query<{ request_id: string }>(
        `INSERT INTO AGG_REAGG_REQUEST (AGR_SET, START_DATE, END_DATE, AGG_LEVEL, FLAVOR, HIERARCHIES,
         START_DATE_TIME_KEY, END_DATE_TIME_KEY, CAUSE, REQUESTED_BY, CREATED_TS)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'MANUAL', $9, $10) RETURNING REQUEST_ID AS request_id`,
        [
          agrSetText(request),
          request.start,
          request.end,
          level,
          flavor,
          request.hierarchies.join(','),
          s,
          e,
          requestedBy,
          nowS,
        ],
        { name: 'aggregate.reagg-request' },
      );
      const requestId = num(req.rows[0]?.request_id);
      const rows = await tx.query<{ pending_id: string }>(
        `INSERT INTO PENDING_AGG (HIERARCHY, AGG_LEVEL, FLAVOR, START_DATE_TIME_KEY, END_DATE_TIME_KEY,
         SOURCE, STATUS, CREATED_TS, REQUEST_ID, REQUESTED_BY)
       SELECT h, $2::text, $3::text, $4::int, $5::int, 'MANUAL', 0, $6::int, $7::bigint, $8::text
         FROM unnest($1::text[]) WITH ORDINALITY AS t(h, n) ORDER BY n
       RETURNING PENDING_ID AS pending_id`,
        [request.hierarchies, level, flavor, s, e, nowS, requestId, requestedBy],
        { name: 'aggregate.reagg-pending' },
      );
      return { requestId, pendingIds: rows.rows.map((r) => num(r.pending_id)), start: s, end: e };
    },
    { name: 'aggregate.reagg' },
  );
}

export type LedgerState = 'PENDING' | 'RUNNING' | 'DONE';

export interface LedgerRequest {
  readonly requestId: number;
  readonly cause: 'MANUAL';
  readonly agrSet: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly level: Level;
  readonly flavor: StoredFlavor;
  readonly hierarchies: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly requestedBy: string | null;
  readonly createdTs: number;
  readonly state: LedgerState;
  /** PENDING_AGG rows done, and the rows the whole chain needs (requested level up to YEAR). */
  readonly progress: { readonly done: number; readonly total: number };
}

export interface NotifiedRange {
  readonly pendingId: number;
  /** ETL for rows the transformation queued, CASCADE for level-to-level rows without a request. */
  readonly cause: 'ETL' | 'CASCADE';
  readonly hierarchy: string;
  readonly level: string;
  readonly flavor: string;
  readonly start: number;
  readonly end: number;
  readonly auditKey: number | null;
  readonly state: LedgerState;
  readonly createdTs: number | null;
  readonly processedTs: number | null;
}

export interface ReaggregationLedger {
  readonly requests: readonly LedgerRequest[];
  readonly notified: readonly NotifiedRange[];
}

const STATES: Readonly<Record<number, LedgerState>> = { 0: 'PENDING', 1: 'RUNNING', 2: 'DONE' };

/** The newest `limit` requests and notified ranges, newest first. */
export async function readReaggregationLedger(
  db: Queryable,
  opts: { readonly limit?: number } = {},
): Promise<ReaggregationLedger> {
  const limit = opts.limit ?? 100;
  const req = await db.query<Record<string, unknown>>(
    `SELECT r.*, p.done, p.running, p.pending, p.initial
       FROM AGG_REAGG_REQUEST r
       LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE STATUS = 2) AS done,
            count(*) FILTER (WHERE STATUS = 1) AS running, count(*) FILTER (WHERE STATUS = 0) AS pending,
            count(*) FILTER (WHERE SOURCE = 'MANUAL') AS initial
          FROM PENDING_AGG WHERE REQUEST_ID = r.REQUEST_ID) p ON true
      ORDER BY r.REQUEST_ID DESC LIMIT $1::int`,
    [limit],
    { name: 'aggregate.ledger-requests' },
  );
  const requests = req.rows.map((r): LedgerRequest => {
    const level = String(r.agg_level) as Level;
    const done = num(r.done);
    const state: LedgerState =
      num(r.running) > 0 ? 'RUNNING' : num(r.pending) > 0 ? (done > 0 ? 'RUNNING' : 'PENDING') : 'DONE';
    return {
      requestId: num(r.request_id),
      cause: 'MANUAL',
      agrSet: String(r.agr_set),
      startDate: String(r.start_date),
      endDate: String(r.end_date),
      level,
      flavor: String(r.flavor) as StoredFlavor,
      hierarchies: String(r.hierarchies).split(','),
      start: num(r.start_date_time_key),
      end: num(r.end_date_time_key),
      requestedBy: (r.requested_by as string | null) ?? null,
      createdTs: num(r.created_ts),
      state,
      progress: { done, total: num(r.initial) * (LEVELS.length - levelRank(level)) },
    };
  });
  const nr = await db.query<Record<string, unknown>>(
    `SELECT PENDING_ID, SOURCE, HIERARCHY, AGG_LEVEL, FLAVOR, START_DATE_TIME_KEY, END_DATE_TIME_KEY,
            AUDIT_KEY, STATUS, CREATED_TS, PROCESSED_TS
       FROM PENDING_AGG WHERE REQUEST_ID IS NULL ORDER BY PENDING_ID DESC LIMIT $1::int`,
    [limit],
    { name: 'aggregate.ledger-notified' },
  );
  const notified = nr.rows.map((r): NotifiedRange => ({
    pendingId: num(r.pending_id),
    cause: r.source === 'CASCADE' ? 'CASCADE' : 'ETL',
    hierarchy: String(r.hierarchy),
    level: String(r.agg_level),
    flavor: String(r.flavor),
    start: num(r.start_date_time_key),
    end: num(r.end_date_time_key),
    auditKey: r.audit_key === null ? null : num(r.audit_key),
    state: STATES[num(r.status)] ?? 'PENDING',
    createdTs: r.created_ts === null ? null : num(r.created_ts),
    processedTs: r.processed_ts === null ? null : num(r.processed_ts),
  }));
  return { requests, notified };
}

// Info Mart fixtures for the aggregation tests: schema + calendar, dimension rows, fact rows
// written directly (the transformation is not needed to test aggregation), and a run helper.
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import type { ResolvedConfig } from '../../src/config/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Db, Queryable } from '../../src/db/types.ts';
import { initializeGim } from '../../src/jobs/initialize-gim/initialize.ts';
import { DEFAULT_TIME_RANGE_BOUNDS } from '../../src/jobs/shared/fixed-dimension-rows.ts';
import { runAggregationLoop, type AggregationLoopResult } from '../../src/jobs/aggregate-gim/engine.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';

export const log = pino({ level: 'silent' });

export function aggConfig(zone = 'UTC', extra = ''): ResolvedConfig {
  return loadConfig({
    text: `[date-time]\ndate-time-tz = ${zone}\n[gim-etl]\ndays-to-keep-gim-facts = 3650\n${extra}\n[dap:im]\nrole = INFO_MART\nurl = pglite:memory\n[dap:idb]\nrole = ICON_CFG, ICON_CORE\nurl = pglite:memory\n`,
  }).config;
}

/** Schema, fixed dimensions, the calendar of `year` (and the next) in `zone`, tenant 1. */
export async function setupInfoMart(db: Db, zone: string, year: number): Promise<void> {
  await migrate(db, 'infomart');
  await initializeGim(db, {
    jobId: 'test-init',
    nowMs: Date.UTC(year, 0, 2),
    calendars: [
      {
        table: 'DATE_TIME',
        zone,
        firstDayOfWeek: 1,
        minimalDaysInFirstWeek: 1,
        simpleWeekNumbering: true,
        startYear: year,
        maxDaysAhead: 30,
      },
    ],
    partitions: {
      etlStartEpochSeconds: null,
      aheadDays: 1,
      gimIntervalSeconds: 86400,
      gidbIntervalSeconds: 86400,
    },
    timeRanges: { queueAbn: DEFAULT_TIME_RANGE_BOUNDS, queueAcc: DEFAULT_TIME_RANGE_BOUNDS },
  });
  await db.query(`INSERT INTO TENANT (TENANT_KEY, TENANT_NAME, TENANT_CFG_DBID) VALUES (1, 'T101', 101)`);
}

export type Row = Record<string, string | number | null>;

/** Multi-row INSERT of rows that all have the same keys. */
export async function insertRows(
  db: Queryable,
  table: string,
  rows: readonly Row[],
  opts: { readonly ignoreConflicts?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] as Row);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db.query(
      `INSERT INTO ${table} (${cols.join(', ')})
       SELECT ${cols.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)
       ${opts.ignoreConflicts ? 'ON CONFLICT DO NOTHING' : ''}`,
      [
        JSON.stringify(
          chunk.map((r) => Object.fromEntries(cols.map((c) => [c.toLowerCase(), r[c] ?? null]))),
        ),
      ],
    );
  }
}

const key = (ts: number): number => Math.floor(ts / 900) * 900;

/** Fills the +SE keys from START_TS/END_TS (END_TS null = the far-future key). */
export function se(start: number, end: number | null): Row {
  return {
    START_TS: start,
    END_TS: end,
    START_DATE_TIME_KEY: key(start),
    END_DATE_TIME_KEY: end === null ? 2147482800 : key(end),
  };
}

export const IRF_MEASURES = [
  'DIAL',
  'RING',
  'TALK',
  'HOLD',
  'AFTER_CALL_WORK',
  'CONS_INIT_DIAL',
  'CONS_INIT_TALK',
  'CONS_INIT_HOLD',
  'CONS_RCV_RING',
  'CONS_RCV_TALK',
  'CONS_RCV_HOLD',
  'POST_CONS_XFER_RING',
  'POST_CONS_XFER_TALK',
  'POST_CONS_XFER_HOLD',
  'CONF_JOIN_RING',
  'CONF_JOIN_TALK',
  'CONF_JOIN_HOLD',
] as const;

/** An IRF row with every measure column present (0 unless given as [count, duration]). */
export function irfRow(o: {
  id: number;
  interactionId: number;
  interactionSdt: number;
  resource: number;
  td: number;
  start: number;
  end: number;
  guid: string;
  descriptor?: number;
  type?: number;
  media?: number;
  mediation?: number;
  m?: Partial<Record<(typeof IRF_MEASURES)[number], readonly [number, number]>>;
}): Row {
  const row: Row = {
    INTERACTION_RESOURCE_ID: o.id,
    TENANT_KEY: 1,
    INTERACTION_ID: o.interactionId,
    INTERACTION_SDT_KEY: o.interactionSdt,
    MEDIA_TYPE_KEY: o.media ?? 1,
    INTERACTION_TYPE_KEY: o.type ?? 2,
    RESOURCE_KEY: o.resource,
    PLACE_KEY: -2,
    TECHNICAL_DESCRIPTOR_KEY: o.td,
    INTERACTION_DESCRIPTOR_KEY: o.descriptor ?? -2,
    PARTYGUID: o.guid,
    MEDIATION_DURATION: o.mediation ?? 0,
    ...se(o.start, o.end),
  };
  for (const m of IRF_MEASURES) {
    const v = o.m?.[m] ?? [0, 0];
    row[`${m}_COUNT`] = v[0];
    row[`${m}_DURATION`] = v[1];
  }
  return row;
}

/** Runs the engine until nothing is pending. */
export async function aggregateUntilIdle(
  db: Db,
  config: ResolvedConfig,
  nowMs = Date.UTC(2030, 0, 1),
): Promise<AggregationLoopResult> {
  return runAggregationLoop({
    db,
    agg: config.agg,
    clock: makeFakeClock(nowMs),
    signal: new AbortController().signal,
    untilIdle: true,
  });
}

/** Queues a TRANSFORM-style notification for [start, end) of all hierarchies at SUBHR. */
export async function notify(db: Queryable, start: number, end: number): Promise<void> {
  await db.query(
    `INSERT INTO PENDING_AGG (HIERARCHY, AGG_LEVEL, FLAVOR, START_DATE_TIME_KEY, END_DATE_TIME_KEY, SOURCE, STATUS, CREATED_TS)
     VALUES ('ALL', 'SUBHR', 'ALL', $1, $2, 'TRANSFORM', 0, 0)`,
    [start, end],
  );
}

/** Rows of a table as plain objects with numbers (bigint columns arrive as strings). */
export async function readTable(
  db: Queryable,
  table: string,
  where = 'true',
): Promise<Record<string, number>[]> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${table} WHERE ${where} ORDER BY 1, 2, 3, 4`,
  );
  return r.rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toUpperCase(), Number(v)])),
  );
}

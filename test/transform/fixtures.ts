// Test fixtures of the transformation: an initialized Info Mart, GIDB rows written as extraction
// would (audit keys, START_DATE_TIME_KEY), a transform run, and fact checksums.
import { migrate } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { initializeGim } from '../../src/jobs/initialize-gim/initialize.ts';
import { DEFAULT_TIME_RANGE_BOUNDS } from '../../src/jobs/shared/fixed-dimension-rows.ts';
import { UNIT_KINDS } from '../../src/jobs/transform-gim/index.ts';
import { runTransform, type TransformRunResult } from '../../src/jobs/transform-gim/transform.ts';
import type { TransformEnv } from '../../src/jobs/transform-gim/types.ts';
import type { ProgressReport } from '../../src/jobs/types.ts';

/** 2024-03-05 00:00 UTC (data-model section 7). */
export const DAY0 = 1709596800;
export const at = (hh: number, mm: number, ss = 0): number => DAY0 + hh * 3600 + mm * 60 + ss;

export async function setupInfoMart(db: Db): Promise<void> {
  await migrate(db, 'infomart');
  await initializeGim(db, {
    jobId: '0',
    nowMs: DAY0 * 1000,
    calendars: [
      {
        table: 'DATE_TIME',
        zone: 'UTC',
        firstDayOfWeek: 1,
        minimalDaysInFirstWeek: 1,
        simpleWeekNumbering: true,
        startYear: null,
        maxDaysAhead: 30,
      },
    ],
    partitions: {
      etlStartEpochSeconds: DAY0 - 2 * 86400,
      aheadDays: 3,
      gimIntervalSeconds: 86400,
      gidbIntervalSeconds: 86400,
    },
    timeRanges: { queueAbn: DEFAULT_TIME_RANGE_BOUNDS, queueAcc: DEFAULT_TIME_RANGE_BOUNDS },
  });
}

export type Row = Readonly<Record<string, string | number | null>>;

const FIRST_TIME = ['created_ts', 'added_ts'];

/**
 * Writes GIDB rows as one extraction commit: a fresh audit key in CREATE_/UPDATE_AUDIT_KEY and,
 * for non-configuration tables, START_DATE_TIME_KEY from the first time column. An existing
 * natural key is updated (the primary key decides).
 */
export async function writeGidb(db: Db, table: string, rows: readonly Row[]): Promise<number> {
  return db.transaction(async (tx) => {
    const k = await tx.query<{ k: string }>(`SELECT nextval('ctl_audit_key_seq') AS k`);
    const key = Number(k.rows[0]?.k);
    const cfg = /^gidb_gcx?_/.test(table);
    const pk = await tx.query<{ c: string }>(
      `SELECT a.attname AS c FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary`,
      [table],
    );
    const pkCols = pk.rows.map((r) => r.c);
    for (const row of rows) {
      const cols: Record<string, string | number | null> = {};
      for (const [c, v] of Object.entries(row)) cols[c.toLowerCase()] = v;
      cols.create_audit_key = key;
      cols.update_audit_key = key;
      if (!cfg) {
        const first = FIRST_TIME.find((c) => cols[c] !== undefined && cols[c] !== null);
        cols.start_date_time_key = first ? Math.floor(Number(cols[first]) / 900) * 900 : 0;
      }
      const names = Object.keys(cols);
      const upd = names.filter((n) => !pkCols.includes(n) && n !== 'create_audit_key');
      await tx.query(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (${pkCols.join(', ')}) DO UPDATE SET ${upd.map((n) => `${n} = excluded.${n}`).join(', ')}`,
        Object.values(cols),
      );
    }
    return key;
  });
}

export function envAt(refTs: number, over: Partial<TransformEnv> = {}): TransformEnv {
  return {
    refTs,
    delayedDataThreshold: 900,
    maxCallDuration: 3600,
    stuckThreshold: 28860,
    factorDndIntoStates: false,
    ...over,
  };
}

let jobSeq = 1000;
export async function transformAt(
  db: Db,
  refTs: number,
  opts: {
    env?: Partial<TransformEnv>;
    chunkSize?: number;
    aggregation?: boolean;
    onProgress?: (p: ProgressReport) => void;
  } = {},
): Promise<TransformRunResult> {
  jobSeq += 1;
  return runTransform({
    db,
    jobId: String(jobSeq),
    env: envAt(refTs, opts.env),
    chunkSize: opts.chunkSize ?? 7200,
    aggregationEnabled: opts.aggregation ?? false,
    kinds: UNIT_KINDS,
    nowMs: () => refTs * 1000,
    onProgress: opts.onProgress,
  });
}

export const FACT_TABLES = [
  'sm_res_session_fact',
  'sm_res_state_fact',
  'sm_res_state_reason_fact',
  'sm_media_neutral_state_fact',
  'resource_group_fact_',
  'resource_',
  'tenant',
  'group_',
  'place',
  'resource_state_reason',
] as const;

/** md5 over every row (all columns, audit keys included) of each fact and dimension table. */
export async function checksums(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of FACT_TABLES) {
    const r = await db.query<{ s: string | null; n: string }>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS s, count(*) AS n FROM ${t} x`,
    );
    out[t] = `${r.rows[0]?.n}:${r.rows[0]?.s ?? 'empty'}`;
  }
  return out;
}

/** Fact content without surrogate keys and audit keys (equal whatever commits produced it). */
export async function contentChecksums(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of FACT_TABLES.filter((x) => x.endsWith('_fact') || x === 'resource_group_fact_')) {
    const c = await db.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1
          AND column_name NOT IN ('create_audit_key', 'update_audit_key', 'sm_res_session_fact_key', $2)
        ORDER BY ordinal_position`,
      [t, `${t.replace(/_$/, '')}_key`],
    );
    const cols = c.rows.map((x) => x.c).join(', ');
    const r = await db.query<{ s: string | null; n: string }>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS s, count(*) AS n FROM (SELECT ${cols} FROM ${t}) x`,
    );
    out[t] = `${r.rows[0]?.n}:${r.rows[0]?.s ?? 'empty'}`;
  }
  return out;
}

// The ETL status document (jobs reference 6): server state and blocking reasons; per data source
// and IDB table the high-water mark, lag, last chunk and delayed-data alarm, with the IDBs' HA
// coverage; the last cycle; transform marks; aggregation backlog and re-aggregation ledger;
// partition and calendar headroom; the extraction runs of the last day for the lag/rows chart.
// The types are the API's contract (GET /api/v1/etl-status), the web page and /metrics read them.
import type { ResolvedConfig } from '../config/types.ts';
import { fromDbStatus } from '../core/run-state.ts';
import type { Db } from '../db/types.ts';
import { LEVELS } from '../jobs/aggregate-gim/levels.ts';
import { readReaggregationLedger, type ReaggregationLedger } from '../jobs/aggregate-gim/ledger.ts';
import { extractionStatus } from '../jobs/extract-icon/status.ts';
import { calendarHeadroomDays } from '../jobs/shared/calendar.ts';
import { listPartitions } from '../jobs/shared/partitions.ts';
import type { JobView, ServerStateView } from '../service-types.ts';

/** One IDB table of one data source (DAP and role). Times are epoch seconds (UTC). */
export interface ExtractionTableStatus {
  readonly dapName: string;
  readonly role: string;
  readonly dataSourceKey: number;
  readonly haSet: string | null;
  /** null while the data source never completed a chunk. */
  readonly tableName: string | null;
  /** High-water mark (the IDB change marker), as text: it may exceed 2^53. */
  readonly hwm: string | null;
  readonly lastChunkTs: number | null;
  readonly lastChunkRows: number | null;
  /** Newest event time (MAX_TS) extracted from the table so far. */
  readonly newestEventTs: number | null;
  /** How long the data source has not advanced (the delayed-data alarm's measure, jobs 5.2). */
  readonly lagSeconds: number;
  readonly alarm: boolean;
}

/** One provider session of a data source's IDB [startTs, endTs); endTs null = still open. */
export interface HaCoverageSession {
  readonly dapName: string;
  readonly role: string;
  readonly haSet: string | null;
  readonly providerTag: number;
  readonly dssId: number;
  readonly startTs: number | null;
  readonly endTs: number | null;
}

export interface CycleJob {
  readonly jobId: string;
  readonly job: string;
  readonly status: JobView['status'];
  readonly startTs: number | null;
  readonly endTs: number | null;
  readonly durationSeconds: number | null;
  readonly rows: number;
  readonly reason: string | null;
}

export interface LastCycle {
  readonly cycleId: string;
  readonly jobs: readonly CycleJob[];
}

export interface TransformMark {
  readonly name: string;
  readonly value: string | null;
  readonly value2: string | null;
  readonly jobId: string;
  readonly createdTs: number | null;
}

/** PENDING_AGG rows waiting (pending) or being aggregated (running) at one level. */
export interface AggregationBacklogLevel {
  readonly level: string;
  readonly pending: number;
  readonly running: number;
  /** Start (DATE_TIME_KEY, epoch s) of the oldest range still to aggregate. */
  readonly oldestStartTs: number | null;
}

export interface PartitionHeadroom {
  readonly table: string;
  /** Exclusive upper bound of the newest ranged partition (epoch s). */
  readonly upToTs: number;
  readonly daysAhead: number;
}

/** One Job_ExtractICON run of the chart (the last 24 h). */
export interface ExtractionSample {
  readonly jobId: string;
  readonly cycleId: string | null;
  readonly status: JobView['status'];
  readonly startTs: number;
  readonly endTs: number;
  /** Rows written by the run. */
  readonly rows: number;
  /** End of the run minus the newest event time extracted up to then; null before any data. */
  readonly lagSeconds: number | null;
}

export interface EtlStatus {
  /** When the document was read (epoch s). */
  readonly generatedTs: number;
  readonly server: ServerStateView;
  readonly extraction: {
    readonly delayedDataThresholdSeconds: number | null;
    readonly tables: readonly ExtractionTableStatus[];
    readonly coverage: readonly HaCoverageSession[];
  };
  readonly lastCycle: LastCycle | null;
  readonly transformMarks: readonly TransformMark[];
  readonly aggregation: {
    readonly backlog: readonly AggregationBacklogLevel[];
    readonly ledger: ReaggregationLedger;
  };
  readonly headroom: {
    readonly partitions: readonly PartitionHeadroom[];
    readonly calendarDays: number | null;
  };
  /** Job_ExtractICON runs that ended in the last 24 h, oldest first. */
  readonly recentExtractions: readonly ExtractionSample[];
  /** R24 "complete through" (jobs reference 6, item 3), when this version computes it. */
  readonly completeThrough?: unknown;
}

export interface EtlStatusInput {
  readonly nowMs: number;
  readonly server: ServerStateView;
  readonly config: ResolvedConfig | null;
}

/** The document of a server that has no (readable) Info Mart yet: only its state. */
export function emptyEtlStatus(server: ServerStateView, nowMs: number): EtlStatus {
  return {
    generatedTs: Math.floor(nowMs / 1000),
    server,
    extraction: { delayedDataThresholdSeconds: null, tables: [], coverage: [] },
    lastCycle: null,
    transformMarks: [],
    aggregation: { backlog: [], ledger: { requests: [], notified: [] } },
    headroom: { partitions: [], calendarDays: null },
    recentExtractions: [],
  };
}

const tenth = (n: number): number => Math.floor(n * 10) / 10;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Which of the tables this document reads exist (a server in the migration state may lack some). */
async function presentTables(db: Db): Promise<Set<string>> {
  const names = [
    'ctl_etl_history',
    'ctl_extract_history',
    'ctl_ds',
    'ctl_ds_coverage',
    'ctl_transform_history',
    'pending_agg',
    'agg_reagg_request',
    'date_time',
  ];
  const r = await db.query<{ t: string }>(
    `SELECT x.t FROM unnest($1::text[]) AS x(t) WHERE to_regclass(x.t) IS NOT NULL`,
    [names],
    { name: 'etl-status.tables' },
  );
  return new Set(r.rows.map((x) => x.t));
}

async function readTables(db: Db, config: ResolvedConfig, nowMs: number): Promise<ExtractionTableStatus[]> {
  const status = await extractionStatus(db, config, nowMs);
  const last = await db.query<{
    k: number;
    t: string;
    n: number | null;
    newest: number | null;
  }>(
    `SELECT DISTINCT ON (h.data_source_key, h.table_name) h.data_source_key AS k, h.table_name AS t,
       h.row_count AS n, max(h.max_ts) OVER (PARTITION BY h.data_source_key, h.table_name) AS newest
     FROM ctl_extract_history h
     WHERE h.status = 'SUCCESS' ORDER BY h.data_source_key, h.table_name, h.create_audit_key DESC`,
    [],
    { name: 'etl-status.last-chunks' },
  );
  const ha = await db.query<{ k: number; ha: string | null }>(
    `SELECT data_source_key AS k, ha_set AS ha FROM ctl_ds`,
    [],
    { name: 'etl-status.ha-sets' },
  );
  const haOf = new Map(ha.rows.map((x) => [Number(x.k), x.ha]));
  const byKey = new Map(last.rows.map((x) => [`${x.k}|${x.t}`, x]));
  return status.map((s) => {
    const chunk = s.tableName ? byKey.get(`${s.dataSourceKey}|${s.tableName}`) : undefined;
    return {
      dapName: s.dapName,
      role: s.role,
      dataSourceKey: s.dataSourceKey,
      haSet: haOf.get(s.dataSourceKey) ?? null,
      tableName: s.tableName,
      hwm: s.hwm,
      lastChunkTs: s.lastChunkTs,
      lastChunkRows: numOrNull(chunk?.n),
      newestEventTs: numOrNull(chunk?.newest),
      lagSeconds: s.lagSeconds,
      alarm: s.alarm,
    };
  });
}

async function readCoverage(db: Db, nowS: number): Promise<HaCoverageSession[]> {
  const r = await db.query<{
    d: string;
    r: string;
    ha: string | null;
    tag: number;
    dss: number;
    s: number | null;
    e: number | null;
  }>(
    `SELECT d.dap_name AS d, d.role AS r, d.ha_set AS ha, c.providertag AS tag, c.dss_id AS dss,
       c.start_ts AS s, c.end_ts AS e
     FROM ctl_ds_coverage c JOIN ctl_ds d ON d.data_source_key = c.data_source_key
     WHERE d.active_flag = 1 AND (c.end_ts IS NULL OR c.end_ts >= $1)
     ORDER BY d.ha_set NULLS LAST, d.dap_name, d.role, c.providertag, c.start_ts NULLS FIRST LIMIT 500`,
    [nowS - 86400],
    { name: 'etl-status.coverage' },
  );
  return r.rows.map((x) => ({
    dapName: x.d,
    role: x.r,
    haSet: x.ha,
    providerTag: Number(x.tag),
    dssId: Number(x.dss),
    startTs: numOrNull(x.s),
    endTs: numOrNull(x.e),
  }));
}

interface RunRowRaw {
  job_id: string;
  job_name: string;
  status: string;
  start_ts: number | null;
  end_ts: number | null;
  cycle_id: string | null;
  reason: string | null;
  n: string | number | null;
}

async function readLastCycle(db: Db, nowS: number): Promise<LastCycle | null> {
  const r = await db.query<RunRowRaw>(
    `SELECT e.job_id, e.job_name, e.status, e.start_ts, e.end_ts, e.cycle_id, e.reason,
       (SELECT COALESCE(sum(v.value::bigint), 0) FROM jsonb_each_text(COALESCE(e.row_counts, '{}'::jsonb)) v) AS n
     FROM ctl_etl_history e
     WHERE e.cycle_id = (SELECT cycle_id FROM ctl_etl_history WHERE job_name = 'Job_ExtractICON'
                           AND cycle_id IS NOT NULL ORDER BY job_id::bigint DESC LIMIT 1)
     ORDER BY e.job_id::bigint`,
    [],
    { name: 'etl-status.last-cycle' },
  );
  const first = r.rows[0];
  if (!first?.cycle_id) return null;
  return {
    cycleId: first.cycle_id,
    jobs: r.rows.map((x) => {
      const start = numOrNull(x.start_ts);
      const end = numOrNull(x.end_ts);
      return {
        jobId: x.job_id,
        job: x.job_name,
        status: fromDbStatus(x.status),
        startTs: start,
        endTs: end,
        durationSeconds: start === null ? null : (end ?? nowS) - start,
        rows: Number(x.n ?? 0),
        reason: x.reason,
      };
    }),
  };
}

async function readTransformMarks(db: Db): Promise<TransformMark[]> {
  const r = await db.query<{ n: string; v: string | null; v2: string | null; j: string; c: number | null }>(
    `SELECT DISTINCT ON (hwm_name) hwm_name AS n, hwm_value::text AS v, hwm_value2 AS v2, job_id AS j,
       created_ts AS c
     FROM ctl_transform_history ORDER BY hwm_name, audit_key DESC NULLS LAST, created_ts DESC NULLS LAST`,
    [],
    { name: 'etl-status.transform-marks' },
  );
  return r.rows.map((x) => ({ name: x.n, value: x.v, value2: x.v2, jobId: x.j, createdTs: numOrNull(x.c) }));
}

async function readBacklog(db: Db): Promise<AggregationBacklogLevel[]> {
  const r = await db.query<{ l: string; p: number; r: number; o: number | null }>(
    `SELECT agg_level AS l, count(*) FILTER (WHERE status = 0)::int AS p,
       count(*) FILTER (WHERE status = 1)::int AS r, min(start_date_time_key) AS o
     FROM pending_agg WHERE status IN (0, 1) GROUP BY agg_level`,
    [],
    { name: 'etl-status.aggregation-backlog' },
  );
  const byLevel = new Map(r.rows.map((x) => [x.l, x]));
  // Every level is listed (zero when idle), in chain order, so a scrape sees a stable series.
  return LEVELS.map((level) => {
    const x = byLevel.get(level);
    return {
      level,
      pending: Number(x?.p ?? 0),
      running: Number(x?.r ?? 0),
      oldestStartTs: numOrNull(x?.o),
    };
  });
}

async function readPartitionHeadroom(db: Db, nowS: number): Promise<PartitionHeadroom[]> {
  const ahead = new Map<string, number>();
  for (const p of await listPartitions(db)) {
    if (!p.range) continue;
    const to = Number(p.range[1]);
    if (Number.isFinite(to)) ahead.set(p.parent, Math.max(ahead.get(p.parent) ?? -Infinity, to));
  }
  return [...ahead.entries()]
    .map(([table, to]) => ({ table, upToTs: to, daysAhead: tenth((to - nowS) / 86400) }))
    .sort((a, b) => a.daysAhead - b.daysAhead || a.table.localeCompare(b.table));
}

async function readRecentExtractions(db: Db, nowS: number): Promise<ExtractionSample[]> {
  // Newest event time extracted up to each run's end: the newest before the day, then a running
  // maximum over the runs' own chunks (chunk JOB_ID = "<run id>#<chunk no>").
  const r = await db.query<RunRowRaw & { data_ts: number | null }>(
    `WITH runs AS (
       SELECT e.job_id, e.job_name, e.status, e.start_ts, e.end_ts, e.cycle_id, e.reason,
         (SELECT COALESCE(sum(v.value::bigint), 0)
            FROM jsonb_each_text(COALESCE(e.row_counts, '{}'::jsonb)) v) AS n
       FROM ctl_etl_history e
       WHERE e.job_name = 'Job_ExtractICON' AND e.end_ts >= $1 AND e.start_ts IS NOT NULL),
     chunks AS (
       SELECT split_part(h.job_id, '#', 1) AS job_id, max(h.max_ts) AS m FROM ctl_extract_history h
       WHERE h.status = 'SUCCESS' AND h.created_ts >= $1 GROUP BY 1),
     base AS (
       SELECT max(h.max_ts) AS m FROM ctl_extract_history h WHERE h.status = 'SUCCESS' AND h.created_ts < $1)
     SELECT runs.*, max(GREATEST(c.m, base.m)) OVER (ORDER BY runs.end_ts, runs.job_id::bigint
         ROWS UNBOUNDED PRECEDING) AS data_ts
     FROM runs CROSS JOIN base LEFT JOIN chunks c ON c.job_id = runs.job_id
     ORDER BY runs.end_ts, runs.job_id::bigint LIMIT 3000`,
    [nowS - 86400],
    { name: 'etl-status.recent-extractions' },
  );
  return r.rows.map((x) => {
    const end = Number(x.end_ts);
    const dataTs = numOrNull(x.data_ts);
    return {
      jobId: x.job_id,
      cycleId: x.cycle_id,
      status: fromDbStatus(x.status),
      startTs: Number(x.start_ts),
      endTs: end,
      rows: Number(x.n ?? 0),
      lagSeconds: dataTs === null ? null : Math.max(0, end - dataTs),
    };
  });
}

export async function readEtlStatus(db: Db, input: EtlStatusInput): Promise<EtlStatus> {
  const nowS = Math.floor(input.nowMs / 1000);
  const empty = emptyEtlStatus(input.server, input.nowMs);
  const has = await presentTables(db);
  const extractionReady = has.has('ctl_extract_history') && has.has('ctl_ds');
  const tables = extractionReady && input.config ? await readTables(db, input.config, input.nowMs) : [];
  const coverage = has.has('ctl_ds_coverage') && has.has('ctl_ds') ? await readCoverage(db, nowS) : [];
  const history = has.has('ctl_etl_history');
  const ledgerReady = has.has('agg_reagg_request') && has.has('pending_agg');
  const calendar = has.has('date_time') ? await calendarHeadroomDays(db, input.nowMs) : null;
  return {
    ...empty,
    extraction: {
      delayedDataThresholdSeconds: input.config?.gimEtl.delayedDataThreshold ?? null,
      tables,
      coverage,
    },
    lastCycle: history ? await readLastCycle(db, nowS) : null,
    transformMarks: has.has('ctl_transform_history') ? await readTransformMarks(db) : [],
    aggregation: {
      backlog: has.has('pending_agg') ? await readBacklog(db) : [],
      ledger: ledgerReady ? await readReaggregationLedger(db, { limit: 50 }) : empty.aggregation.ledger,
    },
    headroom: {
      partitions: await readPartitionHeadroom(db, nowS),
      calendarDays: calendar === null ? null : tenth(calendar),
    },
    recentExtractions: history && extractionReady ? await readRecentExtractions(db, nowS) : [],
  };
}

// Extraction state for the ETL status page and the delayed-data alarm (jobs 5.2): per data
// source and IDB table the high-water mark, the last chunk, and the provider's lag. A provider
// lags while its IDB has an open data-source connection and none of its tables' marks advanced,
// or while its IDB cannot be read (no successful chunk at all) — project choice. The configuration
// provider lags only in the second case.
import type { ResolvedConfig } from '../../config/types.ts';
import type { Queryable } from '../../db/types.ts';
import { PROVIDER_TAG } from './plan.ts';

export interface ExtractionStatusRow {
  readonly dataSourceKey: number;
  readonly dapName: string;
  readonly role: string;
  /** IDB table; null when this data source never completed a chunk. */
  readonly tableName: string | null;
  readonly hwm: string | null;
  /** CREATED_TS (epoch s) of the table's last successful chunk. */
  readonly lastChunkTs: number | null;
  /** Seconds the provider lags (see above). */
  readonly lagSeconds: number;
  readonly alarm: boolean;
}

interface Raw {
  k: number;
  d: string;
  r: string;
  created: number | null;
  t: string | null;
  hwm: string | null;
  last_ts: number | null;
  advance_ts: number | null;
  tag: number | null;
  open: boolean;
}

export async function extractionStatus(
  db: Queryable,
  config: ResolvedConfig,
  nowMs: number,
): Promise<ExtractionStatusRow[]> {
  const r = await db.query<Raw>(
    `WITH last AS (
       SELECT data_source_key, table_name, max(created_ts) AS last_ts,
         max(created_ts) FILTER (WHERE hwm_seq > prev_hwm_seq) AS advance_ts,
         (array_agg(hwm_seq ORDER BY create_audit_key DESC))[1]::text AS hwm, max(providertag) AS tag
       FROM ctl_extract_history WHERE status = 'SUCCESS' GROUP BY data_source_key, table_name)
     SELECT d.data_source_key AS k, d.dap_name AS d, d.role AS r, d.created_ts AS created, l.table_name AS t,
       l.hwm, l.last_ts, l.advance_ts, l.tag,
       EXISTS (SELECT 1 FROM ctl_ds_coverage c WHERE c.data_source_key = d.data_source_key
                  AND c.providertag = l.tag AND c.end_ts IS NULL) AS open
     FROM ctl_ds d LEFT JOIN last l ON l.data_source_key = d.data_source_key
     WHERE d.active_flag = 1 ORDER BY d.dap_name, d.role, l.table_name`,
    [],
    { name: 'extract.status' },
  );
  const now = Math.floor(nowMs / 1000);
  // The provider advanced when any of its tables did.
  const advance = new Map<string, number>();
  for (const x of r.rows) {
    const key = `${x.k}|${x.tag}`;
    if (x.advance_ts !== null) advance.set(key, Math.max(advance.get(key) ?? 0, x.advance_ts));
  }
  const lastSeen = new Map<number, number>();
  for (const x of r.rows)
    if (x.last_ts !== null) lastSeen.set(x.k, Math.max(lastSeen.get(x.k) ?? 0, x.last_ts));
  const threshold = config.gimEtl.delayedDataThreshold;
  return r.rows.map((x) => {
    // Configuration changes are rare by nature: its provider lags only when it cannot be read.
    const since =
      x.open && x.tag !== PROVIDER_TAG.cfg
        ? (advance.get(`${x.k}|${x.tag}`) ?? x.created ?? now)
        : (lastSeen.get(x.k) ?? x.created ?? now);
    const lagSeconds = Math.max(0, now - since);
    return {
      dataSourceKey: x.k,
      dapName: x.d,
      role: x.r,
      tableName: x.t,
      hwm: x.hwm,
      lastChunkTs: x.last_ts,
      lagSeconds,
      alarm: lagSeconds > threshold,
    };
  });
}

/** One warning per lagging data source, naming its tables. */
export async function delayedDataAlarms(
  db: Queryable,
  config: ResolvedConfig,
  nowMs: number,
  unreachableKeys: readonly number[],
): Promise<string[]> {
  const rows = await extractionStatus(db, config, nowMs);
  const bySource = new Map<number, ExtractionStatusRow[]>();
  for (const row of rows) {
    if (!row.alarm) continue;
    bySource.set(row.dataSourceKey, [...(bySource.get(row.dataSourceKey) ?? []), row]);
  }
  return [...bySource.values()].map((list) => {
    const first = list[0]!;
    const lag = Math.max(...list.map((x) => x.lagSeconds));
    const tables = list.flatMap((x) => (x.tableName ? [x.tableName] : []));
    const why = unreachableKeys.includes(first.dataSourceKey) ? 'IDB unreachable' : 'no new data';
    return (
      `delayed-data alarm: dap:${first.dapName} ${first.role} lags ${lag} s ` +
      `(threshold ${config.gimEtl.delayedDataThreshold} s, ${why})` +
      (tables.length > 0 ? `: ${tables.join(', ')}` : '')
    );
  });
}

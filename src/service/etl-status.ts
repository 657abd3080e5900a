// The ETL status page's facts (jobs reference 6): server state, per data source and table the
// high-water mark and its last chunk, transform marks, aggregation backlog, partition and
// calendar headroom. Fields for capabilities this version does not have yet stay empty lists.
import type { Db } from '../db/types.ts';
import type { ServerStateView } from '../service-types.ts';
import { calendarHeadroomDays } from '../jobs/shared/calendar.ts';
import { listPartitions } from '../jobs/shared/partitions.ts';

export interface EtlStatusInput {
  readonly nowMs: number;
  readonly server: ServerStateView;
}

export async function readEtlStatus(db: Db, input: EtlStatusInput): Promise<Record<string, unknown>> {
  const nowS = Math.floor(input.nowMs / 1000);
  const marks = await db.query(
    `SELECT DISTINCT ON (h.data_source_key, h.table_name) h.dap_name, h.data_source_key, h.table_name, h.hwm_seq,
       h.max_ts, h.row_count, h.created_ts AS last_chunk_ts, $1::int - h.max_ts AS lag_seconds
     FROM ctl_extract_history h WHERE h.status = 'SUCCESS'
     ORDER BY h.data_source_key, h.table_name, h.create_audit_key DESC`,
    [nowS],
    { name: 'etl-status.extract-marks' },
  );
  const transform = await db.query(
    `SELECT DISTINCT ON (hwm_name) hwm_name, hwm_value, created_ts FROM ctl_transform_history
     ORDER BY hwm_name, audit_key DESC NULLS LAST`,
    [],
    { name: 'etl-status.transform-marks' },
  );
  const backlog = await db.query(
    `SELECT agg_level, status, count(*)::int AS n, min(start_date_time_key) AS oldest_start
     FROM pending_agg WHERE status IN (0, 1) GROUP BY agg_level, status ORDER BY agg_level, status`,
    [],
    { name: 'etl-status.aggregation-backlog' },
  );
  const lastCycle = await db.query(
    `SELECT job_id, job_name, status, start_ts, end_ts, cycle_id FROM ctl_etl_history
     WHERE cycle_id = (SELECT cycle_id FROM ctl_etl_history WHERE job_name = 'Job_ExtractICON' AND cycle_id IS NOT NULL
                       ORDER BY job_id::bigint DESC LIMIT 1)
     ORDER BY job_id::bigint`,
    [],
    { name: 'etl-status.last-cycle' },
  );
  const parts = await listPartitions(db);
  const ahead = new Map<string, number>();
  for (const p of parts) {
    if (!p.range) continue;
    const to = Number(p.range[1]);
    if (Number.isFinite(to)) ahead.set(p.parent, Math.max(ahead.get(p.parent) ?? -Infinity, to));
  }
  const partitionHeadroom = [...ahead.entries()]
    .map(([table, to]) => ({ table, daysAhead: Math.floor(((to - nowS) / 86400) * 10) / 10 }))
    .sort((a, b) => a.daysAhead - b.daysAhead);
  const cal = await calendarHeadroomDays(db, input.nowMs);
  return {
    server: input.server,
    extraction: marks.rows,
    transformMarks: transform.rows,
    aggregationBacklog: backlog.rows,
    lastCycle: lastCycle.rows,
    partitionHeadroom,
    calendarHeadroomDays: cal === null ? null : Math.floor(cal * 10) / 10,
  };
}

// Per GIDB table transform marks (CTL_TRANSFORM_HISTORY, data-model 4.6): HWM_VALUE = the largest
// UPDATE_AUDIT_KEY consumed. The bound is the table's largest key when the run starts, so rows
// committed while the job runs wait for the next run.
import type { Queryable } from '../../db/types.ts';

export interface TableMark {
  /** Lower-case GIDB table name. */
  readonly table: string;
  readonly mark: number;
  /** Equal to mark when nothing changed. */
  readonly bound: number;
}

export async function readMark(q: Queryable, table: string): Promise<TableMark> {
  const r = await q.query<{ mark: string | null; bound: string | null }>(
    `SELECT (SELECT max(hwm_value) FROM ctl_transform_history WHERE hwm_name = $1) AS mark,
            (SELECT max(update_audit_key) FROM ${table}) AS bound`,
    [table.toUpperCase()],
    { name: 'transform.read-mark' },
  );
  const mark = Number(r.rows[0]?.mark ?? 0);
  const bound = Math.max(mark, Number(r.rows[0]?.bound ?? 0));
  return { table, mark, bound };
}

export interface MarkWrite {
  readonly jobId: string;
  readonly jobVersion: string;
  readonly startMs: number;
  readonly nowMs: number;
  readonly auditKey: number;
  readonly rowCount: number;
}

export async function writeMark(q: Queryable, m: TableMark, w: MarkWrite): Promise<void> {
  await q.query(
    `INSERT INTO ctl_transform_history (job_id, hwm_name, job_version, hwm_value, transform_start_time,
       transform_end_time, row_count, audit_key, created_ts)
     VALUES ($1, $2, $3, $4, to_timestamp($5::double precision / 1000) AT TIME ZONE 'UTC',
       to_timestamp($6::double precision / 1000) AT TIME ZONE 'UTC', $7, $8, floor($6::double precision / 1000))
     ON CONFLICT (job_id, hwm_name) DO UPDATE SET hwm_value = excluded.hwm_value,
       transform_end_time = excluded.transform_end_time, audit_key = excluded.audit_key`,
    [w.jobId, m.table.toUpperCase(), w.jobVersion, m.bound, w.startMs, w.nowMs, w.rowCount, w.auditKey],
    { name: 'transform.write-mark' },
  );
}

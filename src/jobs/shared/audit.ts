// CTL_AUDIT_LOG: one row per committed transaction (data-model 4.6). Every GIDB, dimension and
// fact row a transaction writes carries its audit key in CREATE_/UPDATE_AUDIT_KEY.
import type { Queryable } from '../../db/types.ts';

export interface AuditLogEntry {
  /** A key from nextAuditKey() when rows were written with it before the log row. */
  readonly auditKey?: number;
  readonly jobId: string;
  readonly jobName: string;
  readonly dataSourceKey?: number | null;
  readonly minStartKey?: number | null;
  readonly maxStartKey?: number | null;
  readonly maxEndKey?: number | null;
  readonly maxChunkTs?: number | null;
  readonly rowCount?: number | null;
  /** Time of the unit of work (epoch ms, the job's clock): CREATED and CREATED_TS. */
  readonly createdMs: number;
}

function toKey(v: unknown): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`audit key ${String(v)} is not a safe integer`);
  return n;
}

/** Takes the next audit key (for writing rows before knowing whether the log row is needed). */
export async function nextAuditKey(tx: Queryable): Promise<number> {
  const r = await tx.query<{ k: string | number }>(`SELECT nextval('ctl_audit_key_seq') AS k`, [], {
    name: 'audit.next-key',
  });
  return toKey(r.rows[0]?.k);
}

/** Inserts the transaction's CTL_AUDIT_LOG row and returns its audit key. */
export async function insertAuditLog(tx: Queryable, e: AuditLogEntry): Promise<number> {
  const key = e.auditKey ?? (await nextAuditKey(tx));
  await tx.query(
    `INSERT INTO ctl_audit_log (audit_key, job_id, job_name, created, inserted, processing_status_key,
       min_start_date_time_key, max_start_date_time_key, max_end_date_time_key, max_chunk_ts,
       data_source_key, row_count, created_ts)
     VALUES ($1, $2, $3, to_timestamp($4::double precision / 1000) AT TIME ZONE 'UTC',
       clock_timestamp() AT TIME ZONE 'UTC', 0, $5, $6, $7, $8, $9, $10, floor($4::double precision / 1000))`,
    [
      key,
      e.jobId,
      e.jobName,
      e.createdMs,
      e.minStartKey ?? null,
      e.maxStartKey ?? null,
      e.maxEndKey ?? null,
      e.maxChunkTs ?? null,
      e.dataSourceKey ?? null,
      e.rowCount ?? null,
    ],
    { name: 'audit.insert-log' },
  );
  return key;
}

// One extraction chunk = one Info Mart transaction (data-model 3.1): the rows already read from
// the IDB are COPYed into a temporary table, merged into the GIDB copy by a few set-based
// statements (merge-sql.ts), and recorded by one CTL_AUDIT_LOG row and one CTL_EXTRACT_HISTORY
// row carrying the new mark.
import type { Tx } from '../../db/types.ts';
import { insertAuditLog, nextAuditKey } from '../shared/audit.ts';
import { unsafeMergeStatements } from './merge-sql.ts';
import type { MergeStatements } from './merge-sql.ts';
import { CHG, STAGE, copiedColumns, maxTsSql, stageDdl } from './sql.ts';
import type { TableTask } from './plan.ts';

export interface ChunkInput {
  readonly task: TableTask;
  readonly jobId: string;
  readonly jobName: string;
  /** 1-based chunk number of this table in this run (CTL_EXTRACT_HISTORY.JOB_ID `#n`). */
  readonly chunkNo: number;
  /** The CSV body (no header) read from the IDB. */
  readonly csv: string;
  readonly prevHwm: bigint;
  readonly etlStartTs: number | null;
  readonly readStartMs: number;
  readonly readEndMs: number;
  readonly nowMs: number;
}

export interface ChunkResult {
  readonly read: number;
  readonly written: number;
  readonly hwm: bigint;
}

const STATS_NAME = 'extract.stage-stats';

const merges = new Map<string, MergeStatements>();

function mergeOf(task: TableTask): MergeStatements {
  const key = `${task.gidbName}|${task.providerTag ?? ''}`;
  let m = merges.get(key);
  if (!m) {
    m = unsafeMergeStatements(task.gidbName, task.providerTag);
    merges.set(key, m);
  }
  return m;
}

export async function applyChunk(tx: Tx, c: ChunkInput): Promise<ChunkResult> {
  const { task } = c;
  const t = task.table;
  await tx.exec(stageDdl(t), { name: 'extract.stage' });
  const cols = [...copiedColumns(t).map((x) => x.name), CHG];
  const read =
    c.csv.length === 0 ? 0 : await tx.copyIn(STAGE, cols, c.csv, { name: `extract.copy ${t.name}` });
  const stats = await tx.query<{ hwm: string | null; max_ts: number | null }>(
    `SELECT max(${CHG})::text AS hwm, max(${maxTsSql(t, 's')}) AS max_ts FROM ${STAGE} s`,
    [],
    { name: STATS_NAME },
  );
  const maxChg = stats.rows[0]?.hwm;
  const hwm = t.fullCopy || maxChg == null ? c.prevHwm : BigInt(maxChg);
  const maxTs = stats.rows[0]?.max_ts ?? null;
  const auditKey = await nextAuditKey(tx);
  let written = 0;
  let minStart: number | null = null;
  let maxStart: number | null = null;
  if (read > 0) {
    const m = mergeOf(task);
    const etl = t.kind === 'config' ? null : c.etlStartTs;
    let staged = read;
    if (m.notKept && etl !== null)
      staged -= (await tx.query(m.notKept, [etl], { name: `extract.not-kept ${task.gidbName}` })).rowCount;
    staged -= (await tx.query(m.dedupe, [], { name: `extract.dedupe ${task.gidbName}` })).rowCount;
    // The staged chunk has no statistics and the GIDB table's may be stale: probe the table's
    // primary key row by row instead of hashing the whole table for every chunk.
    await tx.exec(`SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off`, {
      name: 'extract.index-joins',
    });
    const add = async (step: string, sql: string): Promise<number> => {
      const r = await tx.query<{ n: number; lo: number | null; hi: number | null }>(
        sql,
        [task.part.dataSourceKey, auditKey],
        { name: `extract.${step} ${task.gidbName}` },
      );
      const x = r.rows[0];
      if (!x || x.n === 0) return 0;
      written += x.n;
      if (x.lo !== null) minStart = minStart === null ? x.lo : Math.min(minStart, x.lo);
      if (x.hi !== null) maxStart = maxStart === null ? x.hi : Math.max(maxStart, x.hi);
      return x.n;
    };
    const inserted = await add('insert', m.insert);
    // Some staged keys were stored already: they may have moved or changed.
    if (inserted < staged) {
      if (m.moved) await add('moved', m.moved);
      await add('update', m.update);
    }
  }
  await insertAuditLog(tx, {
    auditKey,
    jobId: c.jobId,
    jobName: c.jobName,
    dataSourceKey: task.part.dataSourceKey,
    minStartKey: minStart,
    maxStartKey: maxStart,
    maxChunkTs: maxTs,
    rowCount: written,
    createdMs: c.nowMs,
  });
  await tx.query(
    `INSERT INTO ctl_extract_history (table_name, data_source_key, icon_dbid, job_id, data_source_type,
       row_count, max_time, max_ts, dss_id, providertag, extract_start_time, extract_end_time, job_name,
       job_version, dap_name, hwm_seq, prev_hwm_seq, status, create_audit_key, created_ts)
     VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7::double precision) AT TIME ZONE 'UTC', $7, $8, $9,
       to_timestamp($10::double precision / 1000) AT TIME ZONE 'UTC',
       to_timestamp($11::double precision / 1000) AT TIME ZONE 'UTC', $12, $13, $14, $15, $16, 'SUCCESS', $17,
       floor($18::double precision / 1000))`,
    [
      t.name,
      task.part.dataSourceKey,
      task.part.iconDbid,
      `${c.jobId}#${c.chunkNo}`,
      task.part.dataSourceType,
      read,
      maxTs,
      task.part.dssId,
      task.providerTag,
      c.readStartMs,
      c.readEndMs,
      c.jobName,
      JOB_VERSION,
      task.part.dap.name,
      hwm.toString(),
      c.prevHwm.toString(),
      auditKey,
      c.nowMs,
    ],
    { name: 'extract.history' },
  );
  return { read, written, hwm };
}

export const JOB_VERSION = '0.1.0';

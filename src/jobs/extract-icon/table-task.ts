// One (data source, IDB table) of a run: chunks from the high-water mark up to the bound. The IDB
// is read before the Info Mart transaction opens, so no Info Mart transaction ever waits on a
// source (DESIGN 5); a stop request ends the loop at the next chunk boundary.
import type { Db } from '../../db/types.ts';
import { SourceUnavailableError } from '../../errors.ts';
import type { JobContext } from '../types.ts';
import { applyChunk } from './chunk.ts';
import type { ChunkResult } from './chunk.ts';
import { withRetries } from './retry.ts';
import type { KeyedLock } from './pool.ts';
import type { TableTask } from './plan.ts';
import { NO_BOUND, unsafeChunkSelect } from './sql.ts';

export interface TableRunDeps {
  readonly ctx: JobContext;
  readonly lock: KeyedLock;
  /** Upper bound per provider tag of this task's IDB. */
  readonly bounds: ReadonlyMap<number, bigint>;
  /** True once the run must end (stop request or a fatal error elsewhere). */
  readonly halted: () => boolean;
  readonly onChunk: (gidbName: string, written: number) => void;
}

export async function readHwm(db: Db, table: string, dataSourceKey: number): Promise<bigint> {
  const r = await db.query<{ h: string | null }>(
    `SELECT hwm_seq::text AS h FROM ctl_extract_history
      WHERE table_name = $1 AND data_source_key = $2 AND status = 'SUCCESS'
      ORDER BY create_audit_key DESC LIMIT 1`,
    [table, dataSourceKey],
    { name: 'extract.hwm' },
  );
  const h = r.rows[0]?.h;
  return h == null ? 0n : BigInt(h);
}

function stripHeader(csv: string): string {
  const nl = csv.indexOf('\n');
  return nl < 0 ? '' : csv.slice(nl + 1);
}

export async function extractTable(deps: TableRunDeps, task: TableTask, idb: Db): Promise<void> {
  const { ctx } = deps;
  const t = task.table;
  const opts = ctx.config.gimEtl;
  // ICON_CFG is read in one pass; GSYS_DNPREMOTELOCATION is copied whole each cycle.
  const onePass = t.kind === 'config' || t.fullCopy;
  const limit = onePass ? null : opts.extractDataChunkSize;
  const bound = task.providerTag === null ? NO_BOUND : (deps.bounds.get(task.providerTag) ?? NO_BOUND);
  let hwm = await readHwm(ctx.db, t.name, task.part.dataSourceKey);
  for (let chunkNo = 1; onePass || chunkNo <= opts.maxChunksPerJob; chunkNo++) {
    if (deps.halted()) return;
    const readStartMs = ctx.clock.now();
    let csv: string;
    try {
      csv = stripHeader(
        await idb.copyOut(unsafeChunkSelect(t, hwm, bound, limit), { name: `extract.read ${t.name}` }),
      );
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new SourceUnavailableError(
        task.part.dap.name,
        `dap:${task.part.dap.name}: reading ${t.name} failed: ${why}`,
        {
          cause: err,
        },
      );
    }
    const readEndMs = ctx.clock.now();
    const prevHwm = hwm;
    const write = (): Promise<ChunkResult> =>
      ctx.db.transaction(
        (tx) =>
          applyChunk(tx, {
            task,
            jobId: ctx.jobId,
            jobName: ctx.jobName,
            chunkNo,
            csv,
            prevHwm,
            etlStartTs: opts.etlStartEpochSeconds,
            readStartMs,
            readEndMs,
            nowMs: ctx.clock.now(),
          }),
        { name: `extract.chunk ${task.gidbName}` },
      );
    const r = await deps.lock.run(task.gidbName, () =>
      withRetries(write, {
        clock: ctx.clock,
        signal: ctx.signal,
        onRetry: (err, n) =>
          ctx.log.warn({ err }, `${task.gidbName} chunk ${chunkNo}: transient error, retry ${n}`),
      }),
    );
    deps.onChunk(task.gidbName, r.written);
    hwm = r.hwm;
    // A chunk shorter than the chunk size reached the bound: nothing is left for this run.
    if (onePass || r.read < opts.extractDataChunkSize) return;
  }
}

// Job_ExtractICON (jobs 5.2, data-model 3): incremental, chunked, restartable copies of the IDBs
// into GIDB_*. ICON_CFG first and whole, then every other role; an unreachable IDB fails only its
// own part (a warning, plus the delayed-data alarm once it lags beyond the threshold). The job
// fails when no source IDB could be reached at all, or when any IDB states a schema version this
// server does not support (R20: nothing is extracted then, and the server enters the migration
// state).
import type { DbLease } from '../../db/shared-handles.ts';
import { JobStoppedError, SourceUnavailableError } from '../../errors.ts';
import { createIdbIndexes } from '../../idb/indexes.ts';
import type { JobContext, JobDefinition, JobOutcome } from '../types.ts';
import { delayedDataAlarms } from './status.ts';
import { sourceDaps, tasksOf } from './plan.ts';
import type { SourcePart, TableTask } from './plan.ts';
import { makeKeyedLock, runPool } from './pool.ts';
import { openCheckedSources } from './pre-check.ts';
import { readSourceInfo, registerDataSources, storeCoverage } from './sources.ts';
import type { SourceInfo } from './sources.ts';
import { extractTable } from './table-task.ts';

export { extractionStatus, delayedDataAlarms } from './status.ts';
export { IDB_VERSION_FAILURE, IdbVersionError, idbVersionProblems } from './pre-check.ts';
export type { ExtractionStatusRow } from './status.ts';

interface Opened {
  readonly lease: DbLease;
  readonly info: SourceInfo;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function runExtraction(ctx: JobContext): Promise<JobOutcome> {
  const daps = sourceDaps(ctx.config.daps);
  const pool = ctx.config.gimEtl.extractDataThreadPoolSize;
  const parts = await registerDataSources(ctx.db, daps, ctx.clock.now());
  // Pre-checks (5.2): every IDB's version first (an unsupported one fails the job: R20), then
  // its missing indexes and the control tables read once per run.
  const checked = await openCheckedSources(daps, pool);
  const failures = checked.failures;
  const opened = new Map<string, Opened>();
  const rowCounts: Record<string, number> = {};
  let chunksDone = 0;
  let rows = 0;
  let fatal: unknown = null;
  try {
    await runPool(daps, pool, async (dap) => {
      const lease = checked.opened.get(dap.name);
      if (!lease) return;
      try {
        await createIdbIndexes(lease.db);
        const info = await readSourceInfo(lease.db);
        await storeCoverage(
          ctx.db,
          parts.filter((p) => p.dap === dap),
          info,
        );
        opened.set(dap.name, { lease, info });
      } catch (err) {
        await lease.release();
        failures.set(dap.name, `dap:${dap.name}: IDB unreachable, not extracted this cycle: ${message(err)}`);
      }
    });
    const lock = makeKeyedLock();
    const runPhase = async (phase: readonly SourcePart[]): Promise<void> => {
      const tasks: TableTask[] = phase.filter((p) => opened.has(p.dap.name)).flatMap(tasksOf);
      await runPool(tasks, pool, async (task) => {
        const name = task.part.dap.name;
        const source = opened.get(name);
        if (!source || failures.has(name) || fatal !== null || ctx.signal.aborted) return;
        try {
          await extractTable(
            {
              ctx,
              lock,
              bounds: source.info.bounds,
              halted: () => fatal !== null || ctx.signal.aborted || failures.has(name),
              onChunk: (gidb, written) => {
                rowCounts[gidb] = (rowCounts[gidb] ?? 0) + written;
                rows += written;
                chunksDone++;
                ctx.progress.report({ rows, chunksDone, detail: `${gidb} (dap:${name})` });
              },
            },
            task,
            source.lease.db,
          );
        } catch (err) {
          if (err instanceof JobStoppedError) return;
          if (err instanceof SourceUnavailableError)
            failures.set(name, `${err.message}; the rest of it waits for the next cycle`);
          else fatal ??= err;
        }
      });
      if (fatal !== null) throw fatal;
      ctx.throwIfStopped();
    };
    await runPhase(parts.filter((p) => p.role === 'ICON_CFG'));
    await runPhase(parts.filter((p) => p.role !== 'ICON_CFG'));
  } finally {
    await Promise.all([...checked.opened.values()].map((l) => l.release()));
  }
  const warnings = [...failures.values()];
  const failedKeys = parts.filter((p) => failures.has(p.dap.name)).map((p) => p.dataSourceKey);
  warnings.push(...(await delayedDataAlarms(ctx.db, ctx.config, ctx.clock.now(), failedKeys)));
  if (daps.length > 0 && opened.size === 0) {
    throw new SourceUnavailableError('all', `no source IDB could be extracted:\n${warnings.join('\n')}`);
  }
  for (const w of warnings) ctx.log.warn(w);
  return { rowCounts, warnings, reason: warnings.length > 0 ? 'completed with warnings' : undefined };
}

export const extractIconJob: JobDefinition = {
  name: 'Job_ExtractICON',
  unavailable: null,
  acceptsParams: false,
  run: runExtraction,
};

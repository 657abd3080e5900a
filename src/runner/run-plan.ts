// CTL_ETL_HISTORY.RUN_PLAN (migration 0023): what a run was set to cover, written when it starts,
// from the options it was given. Only Job_ExtractICON has one: with its CTL_EXTRACT_HISTORY rows
// it tells whether every source table was read up to its bound, none skipped (IDB unreachable)
// or cut by max-chunks-per-job (R24, src/service/complete-through.ts). Extraction itself keeps
// no such record, so the runner, which hands the options to the job, writes it.
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/index.ts';
import type { Db } from '../db/types.ts';
import { idbTablesForRole } from '../idb/catalog.ts';
import { rolesOf, sourceDaps } from '../jobs/extract-icon/plan.ts';
import type { JobName } from '../jobs/types.ts';

export interface ExtractRunPlan {
  readonly chunkSize: number;
  readonly maxChunks: number;
  /** (data source, IDB table) pairs the run is to read: one per table of each role of each source DAP. */
  readonly tables: number;
}

export function extractRunPlan(config: ResolvedConfig): ExtractRunPlan {
  const tables = sourceDaps(config.daps)
    .flatMap(rolesOf)
    .reduce((n, role) => n + idbTablesForRole(role).length, 0);
  return {
    chunkSize: config.gimEtl.extractDataChunkSize,
    maxChunks: config.gimEtl.maxChunksPerJob,
    tables,
  };
}

/** Writes the run's plan; a failure only loses R24 evidence, so it is logged, not thrown. */
export async function recordRunPlan(
  db: Db,
  name: JobName,
  jobId: string,
  config: ResolvedConfig,
  log?: Logger,
): Promise<void> {
  if (name !== 'Job_ExtractICON') return;
  try {
    await db.query(
      `UPDATE ctl_etl_history SET run_plan = $2::jsonb WHERE job_id = $1`,
      [jobId, JSON.stringify(extractRunPlan(config))],
      { name: 'history.run-plan' },
    );
  } catch (err) {
    log?.warn({ err, jobId }, 'could not record the run plan (complete-through evidence)');
  }
}

// Job_MigrateGIM: applies the pending Info Mart migrations (one transaction each, so a failed run
// resumes at the failed step) and completes the extraction indexes of the source IDBs.
import { migrate } from '../../db/migrate.ts';
import { IDB_VERSION_FAILURE, idbVersionProblems } from '../extract-icon/pre-check.ts';
import { sourceDaps } from '../extract-icon/plan.ts';
import type { JobDefinition } from '../types.ts';

export const migrateGimJob: JobDefinition = {
  name: 'Job_MigrateGIM',
  unavailable: null,
  acceptsParams: false,
  async run(ctx) {
    const nowSeconds = Math.floor(ctx.clock.now() / 1000);
    let done = 0;
    const run = await migrate(ctx.db, 'infomart', {
      jobId: ctx.jobId,
      nowSeconds,
      onApplied: (m) => {
        done++;
        ctx.log.info({ migration: m.file }, 'migration applied');
        ctx.progress.report({ chunksDone: done, detail: m.file });
      },
    });
    // With the schema current it checks the IDBs (5.7): an unsupported one keeps the migration state (R20).
    const problems = await idbVersionProblems(sourceDaps(ctx.config.daps));
    if (problems.length > 0) throw new Error(`${IDB_VERSION_FAILURE}: ${problems.join('; ')}`);
    const reason =
      run.applied.length === 0
        ? `schema current at version ${run.status.dbVersion}`
        : `schema migrated to version ${run.status.dbVersion} (${run.applied.map((a) => a.version).join(', ')})`;
    return { rowCounts: { migrations: run.applied.length }, reason };
  },
};

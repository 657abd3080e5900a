// Job_InitializeGIM (jobs reference 5.1): the schema (when the Info Mart has none), fixed
// dimensions, calendars, partitions, and the extraction indexes of every source IDB. A manual
// re-run only adds what is missing.
import type { ResolvedConfig } from '../../config/types.ts';
import { acquireDb } from '../../db/shared-handles.ts';
import { createIdbIndexes } from '../../idb/indexes.ts';
import type { JobContext, JobDefinition } from '../types.ts';
import { initializeGim, type InitializeCalendar } from './initialize.ts';

function calendarsOf(config: ResolvedConfig): InitializeCalendar[] {
  const startYearDefault = config.gimEtl.etlStartDate ? Number(config.gimEtl.etlStartDate.slice(0, 4)) : null;
  return [config.dateTime, ...config.customCalendars].map((c) => ({
    table: c.tableName,
    zone: c.timezone.id,
    firstDayOfWeek: c.firstDayOfWeek,
    minimalDaysInFirstWeek: c.minimalDaysInFirstWeek,
    simpleWeekNumbering: c.simpleWeekNumbering,
    startYear: c.startYear ?? startYearDefault,
    maxDaysAhead: c.maxDaysAhead,
  }));
}

/** Source IDBs get the indexes extraction needs; an unreachable one is a warning, not a failure. */
export async function createSourceIndexes(ctx: JobContext): Promise<{ created: number; warnings: string[] }> {
  const warnings: string[] = [];
  let created = 0;
  const sources = ctx.config.daps.filter((d) => !d.roles.includes('INFO_MART'));
  for (const dap of sources) {
    ctx.throwIfStopped();
    try {
      const lease = await acquireDb(dap.url, {
        user: dap.user ?? undefined,
        password: dap.passwordEnv ? process.env[dap.passwordEnv] : undefined,
        poolSize: 2,
      });
      try {
        const r = await createIdbIndexes(lease.db);
        created += r.created.length;
      } finally {
        await lease.release();
      }
    } catch (err) {
      warnings.push(
        `dap:${dap.name}: IDB indexes not checked: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return { created, warnings };
}

export const initializeGimJob: JobDefinition = {
  name: 'Job_InitializeGIM',
  unavailable: null,
  acceptsParams: false,
  async run(ctx) {
    const c = ctx.config;
    const result = await initializeGim(ctx.db, {
      jobId: ctx.jobId,
      nowMs: ctx.clock.now(),
      calendars: calendarsOf(c),
      partitions: {
        etlStartEpochSeconds: c.gimEtl.etlStartEpochSeconds,
        aheadDays: c.gimEtl.partitioningAheadRange,
        gimIntervalSeconds: c.gimEtl.partitioningIntervalSizeGim,
        gidbIntervalSeconds: c.gimEtl.partitioningIntervalSizeGidb,
      },
      timeRanges: {
        queueAbn: c.agg.timeRangeBounds['QUEUE-ABN'],
        queueAcc: c.agg.timeRangeBounds['QUEUE-ACC'],
      },
      checkStop: () => ctx.throwIfStopped(),
    });
    const idx = await createSourceIndexes(ctx);
    const added = Object.values(result.added).reduce((a, b) => a + b, 0);
    return {
      rowCounts: { ...result.added, partitions: result.partitionsCreated.length, idbIndexes: idx.created },
      warnings: idx.warnings,
      reason: added === 0 && result.partitionsCreated.length === 0 ? 'nothing was missing' : undefined,
    };
  },
};

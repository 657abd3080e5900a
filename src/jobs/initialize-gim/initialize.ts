// Job_InitializeGIM's work (jobs 5.1): partitions, fixed dimensions with the runtime placeholders,
// and calendars. Only adds what is missing: a second run adds nothing and changes nothing else.
// Takes plain option values; the job wrapper (index.ts) maps the resolved configuration to them
// and creates the IDB indexes on the source databases (createIdbIndexes in src/idb).
import type { Db } from '../../db/types.ts';
import { insertAuditLog, nextAuditKey } from '../shared/audit.ts';
import { calendarLastYear, fillCalendar } from '../shared/calendar.ts';
import type { CalendarRules } from '../shared/calendar.ts';
import { CalendarBuilder } from '../shared/calendar-rows.ts';
import { insertFixedDimensions } from '../shared/fixed-dimensions.ts';
import type { TimeRangeBounds } from '../shared/fixed-dimension-rows.ts';
import { ensurePartitions } from '../shared/partitions.ts';

export const INITIALIZE_JOB_NAME = 'Job_InitializeGIM';

export interface InitializeCalendar extends CalendarRules {
  /** `DATE_TIME`, or a custom section's date-time-table-name. */
  readonly table: string;
  /** date-time-start-year resolved to a year, or null = the current local year. */
  readonly startYear: number | null;
  /** date-time-max-days-ahead. */
  readonly maxDaysAhead: number;
}

export interface InitializePartitions {
  /** etl-start-date 00:00 UTC (epoch s), or null = today. */
  readonly etlStartEpochSeconds: number | null;
  /** partitioning-ahead-range (days). */
  readonly aheadDays: number;
  readonly gimIntervalSeconds: number;
  readonly gidbIntervalSeconds: number;
}

export interface InitializeGimOptions {
  readonly jobId: string;
  readonly nowMs: number;
  /** The main calendar first, then the custom ones. */
  readonly calendars: readonly InitializeCalendar[];
  readonly partitions: InitializePartitions;
  readonly timeRanges: TimeRangeBounds;
  /** Called between units of work; throws to stop (JobContext.throwIfStopped). */
  readonly checkStop?: () => void;
}

export interface InitializeGimResult {
  /** Rows added per table (0 where nothing was missing). */
  readonly added: Record<string, number>;
  readonly partitionsCreated: readonly string[];
  /** Rows moved from DEFAULT partitions into new ones. */
  readonly movedRows: number;
}

export async function initializeGim(db: Db, opts: InitializeGimOptions): Promise<InitializeGimResult> {
  const stop = opts.checkStop ?? (() => undefined);
  const nowS = Math.floor(opts.nowMs / 1000);
  const p = opts.partitions;
  // Partitions first, so the audit rows below already land in their own partition.
  const parts = await ensurePartitions(db, {
    fromTs: p.etlStartEpochSeconds ?? nowS - (nowS % 86400),
    toTs: nowS + p.aheadDays * 86400,
    gimIntervalSeconds: p.gimIntervalSeconds,
    gidbIntervalSeconds: p.gidbIntervalSeconds,
  });
  stop();

  const added: Record<string, number> = await db.transaction(
    async (tx) => {
      const auditKey = await nextAuditKey(tx);
      const counts = await insertFixedDimensions(tx, auditKey, opts.timeRanges);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      if (total > 0) {
        await insertAuditLog(tx, {
          auditKey,
          jobId: opts.jobId,
          jobName: INITIALIZE_JOB_NAME,
          rowCount: total,
          createdMs: opts.nowMs,
        });
      }
      return counts;
    },
    { name: 'initialize.fixed-dimensions' },
  );
  stop();

  for (const c of opts.calendars) {
    const firstYear = c.startYear ?? new CalendarBuilder(c).localYearOf(nowS);
    const lastYear = Math.max(firstYear, calendarLastYear(c, opts.nowMs, c.maxDaysAhead));
    const table = c.table.toLowerCase();
    added[table] =
      (added[table] ?? 0) +
      (await fillCalendar(
        db,
        { ...c, table, firstYear, lastYear },
        { jobId: opts.jobId, jobName: INITIALIZE_JOB_NAME, nowMs: opts.nowMs },
      ));
    stop();
  }
  return { added, partitionsCreated: parts.created, movedRows: parts.movedRows };
}

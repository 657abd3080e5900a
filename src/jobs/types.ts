// What a job is, and what it receives when it runs (DESIGN 7, 8).
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/types.ts';
import type { ResolvedConfig } from '../config/index.ts';

export { JOB_NAMES, isJobName, type JobName } from '../core/jobs.ts';
import type { JobName } from '../core/jobs.ts';

export interface ProgressReport {
  /** Rows written so far, per table or in total. */
  readonly rows?: number;
  readonly chunksDone?: number;
  readonly chunksTotal?: number;
  /** What the job is doing now ("GIDB_G_CALL_V chunk 3"). */
  readonly detail?: string;
}

export interface JobProgress {
  report(p: ProgressReport): void;
}

export interface JobContext {
  readonly jobId: string;
  readonly jobName: JobName;
  /** The raw parameter text (only Job_AggregateGIM takes any). */
  readonly params: string;
  /** Aborted when the job is asked to stop: finish the current unit, then end. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** The Info Mart database. */
  readonly db: Db;
  readonly config: ResolvedConfig;
  readonly log: Logger;
  readonly progress: JobProgress;
  /** Throws JobStoppedError when a stop was requested; call between units. */
  throwIfStopped(): void;
}

export interface JobOutcome {
  /** Rows written per table (stored as CTL_ETL_HISTORY.ROW_COUNTS). */
  readonly rowCounts?: Readonly<Record<string, number>>;
  readonly warnings?: readonly string[];
  /** Completed-status detail, e.g. "window ended". */
  readonly reason?: string;
}

export interface JobDefinition {
  readonly name: JobName;
  /** null when runnable; otherwise why this server cannot run it (not built yet, not supported). */
  readonly unavailable: string | null;
  readonly acceptsParams: boolean;
  run(ctx: JobContext): Promise<JobOutcome>;
}

/** A job this version does not implement: listed, never launched, never faked. */
export function makeUnavailableJob(name: JobName, why: string): JobDefinition {
  return {
    name,
    unavailable: why,
    acceptsParams: name === 'Job_AggregateGIM',
    run() {
      return Promise.reject(new Error(`${name} is not available in this version: ${why}`));
    },
  };
}

// Runs one job instance that is already recorded RUNNING: builds its context, calls the job,
// and records how it ended. Stop requests arrive through the AbortSignal; the job checks it
// between units (DESIGN 8).
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/types.ts';
import type { ResolvedConfig } from '../config/index.ts';
import { JobStoppedError } from '../errors.ts';
import type { JobContext, JobDefinition, JobOutcome, ProgressReport } from '../jobs/types.ts';
import { transitionRun, type StoredStatus } from './history.ts';
import type { StopEnd } from '../core/scheduler-state.ts';

export interface ExecuteInput {
  readonly def: JobDefinition;
  readonly jobId: string;
  readonly params: string;
  readonly db: Db;
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly onProgress?: (p: ProgressReport) => void;
  /** How a requested stop ends the run (default Stopped; Completed for R16/R17 aggregation ends). */
  readonly stopEnd?: () => StopEnd;
}

export interface ExecuteResult {
  readonly status: Extract<StoredStatus, 'COMPLETE' | 'FAILED' | 'STOPPED'>;
  readonly outcome: JobOutcome | null;
  readonly error: string | null;
  readonly reason: string | null;
}

function stopReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  if (typeof r === 'string') return r;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  return 'stopped';
}

export function makeJobContext(input: ExecuteInput): JobContext {
  const { def, jobId, params, db, config, clock, signal } = input;
  const log = input.log.child({ job: def.name, jobId });
  return {
    jobId,
    jobName: def.name,
    params,
    signal,
    clock,
    db,
    config,
    log,
    progress: { report: (p) => input.onProgress?.(p) },
    throwIfStopped() {
      if (signal.aborted) throw new JobStoppedError(stopReason(signal));
    },
  };
}

function stoppedStatus(input: ExecuteInput): 'STOPPED' | 'COMPLETE' {
  return input.stopEnd?.() === 'Completed' ? 'COMPLETE' : 'STOPPED';
}

export async function executeRun(input: ExecuteInput): Promise<ExecuteResult> {
  const ctx = makeJobContext(input);
  let result: ExecuteResult;
  try {
    const outcome = await input.def.run(ctx);
    result = input.signal.aborted
      ? { status: stoppedStatus(input), outcome, error: null, reason: stopReason(input.signal) }
      : { status: 'COMPLETE', outcome, error: null, reason: outcome.reason ?? null };
  } catch (err) {
    if (err instanceof JobStoppedError) {
      result = { status: stoppedStatus(input), outcome: null, error: null, reason: err.reason };
    } else {
      const message = err instanceof Error ? err.message : String(err);
      ctx.log.error({ err }, 'job failed');
      result = { status: 'FAILED', outcome: null, error: message, reason: null };
    }
  }
  await transitionRun(input.db, input.jobId, ['RUNNING'], result.status, {
    nowMs: input.clock.now(),
    reason: result.reason,
    errorMessage: result.error,
    rowCounts: result.outcome?.rowCounts ?? null,
    warnings: result.outcome?.warnings ?? null,
  });
  return result;
}

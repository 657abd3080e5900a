// Runs one job instance that is already recorded RUNNING: builds its context, calls the job,
// and records how it ended. Stop requests arrive through the AbortSignal; the job checks it
// between units (DESIGN 8). A kill (kill-switch.ts) rolls the open unit back through the job's
// Db (job-db.ts), which also retries units that fail with a transient error; the retries are
// listed in the run's WARNINGS.
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/types.ts';
import type { ResolvedConfig } from '../config/index.ts';
import { JobStoppedError } from '../errors.ts';
import type { JobContext, JobDefinition, JobOutcome, ProgressReport } from '../jobs/types.ts';
import { transitionRun, type StoredStatus } from './history.ts';
import type { StopEnd } from '../core/scheduler-state.ts';
import { makeJobDb } from './job-db.ts';
import { makeKillSwitch, type KillSwitch } from './kill-switch.ts';
import { recordRunPlan } from './run-plan.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './unit-retry.ts';

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
  /** Who asked for the stop or kill, recorded with the final status. */
  readonly stoppedBy?: () => string | null;
  /** Flipped to roll the open unit back (admin kill, cancel-threshold, shutdown grace over). */
  readonly kill?: KillSwitch;
  /** Transient-error retries of a unit (default: 3, 30 s apart). */
  readonly retryPolicy?: RetryPolicy;
}

export interface ExecuteResult {
  readonly status: Extract<StoredStatus, 'COMPLETE' | 'FAILED' | 'STOPPED'>;
  readonly outcome: JobOutcome | null;
  readonly error: string | null;
  readonly reason: string | null;
}

function stopReason(signal: AbortSignal, kill?: KillSwitch): string {
  const r: unknown = signal.reason;
  if (typeof r === 'string') return r;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  return kill?.reason ?? 'stopped';
}

/** The context a job receives; `db` is the job's own handle (see makeJobDb). */
export function makeJobContext(input: ExecuteInput, db: Db = input.db): JobContext {
  const { def, jobId, params, config, clock, signal } = input;
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
      if (signal.aborted) throw new JobStoppedError(stopReason(signal, input.kill));
    },
  };
}

function stoppedStatus(input: ExecuteInput): 'STOPPED' | 'COMPLETE' {
  return input.stopEnd?.() === 'Completed' ? 'COMPLETE' : 'STOPPED';
}

export async function executeRun(input: ExecuteInput): Promise<ExecuteResult> {
  const kill = input.kill ?? makeKillSwitch();
  const retryWarnings: string[] = [];
  const jobDb = makeJobDb(input.db, {
    clock: input.clock,
    policy: input.retryPolicy ?? DEFAULT_RETRY_POLICY,
    signal: input.signal,
    kill,
    onRetry: (w) => {
      retryWarnings.push(`transient error: ${w}`);
      input.log.warn({ job: input.def.name, jobId: input.jobId }, `transient error: ${w}`);
    },
  });
  const ctx = makeJobContext(input, jobDb);
  let result: ExecuteResult;
  try {
    await recordRunPlan(input.db, input.def.name, input.jobId, input.config, input.log);
    const outcome = await input.def.run(ctx);
    result = input.signal.aborted
      ? { status: stoppedStatus(input), outcome, error: null, reason: stopReason(input.signal, kill) }
      : { status: 'COMPLETE', outcome, error: null, reason: outcome.reason ?? null };
  } catch (err) {
    if (kill.killed || err instanceof JobStoppedError) {
      // A kill wins over whatever error the rollback surfaced in the job.
      const reason = input.signal.aborted
        ? stopReason(input.signal, kill)
        : err instanceof JobStoppedError
          ? err.reason
          : (kill.reason ?? 'killed');
      result = { status: stoppedStatus(input), outcome: null, error: null, reason };
    } else {
      const message = err instanceof Error ? err.message : String(err);
      ctx.log.error({ err }, 'job failed');
      result = { status: 'FAILED', outcome: null, error: message, reason: null };
    }
  }
  const warnings = [...(result.outcome?.warnings ?? []), ...retryWarnings];
  if (kill.killed) warnings.push(`killed (${kill.reason ?? 'killed'}): the open unit was rolled back`);
  await transitionRun(input.db, input.jobId, ['RUNNING'], result.status, {
    nowMs: input.clock.now(),
    reason: result.reason,
    errorMessage: result.error,
    stoppedBy: result.status === 'FAILED' ? null : (input.stoppedBy?.() ?? null),
    rowCounts: result.outcome?.rowCounts ?? null,
    warnings,
  });
  return result;
}

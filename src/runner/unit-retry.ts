// Transient errors roll the unit back; it is retried up to 3 times, 30 s apart (jobs reference 4,
// Failure). The pause listens to the stop signal: a stop (or kill) during it ends the run there,
// the unit having been rolled back already. Exhausted retries end in TransientRetriesExhaustedError,
// which is not a DbError, so no retry loop further out retries the same unit again.
import type { Clock } from '../core/clock.ts';
import { InfomartError, JobStoppedError } from '../errors.ts';
import { JobKilledError, type KillSwitch } from './kill-switch.ts';
import { transientReason } from './transient-errors.ts';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly delayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ retries: 3, delayMs: 30_000 });

export class TransientRetriesExhaustedError extends InfomartError {
  constructor(unit: string, reason: string, retries: number, cause: unknown) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    super('DB_ERROR', `${unit}: ${msg} (transient: ${reason}; still failing after ${retries} retries)`, {
      cause,
    });
  }
}

export interface UnitRetryDeps {
  readonly clock: Clock;
  readonly policy: RetryPolicy;
  /** The run's stop signal: ends a pause. */
  readonly signal: AbortSignal;
  readonly kill: KillSwitch;
  /** One line per retry, for the run's WARNINGS. */
  readonly onRetry: (warning: string) => void;
}

function stopReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return typeof r === 'string' ? r : 'stopped';
}

/** Runs one unit (a transaction, or one statement outside any), retrying transient failures. */
export async function runUnitWithRetries<T>(
  unit: string,
  fn: () => Promise<T>,
  d: UnitRetryDeps,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    d.kill.throwIfKilled();
    try {
      return await fn();
    } catch (err) {
      if (d.kill.killed)
        throw err instanceof JobKilledError ? err : new JobKilledError(d.kill.reason ?? 'killed');
      if (err instanceof JobStoppedError) throw err;
      const reason = transientReason(err);
      if (reason === null) throw err;
      if (attempt > d.policy.retries)
        throw new TransientRetriesExhaustedError(unit, reason, d.policy.retries, err);
      d.onRetry(
        `${unit}: ${reason}; the unit was rolled back, retry ${attempt} of ${d.policy.retries} ` +
          `in ${Math.round(d.policy.delayMs / 1000)} s`,
      );
      try {
        await d.clock.sleep(d.policy.delayMs, d.signal);
      } catch {
        d.kill.throwIfKilled();
        throw new JobStoppedError(stopReason(d.signal));
      }
    }
  }
}

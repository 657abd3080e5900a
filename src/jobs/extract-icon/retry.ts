// Transient Info Mart errors (lost connection, deadlock, serialization failure, lock time-out)
// roll the chunk back; it is retried up to 3 times 30 s apart (jobs reference 4, Failure).
import type { Clock } from '../../core/clock.ts';
import { JobStoppedError, isRetryable } from '../../errors.ts';

export interface RetryOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly retries?: number;
  readonly delayMs?: number;
  readonly retryable?: (err: unknown) => boolean;
  readonly onRetry?: (err: unknown, attempt: number) => void;
}

export async function withRetries<T>(fn: () => Promise<T>, o: RetryOptions): Promise<T> {
  const retries = o.retries ?? 3;
  const retryable = o.retryable ?? isRetryable;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt > retries || !retryable(err)) throw err;
      o.onRetry?.(err, attempt);
      try {
        await o.clock.sleep(o.delayMs ?? 30_000, o.signal);
      } catch {
        // A stop during the pause: the chunk was rolled back, so the run simply ends here.
        throw new JobStoppedError(typeof o.signal?.reason === 'string' ? o.signal.reason : 'stopped');
      }
    }
  }
}

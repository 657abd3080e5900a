// How long after a graceful stop request a job is killed automatically (its open unit rolled
// back). Only aggregation has such a limit: `[agg] cancel-threshold` (jobs reference 1.6, 4;
// 0 = wait for the item to finish). Read from the options the run started with (Effect Restart).
import type { ResolvedConfig } from '../config/index.ts';
import type { JobName } from '../jobs/types.ts';

/** Milliseconds from a stop request to the automatic kill; null = never. */
export function killAfterStopMs(name: JobName, config: ResolvedConfig): number | null {
  if (name !== 'Job_AggregateGIM') return null;
  const s = config.agg.cancelThreshold;
  return s > 0 ? s * 1000 : null;
}

/** After the shutdown grace period, Running jobs are killed and given this long to end. */
export const SHUTDOWN_KILL_WAIT_MS = 10_000;

// Job_AggregateGIM (jobs reference 5.4): the continuous RAA-style aggregation engine. Parameters:
//   -insertPendingAgg <AGR_SET>:<START>:<END>   queue a re-aggregation first (grammar in core)
//   --until-idle                                 batch mode: exit Completed once nothing is pending
import { parseInsertPendingAgg } from '../../core/insert-pending-agg.ts';
import { InfomartError } from '../../errors.ts';
import type { JobContext, JobDefinition, JobOutcome } from '../types.ts';
import { runAggregationLoop } from './engine.ts';
import { queueReaggregation } from './ledger.ts';
import { syncTimeRanges } from './time-ranges.ts';

export const UNTIL_IDLE_FLAG = '--until-idle';

export interface AggregateParams {
  readonly untilIdle: boolean;
  /** The -insertPendingAgg text, or null. */
  readonly insertPendingAgg: string | null;
}

/** Splits the job's parameter text into the --until-idle flag and an -insertPendingAgg request. */
export function splitAggregateParams(params: string): AggregateParams {
  const tokens = params
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  const untilIdle = tokens.includes(UNTIL_IDLE_FLAG);
  const rest = tokens.filter((t) => t !== UNTIL_IDLE_FLAG).join(' ');
  return { untilIdle, insertPendingAgg: rest === '' ? null : rest };
}

async function run(ctx: JobContext): Promise<JobOutcome> {
  const p = splitAggregateParams(ctx.params);
  const warnings: string[] = [];
  if (p.insertPendingAgg !== null) {
    const parsed = parseInsertPendingAgg(p.insertPendingAgg, undefined, {
      now: ctx.clock.now(),
      daysToKeepGimFacts: ctx.config.gimEtl.daysToKeepGimFacts,
      dateTimeTz: ctx.config.dateTime.timezone,
    });
    if (!parsed.ok) throw new InfomartError('BAD_REQUEST', parsed.message);
    const q = await queueReaggregation(ctx.db, parsed.request, null, ctx.clock.now());
    ctx.log.info({ requestId: q.requestId, start: q.start, end: q.end }, 're-aggregation queued');
  }
  await syncTimeRanges(ctx.db, ctx.config.agg);
  const result = await runAggregationLoop({
    db: ctx.db,
    agg: ctx.config.agg,
    clock: ctx.clock,
    signal: ctx.signal,
    untilIdle: p.untilIdle,
    onItem: (item, r, done) =>
      ctx.progress.report({
        chunksDone: done,
        rows: Object.values(r.rows).reduce((a, b) => a + b, 0),
        detail: `${item.hierarchy} ${item.level} ${new Date(r.lo * 1000).toISOString()}..${new Date(r.hi * 1000).toISOString()}`,
      }),
  });
  // A stop ends at an item boundary; the runner records Stopped (or Completed at window end).
  return { rowCounts: result.rows, warnings, reason: p.untilIdle ? 'nothing pending' : undefined };
}

export const aggregateGimJob: JobDefinition = {
  name: 'Job_AggregateGIM',
  unavailable: null,
  acceptsParams: true,
  run,
};

// The aggregation loop (jobs reference 5.4): take the next PENDING_AGG item, recompute its range
// for every hierarchy in scope in ONE transaction (delete + insert, then the next level queued and
// the item marked done), repeat; idle-poll every 10 s through the injected clock; stop only at an
// item boundary.
import type { AggOptions } from '../../config/types.ts';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../db/types.ts';
import { aggTableName, specsInScope } from './hierarchies.ts';
import { nextLevel } from './levels.ts';
import { type PendingItem, claimNext, markDone, queueCascade, revertRunning, widenRange } from './queue.ts';
import { recomputeRange } from './recompute.ts';

export const IDLE_POLL_MS = 10_000;

export interface ItemResult {
  readonly lo: number;
  readonly hi: number;
  /** Rows inserted per AG2 table. */
  readonly rows: Readonly<Record<string, number>>;
}

/** One item, one transaction: nothing of it is visible until all its hierarchies are done. */
export async function processItem(
  db: Db,
  item: PendingItem,
  agg: AggOptions,
  nowS: number,
): Promise<ItemResult> {
  return db.transaction(
    async (tx) => {
      const { lo, hi } = await widenRange(tx, item.level, item.start, item.end, agg.subHourInterval);
      const rows: Record<string, number> = {};
      for (const spec of specsInScope(item.hierarchy)) {
        const n = await recomputeRange(tx, { spec, level: item.level, lo, hi, flavor: item.flavor, agg });
        rows[aggTableName(spec, item.level)] = n;
      }
      const next = nextLevel(item.level);
      if (next) {
        const range = await widenRange(tx, next, lo, hi, agg.subHourInterval);
        await queueCascade(tx, item, next, range, nowS);
      }
      await markDone(tx, item.ids, nowS);
      return { lo, hi, rows };
    },
    { name: 'aggregate.item' },
  );
}

export interface AggregationLoopInput {
  readonly db: Db;
  readonly agg: AggOptions;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Exit when nothing is pending (batch mode); agg-level delays are then not applied. */
  readonly untilIdle: boolean;
  readonly onItem?: (item: PendingItem, result: ItemResult, itemsDone: number) => void;
}

export interface AggregationLoopResult {
  readonly items: number;
  readonly rows: Readonly<Record<string, number>>;
  /** True when the loop ended because the signal was aborted. */
  readonly stopped: boolean;
}

export async function runAggregationLoop(input: AggregationLoopInput): Promise<AggregationLoopResult> {
  const { db, agg, clock, signal } = input;
  await revertRunning(db);
  const rows: Record<string, number> = {};
  let items = 0;
  while (!signal.aborted) {
    const nowS = Math.floor(clock.now() / 1000);
    const claim = await claimNext(db, agg, nowS, { ignoreDelays: input.untilIdle });
    if (claim.kind === 'item') {
      const r = await processItem(db, claim.item, agg, nowS);
      items++;
      for (const [t, n] of Object.entries(r.rows)) rows[t] = (rows[t] ?? 0) + n;
      input.onItem?.(claim.item, r, items);
      continue;
    }
    if (input.untilIdle) break;
    const waitMs =
      claim.kind === 'delayed'
        ? Math.min(IDLE_POLL_MS, Math.max(1000, claim.untilS * 1000 - clock.now()))
        : IDLE_POLL_MS;
    try {
      await clock.sleep(waitMs, signal);
    } catch (e) {
      if (!signal.aborted) throw e;
    }
  }
  return { items, rows, stopped: signal.aborted };
}

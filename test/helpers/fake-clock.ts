// A Clock for tests: time moves only when the test says so. Sleepers wake (in due order) when
// the time is advanced or set past their deadline; rewinding never wakes anyone.

import type { Clock } from '../../src/core/clock.ts';

interface Sleeper {
  readonly until: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export interface FakeClock extends Clock {
  /** Jump to `ms` (forwards or backwards); wakes sleepers whose deadline is reached. */
  set(ms: number): Promise<void>;
  /** Move forward by `ms`, waking sleepers in deadline order at their own instants. */
  advance(ms: number): Promise<void>;
  /** Move backward by `ms` (a clock correction); nobody wakes. */
  rewind(ms: number): void;
  /** Skew the clock: `now()` reads `offsetMs` more (or less) than the test time; sleepers keep the test time. */
  skew(offsetMs: number): void;
  /** Sleepers still waiting. */
  pending(): number;
}

/** Lets awaiting code run after sleepers resolve (several hops for chained awaits). */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise<void>((r) => setImmediate(r));
}

export function makeFakeClock(startMs: number): FakeClock {
  let time = startMs;
  let skewMs = 0;
  let seq = 0;
  let sleepers: Sleeper[] = [];

  async function wakeUntil(target: number): Promise<void> {
    for (;;) {
      const due = sleepers
        .filter((s) => s.until <= target)
        .sort((a, b) => a.until - b.until || a.seq - b.seq)[0];
      if (!due) break;
      sleepers = sleepers.filter((s) => s !== due);
      time = Math.max(time, due.until);
      due.resolve();
      await flush();
    }
    time = target;
    await flush();
  }

  return {
    now: () => time + skewMs,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason ?? new Error('aborted'));
          return;
        }
        if (ms <= 0) {
          resolve();
          return;
        }
        const sleeper: Sleeper = {
          until: time + ms,
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          reject(signal?.reason ?? new Error('aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
      });
    },
    async set(ms) {
      if (ms < time) {
        time = ms;
        return;
      }
      await wakeUntil(ms);
    },
    advance: (ms) => wakeUntil(time + ms),
    rewind(ms) {
      time -= ms;
    },
    skew(offsetMs) {
      skewMs = offsetMs;
    },
    pending: () => sleepers.length,
  };
}

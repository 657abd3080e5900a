// "Which occurrence is due now?" for each schedule, from its last fired instant (section 2:
// the last fired instant is kept, so nothing fires twice, even if the clock goes back).

import { DAY_MS } from './local-time.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import type { ScheduleName } from './scheduler-state.ts';
import { dailyAt, nextCronInstant, nextEtlSlot } from './schedules.ts';

export type NextFn = (afterMs: number) => number;

export function nextFnOf(o: ScheduleOptions, name: ScheduleName): NextFn {
  switch (name) {
    case 'etl':
      return (t) => nextEtlSlot(o, t);
    case 'maintain':
      return (t) => nextCronInstant(dailyAt(o.maintainStartTime), o.timezone, t);
    case 'aggregate':
      return (t) => nextCronInstant(o.aggregateSchedule, o.timezone, t);
    case 'export':
      return (t) => nextCronInstant(o.exportSchedule, o.timezone, t);
    case 'update-stats':
      return (t) => nextCronInstant(o.updateStatsSchedule, o.timezone, t);
  }
}

/**
 * The latest occurrence in (since, now], or null. Without `since` only an occurrence exactly at
 * `now` is due (a fresh start owes nothing). Several due occurrences collapse into one firing.
 */
export function dueOccurrence(next: NextFn, since: number | undefined, now: number): number | null {
  // Older occurrences belong to R22 (missed), never to a normal firing.
  const after = Math.max(since ?? now - 1, now - 2 * DAY_MS);
  let t = next(after);
  if (t > now) return null;
  for (;;) {
    const n = next(t);
    if (n > now) return t;
    t = n;
  }
}

/** Occurrences in (fromMs, toMs) — both ends open — ascending, at most `limit`. */
export function occurrencesBetween(next: NextFn, fromMs: number, toMs: number, limit = 100_000): number[] {
  const out: number[] = [];
  let t = fromMs;
  while (out.length < limit) {
    t = next(t);
    if (t >= toMs) break;
    out.push(t);
  }
  return out;
}

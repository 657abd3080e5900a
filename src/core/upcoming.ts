// The Manager's schedule preview (jobs reference 6, "Beyond Genesys" 1): the next instants of
// each schedule, local and UTC, with DST-affected ones flagged ('gap': the wall time does not
// exist and fires at the first minute after the gap, possibly merged with others; 'repeated':
// the wall time exists twice and fires at its first occurrence only).

import { formatLocalIso, formatUtcIso, localEpochDay, resolveLocal, wallTimeKind } from './local-time.ts';
import type { CronSpec } from './cron.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import { dailyAt, etlSlotMinutes } from './schedules.ts';
import type { Zone } from './zone.ts';

export type UpcomingSchedule = 'etl' | 'maintain' | 'aggregate' | 'export' | 'update-stats';

export interface UpcomingInstant {
  readonly schedule: UpcomingSchedule;
  /** Epoch ms. */
  readonly instant: number;
  readonly at: string;
  readonly utc: string;
  readonly dst: 'gap' | 'repeated' | null;
  /** The schedule's switch (run-maintain, run-aggregates, …) is on; ETL is always on. */
  readonly enabled: boolean;
}

type Wall = { day: number; minute: number };

function cronWalls(spec: CronSpec): (day: number) => Wall[] {
  return (day) => spec.hours.flatMap((h) => spec.minutes.map((m) => ({ day, minute: h * 60 + m })));
}

/** Up to `count` instants >= fromMs of each schedule, in time order per schedule. */
export function upcomingInstants(o: ScheduleOptions, fromMs: number, count: number): UpcomingInstant[] {
  const sources: readonly [UpcomingSchedule, boolean, (day: number) => Wall[]][] = [
    [
      'etl',
      true,
      (day) => etlSlotMinutes(o).map((m) => ({ day: day + Math.floor(m / 1440), minute: m % 1440 })),
    ],
    ['maintain', o.runMaintain, cronWalls(dailyAt(o.maintainStartTime))],
    ['aggregate', o.runAggregates, o.aggregateDuration > 0 ? cronWalls(o.aggregateSchedule) : () => []],
    ['export', o.runExport, cronWalls(o.exportSchedule)],
    ['update-stats', o.runUpdateStats, cronWalls(o.updateStatsSchedule)],
  ];
  const out: UpcomingInstant[] = [];
  for (const [schedule, enabled, walls] of sources)
    out.push(...collect(o.timezone, schedule, enabled, walls, fromMs, count));
  return out;
}

function collect(
  zone: Zone,
  schedule: UpcomingSchedule,
  enabled: boolean,
  walls: (day: number) => Wall[],
  fromMs: number,
  count: number,
): UpcomingInstant[] {
  const byInstant = new Map<number, 'gap' | 'repeated' | null>();
  const firstDay = localEpochDay(zone, fromMs) - 1;
  for (let day = firstDay; day < firstDay + 400 && byInstant.size < count + 200; day++) {
    for (const w of walls(day)) {
      const t = resolveLocal(zone, w.day, w.minute);
      if (t < fromMs) continue;
      const kind = wallTimeKind(zone, w.day, w.minute);
      const flag = kind === 'normal' ? null : kind;
      const prev = byInstant.get(t);
      // A gap-collapsed instant is flagged even when a normal wall time also lands on it.
      byInstant.set(t, prev === 'gap' || flag === 'gap' ? 'gap' : (prev ?? flag));
    }
    if (byInstant.size >= count && day > firstDay + 2) break;
  }
  return [...byInstant.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, count)
    .map(([instant, dst]) => ({
      schedule,
      instant,
      at: formatLocalIso(zone, instant),
      utc: formatUtcIso(instant),
      dst,
      enabled,
    }));
}

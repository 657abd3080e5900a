// `infomart schedule preview`: the real scheduler decisions on a simulated clock (issue 7).
// The simulated server starts at `from`, initialized, with nothing running and nothing owed; an
// instant exactly at `from` fires; aggregation inside its window at `from` starts at once;
// `hours` counts elapsed hours and events after from + hours are not reported.

import { JOB_NAMES, isJobName } from '../core/jobs.ts';
import type { JobName } from '../core/jobs.ts';
import type { ScheduleOptions } from '../core/schedule-options.ts';
import { simulate } from './preview-sim.ts';
import type { PreviewEvent } from './preview-sim.ts';

export type { PreviewEvent, PreviewEventKind } from './preview-sim.ts';

const MIN = 60_000;

/** Assumed run times; null = runs until stopped (Job_AggregateGIM). */
export const DEFAULT_DURATIONS_MS: Readonly<Record<JobName, number | null>> = {
  Job_ExtractICON: 3 * MIN,
  Job_TransformGIM: 5 * MIN,
  Job_MaintainGIM: 45 * MIN,
  Job_UpdateStats: 2 * MIN,
  Job_ExportGIM: 5 * MIN,
  Job_InitializeGIM: 1 * MIN,
  Job_MigrateGIM: 1 * MIN,
  Job_AggregateGIM: null,
};

export const MAX_PREVIEW_HOURS = 24 * 31;

export function runPreview(
  options: ScheduleOptions,
  fromMs: number,
  hours: number,
  assume: Partial<Record<string, number>> = {},
): PreviewEvent[] {
  if (!(hours > 0) || hours > MAX_PREVIEW_HOURS) {
    throw new RangeError(`hours must be > 0 and <= ${MAX_PREVIEW_HOURS}, got ${hours}`);
  }
  for (const name of Object.keys(assume)) {
    if (!isJobName(name))
      throw new RangeError(`unknown job "${name}"; expected one of ${JOB_NAMES.join(', ')}`);
  }
  const events = simulate({
    options,
    fromMs,
    untilMs: fromMs + hours * 3_600_000,
    duration: (job) => assume[job] ?? DEFAULT_DURATIONS_MS[job],
  });
  return events.map(({ at, utc, job, event, reason }) => ({ at, utc, job, event, reason }));
}

const DUR = /^(\d+)(s|m|h)$/;
const UNIT_MS = { s: 1000, m: MIN, h: 60 * MIN } as const;

/** Parses `JOB=DUR,…` with DUR `90s`, `3m` or `1h`. */
export function parseAssume(
  text: string,
): { ok: true; assume: Partial<Record<JobName, number>> } | { ok: false; message: string } {
  const assume: Partial<Record<JobName, number>> = {};
  const expected = `expected JOB=DUR[,JOB=DUR…] with JOB one of ${JOB_NAMES.join(', ')} and DUR like 90s, 3m or 1h`;
  if (text.trim() === '') return { ok: true, assume };
  for (const item of text.split(',')) {
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim();
    const dur = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (!isJobName(name)) return { ok: false, message: `--assume: unknown job "${name}"; ${expected}` };
    const m = DUR.exec(dur);
    if (!m) return { ok: false, message: `--assume: bad duration "${dur}" for ${name}; ${expected}` };
    const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
    if (ms <= 0) return { ok: false, message: `--assume: duration of ${name} must be positive; ${expected}` };
    if (name in assume) return { ok: false, message: `--assume: ${name} given twice` };
    assume[name] = ms;
  }
  return { ok: true, assume };
}

// Shared helpers of the preview/scheduler day tests: run a simulated day and query its events.

import type { JobName } from '../core/jobs.ts';
import { formatLocalIso } from '../core/local-time.ts';
import type { ScheduleOptions } from '../core/schedule-options.ts';
import { DEFAULT_DURATIONS_MS } from './preview.ts';
import { simulate } from './preview-sim.ts';
import type { PreviewEventKind, SimEvent, SimulationInput } from './preview-sim.ts';

export type SimOverrides = Partial<Omit<SimulationInput, 'options' | 'fromMs' | 'untilMs'>> & {
  durations?: Partial<Record<JobName, number | null>>;
};

export function simulateHours(
  options: ScheduleOptions,
  fromMs: number,
  hours: number,
  o: SimOverrides = {},
): SimEvent[] {
  const { durations, ...rest } = o;
  return simulate({
    options,
    fromMs,
    untilMs: fromMs + hours * 3_600_000,
    duration: (job) => (durations && job in durations ? (durations[job] ?? null) : DEFAULT_DURATIONS_MS[job]),
    ...rest,
  });
}

export function pick(events: readonly SimEvent[], job: JobName, event?: PreviewEventKind): SimEvent[] {
  return events.filter((e) => e.job === job && (event === undefined || e.event === event));
}

/** "HH:MM:SS job event [reason]" in local time, for readable assertions. */
export function line(e: SimEvent): string {
  return `${e.at.slice(11, 19)} ${e.job} ${e.event}${e.reason ? ` ${e.reason}` : ''}`;
}

export function lines(events: readonly SimEvent[], filter: (e: SimEvent) => boolean = () => true): string[] {
  return events.filter(filter).map(line);
}

export function localTimes(events: readonly SimEvent[]): string[] {
  return events.map((e) => e.at.slice(11, 19));
}

export { formatLocalIso };

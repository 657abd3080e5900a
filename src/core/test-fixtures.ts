// Helpers for tests of the scheduler core: options built from jobs reference 1.2 defaults
// (timezone GMT) with overrides, and instants written as local or UTC text.

import { parseCron } from './cron.ts';
import type { CronSpec } from './cron.ts';
import { parseLocalOrInstant } from './local-time.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import { zoneOf } from './zone.ts';
import type { Zone } from './zone.ts';

export function cronOf(text: string): CronSpec {
  const r = parseCron(text);
  if (!r.ok) throw new Error(`bad cron in a test: ${r.reason}`);
  return r.spec;
}

/** `H:mm` -> minutes after midnight (`24:00` = 0). */
export function hm(text: string): number {
  const [h = '0', m = '0'] = text.split(':');
  return (Number(h) * 60 + Number(m)) % 1440;
}

export type OptionsOverrides = Partial<
  Omit<ScheduleOptions, 'timezone' | 'aggregateSchedule' | 'updateStatsSchedule' | 'exportSchedule'>
> & {
  timezone?: string | Zone;
  aggregateSchedule?: string | CronSpec;
  updateStatsSchedule?: string | CronSpec;
  exportSchedule?: string | CronSpec;
};

const zoneArg = (z: string | Zone | undefined): Zone => (typeof z === 'object' ? z : zoneOf(z ?? 'GMT'));
const cronArg = (c: string | CronSpec | undefined, fallback: string): CronSpec =>
  typeof c === 'object' ? c : cronOf(c ?? fallback);

export function makeTestOptions(o: OptionsOverrides = {}): ScheduleOptions {
  const { timezone, aggregateSchedule, updateStatsSchedule, exportSchedule, ...rest } = o;
  return Object.freeze({
    runScheduler: true,
    etlStartTime: hm('04:00'),
    etlEndTime: hm('02:00'),
    etlFrequency: 15,
    runMaintain: true,
    maintainStartTime: hm('03:00'),
    runAggregates: false,
    aggregateDuration: 5 * 60,
    runUpdateStats: false,
    runExport: false,
    onDemandMigration: false,
    aggregationEngineEnabled: true,
    ...rest,
    timezone: zoneArg(timezone),
    aggregateSchedule: cronArg(aggregateSchedule, '0 1'),
    updateStatsSchedule: cronArg(updateStatsSchedule, '0/10 *'),
    exportSchedule: cronArg(exportSchedule, '20 0/8'),
  });
}

/** The Genesys sample of jobs reference 3.4. */
export function sampleOptions(o: OptionsOverrides = {}): ScheduleOptions {
  return makeTestOptions({
    timezone: 'America/Chicago',
    etlStartTime: hm('06:30'),
    etlEndTime: hm('00:30'),
    etlFrequency: 30,
    maintainStartTime: hm('03:00'),
    aggregateSchedule: '0 4',
    aggregateDuration: 23 * 60,
    runAggregates: true,
    runUpdateStats: true,
    runMaintain: true,
    runExport: false,
    ...o,
  });
}

export function at(zone: Zone | string, text: string): number {
  const z = typeof zone === 'string' ? zoneOf(zone) : zone;
  const ms = parseLocalOrInstant(z, text);
  if (ms === null) throw new Error(`bad time in a test: ${text}`);
  return ms;
}

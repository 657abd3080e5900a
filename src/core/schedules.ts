// When things are due: cron instants, ETL slots and window, aggregation windows, maintenance
// window (jobs reference 2 and 3.1). Every wall time is resolved with the DST policy of
// local-time.ts; all results are instants (epoch ms).

import type { CronSpec } from './cron.ts';
import { DAY_MS, localEpochDay, resolveLocal } from './local-time.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import type { Zone } from './zone.ts';

/** A one-pair cron spec for a daily time (maintain-start-time). */
export function dailyAt(minuteOfDay: number): CronSpec {
  const hh = Math.floor(minuteOfDay / 60);
  const mm = minuteOfDay % 60;
  return { source: `${mm} ${hh}`, minutes: [mm], hours: [hh] };
}

// Per spec object and zone: local date -> its instants (the preview asks for them constantly).
const dayCache = new WeakMap<CronSpec, Map<string, readonly number[]>>();

/** Instants of `spec` on local date `epochDay`, ascending, equal instants once (gap collapse). */
export function cronInstantsOfDay(spec: CronSpec, zone: Zone, epochDay: number): readonly number[] {
  let perSpec = dayCache.get(spec);
  if (!perSpec) {
    perSpec = new Map();
    dayCache.set(spec, perSpec);
  }
  const key = `${zone.id}|${epochDay}`;
  const cached = perSpec.get(key);
  if (cached) return cached;
  const out: number[] = [];
  for (const h of spec.hours) {
    for (const m of spec.minutes) {
      const t = resolveLocal(zone, epochDay, h * 60 + m);
      if (out[out.length - 1] !== t) out.push(t);
    }
  }
  if (perSpec.size > 10_000) perSpec.clear();
  perSpec.set(key, Object.freeze(out));
  return out;
}

/**
 * The smallest instant of `spec` strictly after `afterMs`, resolving each (hour, minute) on local
 * dates from the day before `afterMs`'s local date (section 2).
 */
export function nextCronInstant(spec: CronSpec, zone: Zone, afterMs: number): number {
  const day = localEpochDay(zone, afterMs);
  for (let d = day - 1; d <= day + 2; d++) {
    // Resolution is monotone in (date, hour, minute), so the first hit is the smallest.
    for (const t of cronInstantsOfDay(spec, zone, d)) if (t > afterMs) return t;
  }
  throw new Error(`cron "${spec.source}" has no instant after ${afterMs}`);
}

/** The greatest instant of `spec` at or before `atMs`, or null within the look-back. */
export function previousCronInstant(spec: CronSpec, zone: Zone, atMs: number): number | null {
  const day = localEpochDay(zone, atMs);
  for (let d = day + 1; d >= day - 2; d--) {
    const ts = cronInstantsOfDay(spec, zone, d);
    for (let i = ts.length - 1; i >= 0; i--) {
      const t = ts[i];
      if (t !== undefined && t <= atMs) return t;
    }
  }
  return null;
}

/** Instants of `spec` in (fromMs, toMs], ascending; at most `limit`. */
export function cronInstantsBetween(
  spec: CronSpec,
  zone: Zone,
  fromMs: number,
  toMs: number,
  limit = 100_000,
): number[] {
  const out: number[] = [];
  let t = fromMs;
  while (out.length < limit) {
    t = nextCronInstant(spec, zone, t);
    if (t > toMs) break;
    out.push(t);
  }
  return out;
}

type EtlTimes = Pick<ScheduleOptions, 'timezone' | 'etlStartTime' | 'etlEndTime' | 'etlFrequency'>;

/** Wall-clock slot minutes of an ETL day, counted from that day's local midnight (may pass 1440). */
export function etlSlotMinutes(o: EtlTimes): number[] {
  const start = o.etlStartTime;
  const whole = o.etlEndTime === start;
  const end = whole ? start + 1440 : o.etlEndTime > start ? o.etlEndTime : o.etlEndTime + 1440;
  const out: number[] = [];
  for (let m = start; whole ? m < end : m <= end; m += o.etlFrequency) out.push(m);
  if (!whole && out[out.length - 1] !== end) out.push(end);
  return out;
}

const slotCache = new Map<string, readonly number[]>();

/** Slot instants of the ETL day starting on local date `epochDay` (3.1), ascending, distinct. */
export function etlSlotsOfDay(o: EtlTimes, epochDay: number): readonly number[] {
  const key = `${o.timezone.id}|${o.etlStartTime}|${o.etlEndTime}|${o.etlFrequency}|${epochDay}`;
  const cached = slotCache.get(key);
  if (cached) return cached;
  const out: number[] = [];
  for (const m of etlSlotMinutes(o)) {
    const t = resolveLocal(o.timezone, epochDay + Math.floor(m / 1440), m % 1440);
    if (out.length === 0 || t > (out[out.length - 1] ?? 0)) out.push(t);
  }
  if (slotCache.size > 10_000) slotCache.clear();
  slotCache.set(key, Object.freeze(out));
  return out;
}

/** Slots of the ETL days that can touch `atMs`, ascending and distinct. */
function slotsAround(o: EtlTimes, atMs: number): number[] {
  const day = localEpochDay(o.timezone, atMs);
  const all = new Set<number>();
  for (let d = day - 2; d <= day + 2; d++) for (const t of etlSlotsOfDay(o, d)) all.add(t);
  return [...all].sort((a, b) => a - b);
}

/** The first ETL slot strictly after `afterMs`. */
export function nextEtlSlot(o: EtlTimes, afterMs: number): number {
  for (let probe = afterMs; ; probe += DAY_MS) {
    const hit = slotsAround(o, probe).find((t) => t > afterMs);
    if (hit !== undefined) return hit;
  }
}

/** ETL slots in (fromMs, toMs], ascending. */
export function etlSlotsBetween(o: EtlTimes, fromMs: number, toMs: number, limit = 100_000): number[] {
  const out: number[] = [];
  let t = fromMs;
  while (out.length < limit) {
    t = nextEtlSlot(o, t);
    if (t > toMs) break;
    out.push(t);
  }
  return out;
}

export interface Interval {
  readonly start: number;
  /** Exclusive for aggregation and maintenance windows; inclusive (the last slot) for ETL windows. */
  readonly end: number;
}

/** The ETL window (first to last slot, inclusive) containing `atMs`, or null. */
export function etlWindowAt(o: EtlTimes, atMs: number): Interval | null {
  const day = localEpochDay(o.timezone, atMs);
  for (let d = day - 1; d <= day; d++) {
    const slots = etlSlotsOfDay(o, d);
    const first = slots[0];
    // Equal ends = a 24-h window: it reaches the next ETL day's first slot (project choice).
    const last = o.etlStartTime === o.etlEndTime ? etlSlotsOfDay(o, d + 1)[0] : slots[slots.length - 1];
    if (first !== undefined && last !== undefined && first <= atMs && atMs <= last) {
      return { start: first, end: last };
    }
  }
  return null;
}

type AggTimes = Pick<ScheduleOptions, 'timezone' | 'aggregateSchedule' | 'aggregateDuration'>;

/** Unmerged aggregation windows whose schedule date is local date `epochDay`. */
function aggWindowsOfDay(o: AggTimes, epochDay: number): Interval[] {
  if (o.aggregateDuration <= 0) return [];
  const out: Interval[] = [];
  for (const h of o.aggregateSchedule.hours) {
    for (const m of o.aggregateSchedule.minutes) {
      const wallStart = h * 60 + m;
      const start = resolveLocal(o.timezone, epochDay, wallStart);
      // The end is computed on the wall clock, then resolved (section 3.1).
      const end = resolveLocal(o.timezone, epochDay, wallStart + o.aggregateDuration);
      if (end > start) out.push({ start, end });
    }
  }
  return out;
}

/** Windows overlapping [fromMs, toMs], merged when they overlap or touch, ascending. */
export function aggregationWindows(o: AggTimes, fromMs: number, toMs: number): Interval[] {
  const first = localEpochDay(o.timezone, fromMs) - 2;
  const last = localEpochDay(o.timezone, toMs) + 1;
  const raw: Interval[] = [];
  for (let d = first; d <= last; d++) raw.push(...aggWindowsOfDay(o, d));
  raw.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const w of raw) {
    const top = merged[merged.length - 1];
    if (top && w.start <= top.end) top.end = Math.max(top.end, w.end);
    else merged.push({ start: w.start, end: w.end });
  }
  return merged.filter((w) => w.end > fromMs && w.start <= toMs);
}

/** How far ahead a merged window's end is followed; beyond it the window counts as endless. */
const MERGE_HORIZON_MS = 8 * DAY_MS;

/** The merged aggregation window containing `atMs` ([start, end)), or null. */
export function aggregationWindowAt(o: AggTimes, atMs: number): Interval | null {
  const ws = aggregationWindows(o, atMs - 2 * DAY_MS, atMs + MERGE_HORIZON_MS);
  return ws.find((w) => w.start <= atMs && atMs < w.end) ?? null;
}

/** The first aggregation window start strictly after `afterMs`, or null within a week. */
export function nextAggregationWindowStart(o: AggTimes, afterMs: number): number | null {
  const ws = aggregationWindows(o, afterMs, afterMs + 7 * DAY_MS);
  return ws.find((w) => w.start > afterMs)?.start ?? null;
}

type MaintTimes = EtlTimes & Pick<ScheduleOptions, 'maintainStartTime'>;

/** The maintenance window opened by maintain-start instant `anchor`: [anchor, next ETL slot). */
export function maintenanceWindow(o: MaintTimes, anchor: number): Interval {
  return { start: anchor, end: nextEtlSlot(o, anchor) };
}

/** The latest maintain-start instant at or before `atMs`. */
export function latestMaintainStart(o: MaintTimes, atMs: number): number | null {
  return previousCronInstant(dailyAt(o.maintainStartTime), o.timezone, atMs);
}

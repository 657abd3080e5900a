// Wall-clock arithmetic in a schedule Zone with the platform's Intl data (no extra library).
// Local dates are "epoch days": days since 1970-01-01 of the civil (proleptic Gregorian) date.
// DST policy (jobs reference 2): a wall time inside a spring-forward gap resolves to the first
// existing minute after it; a wall time that exists twice resolves to its first occurrence.

import type { Zone } from './zone.ts';

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export interface LocalDateTime {
  /** Civil date as days since 1970-01-01. */
  readonly epochDay: number;
  /** Minutes after local midnight, 0..1439. */
  readonly minuteOfDay: number;
  readonly second: number;
  readonly millisecond: number;
  /** Offset from UTC at that instant, minutes (east positive). */
  readonly offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(id: string): Intl.DateTimeFormat {
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(id, f);
  }
  return f;
}

// Offsets only change on whole minutes in practice, so one lookup per minute is exact enough.
const offsetCache = new Map<string, number>();

/** UTC offset of `zone` at instant `ms`, in minutes (east positive). */
export function offsetAt(zone: Zone, ms: number): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes;
  const minute = Math.floor(ms / MINUTE_MS);
  const key = `${zone.id}@${minute}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts = formatterFor(zone.id).formatToParts(new Date(minute * MINUTE_MS));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = Math.round((wall - minute * MINUTE_MS) / MINUTE_MS);
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

export function toLocal(zone: Zone, ms: number): LocalDateTime {
  const offsetMinutes = offsetAt(zone, ms);
  const wall = ms + offsetMinutes * MINUTE_MS;
  const epochDay = Math.floor(wall / DAY_MS);
  const inDay = wall - epochDay * DAY_MS;
  return {
    epochDay,
    minuteOfDay: Math.floor(inDay / MINUTE_MS),
    second: Math.floor((inDay % MINUTE_MS) / 1000),
    millisecond: inDay % 1000,
    offsetMinutes,
  };
}

export function localEpochDay(zone: Zone, ms: number): number {
  return toLocal(zone, ms).epochDay;
}

// Per zone: wall-clock ms -> instant. Schedules resolve the same wall times over and over.
const resolveCache = new Map<string, Map<number, number>>();

/**
 * The instant of wall time `minuteOfDay` on local date `epochDay` under the DST policy.
 * `minuteOfDay` may exceed 1439 (it then counts into the following days, on the wall clock).
 */
export function resolveLocal(zone: Zone, epochDay: number, minuteOfDay: number): number {
  const wall = epochDay * DAY_MS + minuteOfDay * MINUTE_MS;
  if (zone.kind === 'fixed') return wall - zone.offsetMinutes * MINUTE_MS;
  let perZone = resolveCache.get(zone.id);
  if (!perZone) {
    perZone = new Map();
    resolveCache.set(zone.id, perZone);
  }
  const cached = perZone.get(wall);
  if (cached !== undefined) return cached;
  const result = resolveWall(zone, wall);
  if (perZone.size > 200_000) perZone.clear();
  perZone.set(wall, result);
  return result;
}

export type WallTimeKind = 'normal' | 'gap' | 'repeated';

/** Whether a wall time exists once, not at all (spring-forward gap) or twice (fall-back). */
export function wallTimeKind(zone: Zone, epochDay: number, minuteOfDay: number): WallTimeKind {
  if (zone.kind === 'fixed') return 'normal';
  const wall = epochDay * DAY_MS + minuteOfDay * MINUTE_MS;
  const n = validInstants(zone, wall).length;
  return n === 0 ? 'gap' : n > 1 ? 'repeated' : 'normal';
}

function validInstants(zone: Zone, wall: number): number[] {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  return [...new Set([before, after])]
    .map((o) => wall - o * MINUTE_MS)
    .filter((t) => offsetAt(zone, t) * MINUTE_MS === wall - t)
    .sort((a, b) => a - b);
}

function resolveWall(zone: Zone, wall: number): number {
  // Offsets a day around cover every transition that can touch this wall time.
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const first = validInstants(zone, wall)[0];
  if (first !== undefined) return first;
  // A gap: the first existing minute after it is the transition instant, found by bisection
  // between the instant read with the later offset (before the change) and with the earlier one.
  let lo = Math.min(wall - after * MINUTE_MS, wall - before * MINUTE_MS);
  let hi = Math.max(wall - after * MINUTE_MS, wall - before * MINUTE_MS);
  const offLo = offsetAt(zone, lo);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(zone, mid) === offLo) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function epochDayOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return '+00:00';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Local ISO 8601 with offset, seconds precision: `2024-05-14T06:30:00-05:00`. */
export function formatLocalIso(zone: Zone, ms: number): string {
  const l = toLocal(zone, ms);
  const time = `${pad(Math.floor(l.minuteOfDay / 60))}:${pad(l.minuteOfDay % 60)}:${pad(l.second)}`;
  return `${formatEpochDay(l.epochDay)}T${time}${formatOffset(l.offsetMinutes)}`;
}

/** UTC ISO 8601, seconds precision: `2024-05-14T11:30:00Z`. */
export function formatUtcIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Local `HH:MM` of an instant. */
export function formatLocalHm(zone: Zone, ms: number): string {
  return formatMinuteOfDay(toLocal(zone, ms).minuteOfDay);
}

/** `HH:MM` of minutes after midnight. */
export function formatMinuteOfDay(minuteOfDay: number): string {
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/**
 * Parses a local `YYYY-MM-DDTHH:MM[:SS]` in `zone` (DST policy applies) or an ISO instant with
 * `Z` or an offset. Returns null when the text is neither.
 */
export function parseLocalOrInstant(zone: Zone, text: string): number | null {
  const t = text.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (local) {
    const [, date, hh, mm, ss] = local;
    const h = Number(hh);
    const m = Number(mm);
    const s = ss === undefined ? 0 : Number(ss);
    const day = epochDayOf(date ?? '');
    if (!Number.isFinite(day) || h > 23 || m > 59 || s > 59) return null;
    if (formatEpochDay(day) !== date) return null;
    return resolveLocal(zone, day, h * 60 + m) + s * 1000;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

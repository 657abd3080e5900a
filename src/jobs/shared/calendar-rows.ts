// The DATE_TIME rows of data-model 4.2, computed in JavaScript (Intl time-zone data) so that the
// embedded and the server database receive byte-identical calendars, whatever tz data each has.
import { makeZone } from './time-zone.ts';
import type { Zone } from './time-zone.ts';

export interface CalendarRules {
  /** Calendar zone: IANA id, UTC, GMT or GMT±H[H][:mm]. */
  readonly zone: string;
  /** 1 Sunday … 7 Saturday. */
  readonly firstDayOfWeek: number;
  /** 1…7; used only when simpleWeekNumbering is false. */
  readonly minimalDaysInFirstWeek: number;
  readonly simpleWeekNumbering: boolean;
}

/** The far-future row: the last 15-minute boundary an int can hold (2038-01-19 03:00 UTC). */
export const FAR_FUTURE_KEY = 2147482800;

export const DATE_TIME_COLUMNS = [
  'date_time_key',
  'date_time_30min_key',
  'date_time_hour_key',
  'date_time_day_key',
  'date_time_week_key',
  'date_time_month_key',
  'date_time_quarter_key',
  'date_time_year_key',
  'date_time_next_key',
  'date_time_next_day_key',
  'cal_date',
  'cal_year_num',
  'cal_quarter_num_in_year',
  'cal_month_num_in_year',
  'cal_week_num_in_year',
  'cal_day_num_in_week',
  'cal_day_num_in_month',
  'cal_day_num_in_year',
  'cal_hour_24_num_in_day',
  'cal_minute_num_in_hour',
  'cal_day_name',
  'cal_month_name',
  'label_yyyy',
  'label_yyyy_mm',
  'label_yyyy_mm_dd',
  'label_yyyy_mm_dd_hh24',
  'label_yyyy_mm_dd_hh24_30min',
  'label_yyyy_mm_dd_hh24_mi',
  'label_hh24',
  'label_hh24_mi',
  'utc_offset_min',
  'is_dst',
] as const;

export type DateTimeRow = readonly (string | number)[];

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_MS = 86_400_000;

/**
 * The far-future row's next keys lie beyond the int range of the columns; they point at the
 * row itself instead (project choice), the only boundary past which nothing can be stored.
 */
const intKey = (k: number): number => (k > FAR_FUTURE_KEY ? FAR_FUTURE_KEY : k);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const floorMod = (a: number, b: number): number => ((a % b) + b) % b;

/** A local calendar date as the UTC midnight (ms) of the same y-m-d: plain date arithmetic. */
type DateMs = number;

function dateParts(d: DateMs): { y: number; m: number; day: number; dow0: number } {
  const x = new Date(d);
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, day: x.getUTCDate(), dow0: x.getUTCDay() };
}

function dayOfYear(d: DateMs): number {
  const y = new Date(d).getUTCFullYear();
  return Math.round((d - Date.UTC(y, 0, 1)) / DAY_MS) + 1;
}

function yearLength(y: number): number {
  return Math.round((Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / DAY_MS);
}

/** Java WeekFields(firstDayOfWeek, minimalDays): week of week-based year and that year. */
export function javaWeek(d: DateMs, dow: number, minDays: number): { week: number; year: number } {
  const startOfWeekOffset = (day: number, dw: number): number => {
    const weekStart = floorMod(day - dw, 7);
    return weekStart + 1 > minDays ? 7 - weekStart : -weekStart;
  };
  const computeWeek = (offset: number, day: number): number => Math.floor((7 + offset + (day - 1)) / 7);
  const y = new Date(d).getUTCFullYear();
  const doy = dayOfYear(d);
  const offset = startOfWeekOffset(doy, dow);
  const woy = computeWeek(offset, doy);
  if (woy === 0) return javaWeek(d - doy * DAY_MS, dow, minDays);
  const newYearWeek = computeWeek(offset, yearLength(y) + minDays);
  if (woy >= newYearWeek) return { week: woy - newYearWeek + 1, year: y + 1 };
  return { week: woy, year: y };
}

/** Row generator for one calendar: keeps offset and day-start caches across calls. */
export class CalendarBuilder {
  private readonly zone: Zone;
  private readonly dayStart = new Map<number, number>();
  private readonly offsets = new Map<number, number>();

  constructor(private readonly rules: CalendarRules) {
    if (!Number.isInteger(rules.firstDayOfWeek) || rules.firstDayOfWeek < 1 || rules.firstDayOfWeek > 7)
      throw new Error(`first-day-of-week must be 1..7, got ${rules.firstDayOfWeek}`);
    if (
      !Number.isInteger(rules.minimalDaysInFirstWeek) ||
      rules.minimalDaysInFirstWeek < 1 ||
      rules.minimalDaysInFirstWeek > 7
    )
      throw new Error(`minimal-days-in-first-week must be 1..7, got ${rules.minimalDaysInFirstWeek}`);
    this.zone = makeZone(rules.zone);
  }

  private rawOffset(t: number): number {
    let o = this.offsets.get(t);
    if (o === undefined) {
      o = this.zone.offsetSeconds(t);
      this.offsets.set(t, o);
    }
    return o;
  }

  /** Offset at k; Intl is asked once per UTC hour unless the offset changes inside that hour. */
  offset(k: number): number {
    const h = Math.floor(k / 3600) * 3600;
    const o = this.rawOffset(h);
    return o === this.rawOffset(h + 3600) ? o : this.rawOffset(k);
  }

  /** Local date (as DateMs) of instant k. */
  localDate(k: number): DateMs {
    const wall = (k + this.offset(k)) * 1000;
    return wall - floorMod(wall, DAY_MS);
  }

  /** First 15-minute boundary whose local date is d (data-model 4.2 roll-up key rule). */
  dayStartKey(d: DateMs): number {
    const hit = this.dayStart.get(d);
    if (hit !== undefined) return hit;
    const guess = d / 1000 - this.offset(d / 1000);
    let k = Math.floor(guess / 900) * 900;
    while (this.localDate(k) < d) k += 900;
    while (this.localDate(k - 900) >= d) k -= 900;
    this.dayStart.set(d, k);
    return k;
  }

  /** Key of the first row of local year y. */
  yearStartKey(y: number): number {
    return this.dayStartKey(Date.UTC(y, 0, 1));
  }

  localYearOf(k: number): number {
    return new Date(this.localDate(k)).getUTCFullYear();
  }

  private isDst(k: number): boolean {
    const y = new Date(k * 1000).getUTCFullYear();
    const standard = Math.min(this.offset(Date.UTC(y, 0, 1) / 1000), this.offset(Date.UTC(y, 6, 1) / 1000));
    return this.offset(k) > standard;
  }

  /** The row of boundary k (a multiple of 900). */
  row(k: number): DateTimeRow {
    const off = this.offset(k);
    const wallMs = (k + off) * 1000;
    const date = wallMs - floorMod(wallMs, DAY_MS);
    const secOfDay = Math.round((wallMs - date) / 1000);
    const hour = Math.floor(secOfDay / 3600);
    const minute = Math.floor((secOfDay % 3600) / 60);
    const { y, m, day, dow0 } = dateParts(date);
    const q = Math.floor((m - 1) / 3) + 1;
    const doy = dayOfYear(date);
    const dow = floorMod(dow0 - (this.rules.firstDayOfWeek - 1), 7) + 1;
    const jan1 = Date.UTC(y, 0, 1);
    let week: number;
    let weekStart = date - (dow - 1) * DAY_MS;
    if (this.rules.simpleWeekNumbering) {
      const dowJan1 = floorMod(new Date(jan1).getUTCDay() - (this.rules.firstDayOfWeek - 1), 7) + 1;
      week = Math.floor((doy - 1 + (dowJan1 - 1)) / 7) + 1;
      if (weekStart < jan1) weekStart = jan1;
    } else {
      week = javaWeek(date, dow, this.rules.minimalDaysInFirstWeek).week;
    }
    const ymd = `${pad(y, 4)}-${pad(m)}-${pad(day)}`;
    const hh = pad(hour);
    const mi = pad(minute);
    return [
      k,
      k - 60 * (minute % 30),
      k - 60 * minute,
      this.dayStartKey(date),
      this.dayStartKey(weekStart),
      this.dayStartKey(Date.UTC(y, m - 1, 1)),
      this.dayStartKey(Date.UTC(y, (q - 1) * 3, 1)),
      this.dayStartKey(jan1),
      intKey(k + 900),
      intKey(this.dayStartKey(date + DAY_MS)),
      `${ymd} ${hh}:${mi}:${pad(secOfDay % 60)}`,
      y,
      q,
      m,
      week,
      dow,
      day,
      doy,
      hour,
      minute,
      DAY_NAMES[dow0] ?? '',
      MONTH_NAMES[m - 1] ?? '',
      pad(y, 4),
      `${pad(y, 4)}-${pad(m)}`,
      ymd,
      `${ymd} ${hh}`,
      `${ymd} ${hh}:${pad(minute - (minute % 30))}`,
      `${ymd} ${hh}:${mi}`,
      hh,
      `${hh}:${mi}`,
      Math.round(off / 60),
      this.isDst(k) ? 1 : 0,
    ];
  }

  /** Key range [from, to) of local year y, cut at the far-future row (an int holds no later key). */
  yearKeyRange(y: number): readonly [number, number] {
    const cap = FAR_FUTURE_KEY + 900;
    return [Math.min(this.yearStartKey(y), cap), Math.min(this.yearStartKey(y + 1), cap)];
  }

  /** All rows of local years first..last (inclusive), in key order. */
  *yearRows(first: number, last: number): Generator<DateTimeRow> {
    const end = this.yearKeyRange(last)[1];
    for (let k = this.yearKeyRange(first)[0]; k < end; k += 900) yield this.row(k);
  }
}

/** CSV text (no header) of rows in DATE_TIME_COLUMNS order; no field needs quoting. */
export function rowsToCsv(rows: Iterable<DateTimeRow>): string {
  const out: string[] = [];
  for (const r of rows) out.push(r.join(','));
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

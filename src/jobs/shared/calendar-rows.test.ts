import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarBuilder, DATE_TIME_COLUMNS, FAR_FUTURE_KEY, javaWeek, rowsToCsv } from './calendar-rows.ts';
import type { CalendarRules, DateTimeRow } from './calendar-rows.ts';

type Col = (typeof DATE_TIME_COLUMNS)[number];
type Obj = Record<Col, string | number>;

const rules = (zone: string, more: Partial<CalendarRules> = {}): CalendarRules => ({
  zone,
  firstDayOfWeek: 1,
  minimalDaysInFirstWeek: 1,
  simpleWeekNumbering: true,
  ...more,
});
const obj = (r: DateTimeRow): Obj =>
  Object.fromEntries(DATE_TIME_COLUMNS.map((c, i) => [c, r[i] as string | number])) as Obj;
const utc = (y: number, m: number, d: number, h = 0, mi = 0): number => Date.UTC(y, m - 1, d, h, mi) / 1000;

function year(zone: string, y: number, more: Partial<CalendarRules> = {}): Obj[] {
  return [...new CalendarBuilder(rules(zone, more)).yearRows(y, y)].map(obj);
}

function perDay(rows: Obj[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(String(r.label_yyyy_mm_dd), (m.get(String(r.label_yyyy_mm_dd)) ?? 0) + 1);
  return m;
}

describe('calendar rows (data-model 4.2)', () => {
  it('has 96 rows on ordinary days, 92 and 100 on the DST days of America/New_York', () => {
    const days = perDay(year('America/New_York', 2024));
    assert.equal(days.size, 366);
    assert.equal(days.get('2024-03-10'), 92);
    assert.equal(days.get('2024-11-03'), 100);
    const odd = [...days].filter(([, n]) => n !== 96).map(([d]) => d);
    assert.deepEqual(odd.sort(), ['2024-03-10', '2024-11-03']);
  });

  it('has 92 and 100 rows on the DST days of Europe/London', () => {
    const days = perDay(year('Europe/London', 2024));
    assert.equal(days.get('2024-03-31'), 92);
    assert.equal(days.get('2024-10-27'), 100);
    assert.equal([...days.values()].filter((n) => n === 96).length, 364);
  });

  it('keys are consecutive UTC epochs of 15-minute boundaries from local 1 January', () => {
    const rows = year('America/New_York', 2024);
    assert.equal(rows[0]?.date_time_key, utc(2024, 1, 1, 5));
    assert.equal(rows.at(-1)?.date_time_key, utc(2025, 1, 1, 5) - 900);
    rows.forEach((r, i) => {
      assert.equal(Number(r.date_time_key) % 900, 0);
      if (i > 0) assert.equal(Number(r.date_time_key) - Number(rows[i - 1]?.date_time_key), 900);
      assert.equal(r.date_time_next_key, Number(r.date_time_key) + 900);
    });
  });

  it('gives the repeated fall-back hour its own hour key and local roll-up keys', () => {
    const rows = year('America/New_York', 2024).filter((r) => r.label_yyyy_mm_dd === '2024-11-03');
    const oneAm = rows.filter((r) => r.label_hh24 === '01');
    assert.equal(oneAm.length, 8);
    assert.deepEqual(
      [...new Set(oneAm.map((r) => r.date_time_hour_key))],
      [utc(2024, 11, 3, 5), utc(2024, 11, 3, 6)],
    );
    assert.deepEqual(
      oneAm.map((r) => r.utc_offset_min),
      [-240, -240, -240, -240, -300, -300, -300, -300],
    );
    assert.deepEqual(
      oneAm.map((r) => r.is_dst),
      [1, 1, 1, 1, 0, 0, 0, 0],
    );
    for (const r of rows) {
      assert.equal(r.date_time_day_key, utc(2024, 11, 3, 4));
      assert.equal(r.date_time_next_day_key, utc(2024, 11, 4, 5));
      assert.equal(r.date_time_month_key, utc(2024, 11, 1, 4));
      assert.equal(r.date_time_quarter_key, utc(2024, 10, 1, 4));
      assert.equal(r.date_time_year_key, utc(2024, 1, 1, 5));
      assert.equal(r.date_time_week_key, utc(2024, 11, 3, 4));
    }
    const half = rows.find((r) => r.cal_date === '2024-11-03 01:45:00');
    assert.equal(half?.date_time_30min_key, Number(half?.date_time_key) - 900);
  });

  it('skips the missing spring-forward hour', () => {
    const rows = year('America/New_York', 2024).filter((r) => r.label_yyyy_mm_dd === '2024-03-10');
    assert.equal(rows.filter((r) => r.label_hh24 === '02').length, 0);
    const three = rows.find((r) => r.label_hh24_mi === '03:00');
    assert.equal(three?.date_time_key, utc(2024, 3, 10, 7));
    assert.equal(three?.date_time_hour_key, utc(2024, 3, 10, 7));
  });

  it('computes labels, names and numbers from the local time', () => {
    const b = new CalendarBuilder(rules('UTC'));
    const r = obj(b.row(utc(2024, 3, 5, 10, 45)));
    assert.equal(r.cal_date, '2024-03-05 10:45:00');
    assert.equal(r.label_yyyy, '2024');
    assert.equal(r.label_yyyy_mm, '2024-03');
    assert.equal(r.label_yyyy_mm_dd, '2024-03-05');
    assert.equal(r.label_yyyy_mm_dd_hh24, '2024-03-05 10');
    assert.equal(r.label_yyyy_mm_dd_hh24_30min, '2024-03-05 10:30');
    assert.equal(r.label_yyyy_mm_dd_hh24_mi, '2024-03-05 10:45');
    assert.equal(r.label_hh24, '10');
    assert.equal(r.label_hh24_mi, '10:45');
    assert.equal(r.cal_day_name, 'Tuesday');
    assert.equal(r.cal_month_name, 'March');
    assert.equal(r.cal_year_num, 2024);
    assert.equal(r.cal_quarter_num_in_year, 1);
    assert.equal(r.cal_month_num_in_year, 3);
    assert.equal(r.cal_day_num_in_month, 5);
    assert.equal(r.cal_day_num_in_year, 65);
    assert.equal(r.cal_day_num_in_week, 3);
    assert.equal(r.cal_hour_24_num_in_day, 10);
    assert.equal(r.cal_minute_num_in_hour, 45);
    assert.equal(r.date_time_30min_key, utc(2024, 3, 5, 10, 30));
    assert.equal(r.date_time_hour_key, utc(2024, 3, 5, 10));
    assert.equal(r.utc_offset_min, 0);
    assert.equal(r.is_dst, 0);
  });

  it('numbers simple weeks from 1 January with the configured first day of week', () => {
    const sunday = obj(new CalendarBuilder(rules('UTC')).row(utc(2024, 3, 5)));
    assert.equal(sunday.cal_week_num_in_year, 10);
    assert.equal(sunday.date_time_week_key, utc(2024, 3, 3));
    const monday = obj(new CalendarBuilder(rules('UTC', { firstDayOfWeek: 2 })).row(utc(2024, 3, 5)));
    assert.equal(monday.cal_week_num_in_year, 10);
    assert.equal(monday.cal_day_num_in_week, 2);
    assert.equal(monday.date_time_week_key, utc(2024, 3, 4));
    // Weeks are cut at the year end: 1 January 2025 (a Wednesday) starts week 1.
    const jan1 = obj(new CalendarBuilder(rules('UTC')).row(utc(2025, 1, 1, 12)));
    assert.equal(jan1.cal_week_num_in_year, 1);
    assert.equal(jan1.date_time_week_key, utc(2025, 1, 1));
    const jan5 = obj(new CalendarBuilder(rules('UTC')).row(utc(2025, 1, 5)));
    assert.equal(jan5.cal_week_num_in_year, 2);
  });

  it('numbers whole weeks like Java WeekFields when simple-week-numbering is false', () => {
    const iso = rules('UTC', { firstDayOfWeek: 2, minimalDaysInFirstWeek: 4, simpleWeekNumbering: false });
    const b = new CalendarBuilder(iso);
    const w = (y: number, m: number, d: number) => obj(b.row(utc(y, m, d)));
    assert.equal(w(2021, 1, 1).cal_week_num_in_year, 53);
    assert.equal(w(2021, 1, 1).date_time_week_key, utc(2020, 12, 28));
    assert.equal(w(2021, 1, 4).cal_week_num_in_year, 1);
    assert.equal(w(2024, 12, 30).cal_week_num_in_year, 1);
    assert.equal(w(2026, 1, 1).date_time_week_key, utc(2025, 12, 29));
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
    assert.deepEqual(javaWeek(day(2019, 12, 30), 1, 4), { week: 1, year: 2020 });
    assert.deepEqual(javaWeek(day(2020, 12, 31), 4, 4), { week: 53, year: 2020 });
    // US rules (Sunday, 1 day): 29 Dec 2024 (Sunday) opens week 1 of 2025; 28 Dec is week 52.
    assert.deepEqual(javaWeek(day(2024, 12, 29), 1, 1), { week: 1, year: 2025 });
    assert.deepEqual(javaWeek(day(2024, 12, 28), 7, 1), { week: 52, year: 2024 });
  });

  it('handles fixed-offset zones', () => {
    const r = obj(new CalendarBuilder(rules('GMT+05:30')).row(utc(2024, 3, 4, 18, 30)));
    assert.equal(r.cal_date, '2024-03-05 00:00:00');
    assert.equal(r.date_time_day_key, utc(2024, 3, 4, 18, 30));
    assert.equal(r.utc_offset_min, 330);
    assert.equal(r.date_time_hour_key, utc(2024, 3, 4, 18, 30));
  });

  it('computes the far-future row like any row, its next keys kept within int', () => {
    const r = obj(new CalendarBuilder(rules('UTC')).row(FAR_FUTURE_KEY));
    assert.equal(r.cal_date, '2038-01-19 03:00:00');
    assert.equal(r.date_time_day_key, utc(2038, 1, 19));
    assert.equal(r.date_time_next_key, FAR_FUTURE_KEY);
    assert.equal(r.date_time_next_day_key, FAR_FUTURE_KEY);
  });

  it('ends the year of the far-future row at that row', () => {
    const b = new CalendarBuilder(rules('UTC'));
    assert.deepEqual(b.yearKeyRange(2038), [utc(2038, 1, 1), FAR_FUTURE_KEY + 900]);
    assert.deepEqual(b.yearKeyRange(2039), [FAR_FUTURE_KEY + 900, FAR_FUTURE_KEY + 900]);
    const last = [...b.yearRows(2038, 2039)].at(-1);
    assert.equal(last?.[0], FAR_FUTURE_KEY);
  });

  it('writes CSV lines in column order', () => {
    const b = new CalendarBuilder(rules('UTC'));
    const csv = rowsToCsv([b.row(0)]);
    assert.equal(csv.split(',').length, DATE_TIME_COLUMNS.length);
    assert.ok(csv.startsWith('0,0,0,0,'));
    assert.ok(csv.endsWith('\n'));
  });

  it('rejects bad options', () => {
    assert.throws(() => new CalendarBuilder(rules('UTC', { firstDayOfWeek: 8 })), /first-day-of-week/);
    assert.throws(() => new CalendarBuilder(rules('Mars/Olympus')), /unknown time zone/);
  });
});

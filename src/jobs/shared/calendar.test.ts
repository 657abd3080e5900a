import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../../test/helpers/databases.ts';
import { migrate } from '../../db/migrate.ts';
import { FAR_FUTURE_KEY, calendarHeadroomDays, calendarLastYear, fillCalendar } from './calendar.ts';
import type { CalendarRules } from './calendar.ts';

const job = { jobId: '7', jobName: 'Job_InitializeGIM', nowMs: Date.UTC(2024, 2, 5, 10) };
const ny: CalendarRules = {
  zone: 'America/New_York',
  firstDayOfWeek: 1,
  minimalDaysInFirstWeek: 1,
  simpleWeekNumbering: true,
};
const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) / 1000;

describeEachDb('calendar tables', (getDb) => {
  before(async () => {
    await migrate(getDb(), 'infomart');
  });

  it('fills whole local years and the far-future row, with one audit row per year', async () => {
    const db = getDb();
    const added = await fillCalendar(db, { ...ny, table: 'DATE_TIME', firstYear: 2024, lastYear: 2024 }, job);
    assert.equal(added, 366 * 96 + 1);
    const days = await db.query<{ d: string; n: number }>(
      `SELECT label_yyyy_mm_dd AS d, count(*)::int AS n FROM date_time
        WHERE date_time_key < $1 GROUP BY 1 HAVING count(*) <> 96 ORDER BY 1`,
      [FAR_FUTURE_KEY],
    );
    assert.deepEqual(days.rows, [
      { d: '2024-03-10', n: 92 },
      { d: '2024-11-03', n: 100 },
    ]);
    const ends = await db.query<{ lo: number; hi: number; ff: number }>(
      `SELECT min(date_time_key) AS lo, max(date_time_key) FILTER (WHERE date_time_key < $1) AS hi,
              count(*) FILTER (WHERE date_time_key = $1)::int AS ff FROM date_time`,
      [FAR_FUTURE_KEY],
    );
    assert.deepEqual(ends.rows[0], { lo: utc(2024, 1, 1, 5), hi: utc(2025, 1, 1, 5) - 900, ff: 1 });
    const audit = await db.query<{ n: number; rows: number }>(
      `SELECT count(*)::int AS n, sum(row_count)::int AS rows FROM ctl_audit_log WHERE job_id = '7'`,
    );
    assert.deepEqual(audit.rows[0], { n: 2, rows: added });
    const keyed = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM date_time d JOIN ctl_audit_log a ON a.audit_key = d.create_audit_key
        WHERE d.update_audit_key = d.create_audit_key`,
    );
    assert.equal(keyed.rows[0]?.n, added);
  });

  it('stores roll-up keys that point at existing rows of the same local period', async () => {
    const db = getDb();
    const bad = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM date_time d
         LEFT JOIN date_time dd ON dd.date_time_key = d.date_time_day_key
         LEFT JOIN date_time dm ON dm.date_time_key = d.date_time_month_key
         LEFT JOIN date_time dh ON dh.date_time_key = d.date_time_hour_key
        WHERE d.date_time_key < $1 AND (dd.label_yyyy_mm_dd IS DISTINCT FROM d.label_yyyy_mm_dd
           OR dd.cal_hour_24_num_in_day <> 0 OR dm.label_yyyy_mm IS DISTINCT FROM d.label_yyyy_mm
           OR dm.cal_day_num_in_month <> 1 OR dh.label_yyyy_mm_dd_hh24 IS DISTINCT FROM d.label_yyyy_mm_dd_hh24
           OR dh.cal_minute_num_in_hour <> 0)`,
      [FAR_FUTURE_KEY],
    );
    assert.equal(bad.rows[0]?.n, 0);
    const fallBack = await db.query<{ h: number; n: number }>(
      `SELECT date_time_hour_key AS h, count(*)::int AS n FROM date_time
        WHERE label_yyyy_mm_dd_hh24 = '2024-11-03 01' GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(fallBack.rows, [
      { h: utc(2024, 11, 3, 5), n: 4 },
      { h: utc(2024, 11, 3, 6), n: 4 },
    ]);
    const row = await db.query<Record<string, unknown>>(
      `SELECT cal_date::text AS cal_date, date_time_week_key, cal_week_num_in_year, cal_day_name,
              label_yyyy_mm_dd_hh24_30min, utc_offset_min, is_dst::int AS is_dst
         FROM date_time WHERE date_time_key = $1`,
      [utc(2024, 7, 4, 14) + 2700],
    );
    assert.deepEqual(row.rows[0], {
      cal_date: '2024-07-04 10:45:00',
      date_time_week_key: utc(2024, 6, 30, 4),
      cal_week_num_in_year: 27,
      cal_day_name: 'Thursday',
      label_yyyy_mm_dd_hh24_30min: '2024-07-04 10:30',
      utc_offset_min: -240,
      is_dst: 1,
    });
  });

  it('adds only missing rows on a second fill', async () => {
    const db = getDb();
    // Checksums of whole rows, and of rows without their audit keys.
    const sum = async (cols: string) =>
      (
        await db.query<{ s: string }>(
          `SELECT md5(string_agg((${cols})::text, '|' ORDER BY date_time_key)) AS s FROM date_time d`,
        )
      ).rows[0]?.s;
    const data = `d.date_time_key, d.date_time_day_key, d.date_time_week_key, d.cal_date, d.label_yyyy_mm_dd_hh24_mi,
      d.utc_offset_min, d.is_dst, d.date_time_next_day_key, d.cal_week_num_in_year`;
    const before = await sum('d.*');
    const beforeData = await sum(data);
    assert.equal(
      await fillCalendar(db, { ...ny, table: 'date_time', firstYear: 2024, lastYear: 2024 }, job),
      0,
    );
    assert.equal(await sum('d.*'), before);
    await db.query(`DELETE FROM date_time WHERE label_yyyy_mm_dd = '2024-06-01'`);
    assert.equal(
      await fillCalendar(db, { ...ny, table: 'date_time', firstYear: 2024, lastYear: 2024 }, job),
      96,
    );
    assert.equal(await sum(data), beforeData);
    const keys = await db.query<{ n: number }>(
      `SELECT count(DISTINCT create_audit_key)::int AS n FROM date_time WHERE label_yyyy_mm_dd = '2024-06-01'`,
    );
    assert.equal(keys.rows[0]?.n, 1);
  });

  it('builds a custom calendar table with its own rules', async () => {
    const db = getDb();
    const added = await fillCalendar(
      db,
      {
        zone: 'Europe/London',
        firstDayOfWeek: 2,
        minimalDaysInFirstWeek: 4,
        simpleWeekNumbering: false,
        table: 'DATE_TIME_UK',
        firstYear: 2024,
        lastYear: 2024,
      },
      job,
    );
    assert.equal(added, 366 * 96 + 1);
    const days = await db.query<{ d: string; n: number }>(
      `SELECT label_yyyy_mm_dd AS d, count(*)::int AS n FROM date_time_uk
        WHERE date_time_key < $1 GROUP BY 1 HAVING count(*) <> 96 ORDER BY 1`,
      [FAR_FUTURE_KEY],
    );
    assert.deepEqual(days.rows, [
      { d: '2024-03-31', n: 92 },
      { d: '2024-10-27', n: 100 },
    ]);
    const w = await db.query<{ w: number; k: number }>(
      `SELECT cal_week_num_in_year AS w, date_time_week_key AS k FROM date_time_uk WHERE date_time_key = $1`,
      [utc(2024, 12, 31, 12)],
    );
    assert.deepEqual(w.rows[0], { w: 1, k: utc(2024, 12, 30) });
  });

  it('reports headroom and the last year to fill', async () => {
    const db = getDb();
    const h = await calendarHeadroomDays(db, job.nowMs);
    assert.equal(h, (utc(2025, 1, 1, 5) - job.nowMs / 1000) / 86400);
    assert.equal(
      await calendarHeadroomDays(db, job.nowMs, 'date_time_uk'),
      (utc(2025, 1, 1) - job.nowMs / 1000) / 86400,
    );
    await db.exec(`CREATE TABLE empty_cal (LIKE date_time)`);
    assert.equal(await calendarHeadroomDays(db, job.nowMs, 'empty_cal'), null);
    assert.equal(calendarLastYear(ny, job.nowMs, 366), 2025);
    assert.equal(calendarLastYear(ny, Date.UTC(2024, 11, 31, 23), 0), 2024);
  });
});

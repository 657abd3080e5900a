// Fills DATE_TIME (and the custom `[date-time-<suffix>]` tables) in whole local years
// (data-model 4.2). Rows are computed in JavaScript (calendar-rows.ts) and loaded with COPY into a
// temporary table, then inserted where missing: existing rows are never changed.
import type { Db } from '../../db/types.ts';
import { insertAuditLog, nextAuditKey } from './audit.ts';
import { CalendarBuilder, DATE_TIME_COLUMNS, FAR_FUTURE_KEY, rowsToCsv } from './calendar-rows.ts';
import type { CalendarRules } from './calendar-rows.ts';
import { assertIdentifier } from './identifiers.ts';

export { FAR_FUTURE_KEY } from './calendar-rows.ts';
export type { CalendarRules } from './calendar-rows.ts';

export const MAIN_CALENDAR_TABLE = 'date_time';

export interface CalendarFill extends CalendarRules {
  /** `date_time`, or a custom section's date-time-table-name (created like DATE_TIME if absent). */
  readonly table: string;
  /** First and last local year to fill (inclusive). */
  readonly firstYear: number;
  readonly lastYear: number;
}

export interface CalendarJob {
  readonly jobId: string;
  readonly jobName: string;
  readonly nowMs: number;
}

/** Local year (calendar zone) of the instant `maxDaysAhead` days after now: the last year to fill. */
export function calendarLastYear(rules: CalendarRules, nowMs: number, maxDaysAhead: number): number {
  const b = new CalendarBuilder(rules);
  return b.localYearOf(Math.floor(nowMs / 1000) + maxDaysAhead * 86400);
}

/** Creates a custom calendar table with the columns, keys and indexes of DATE_TIME. */
async function ensureCalendarTable(db: Db, table: string): Promise<void> {
  if (table === MAIN_CALENDAR_TABLE) return;
  await db.exec(`CREATE TABLE IF NOT EXISTS ${table} (LIKE ${MAIN_CALENDAR_TABLE} INCLUDING ALL)`, {
    name: `calendar.create ${table}`,
  });
}

async function countRange(db: Db, table: string, from: number, to: number): Promise<number> {
  const r = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${table} WHERE date_time_key >= $1::bigint AND date_time_key < $2::bigint`,
    [from, to],
    { name: `calendar.count ${table}` },
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Inserts the missing rows of each local year firstYear..lastYear and the far-future row, one
 * transaction (and one audit key) per year that needed rows. Returns the number of rows added.
 */
export async function fillCalendar(db: Db, fill: CalendarFill, job: CalendarJob): Promise<number> {
  const table = fill.table.toLowerCase();
  assertIdentifier(table);
  if (fill.firstYear > fill.lastYear) return 0;
  await ensureCalendarTable(db, table);
  const b = new CalendarBuilder(fill);
  let added = 0;
  const load = async (
    keysFrom: number,
    keysTo: number,
    rows: () => Iterable<readonly (string | number)[]>,
  ) => {
    if (keysFrom >= keysTo || (await countRange(db, table, keysFrom, keysTo)) === (keysTo - keysFrom) / 900)
      return;
    added += await db.transaction(
      async (tx) => {
        const auditKey = await nextAuditKey(tx);
        await tx.exec(
          `CREATE TEMP TABLE calendar_stage (LIKE ${MAIN_CALENDAR_TABLE} INCLUDING DEFAULTS) ON COMMIT DROP`,
        );
        await tx.copyIn('calendar_stage', DATE_TIME_COLUMNS, rowsToCsv(rows()), { name: 'calendar.copy' });
        const cols = DATE_TIME_COLUMNS.join(', ');
        const r = await tx.query(
          `INSERT INTO ${table} (${cols}, create_audit_key, update_audit_key)
           SELECT ${cols}, $1, $1 FROM calendar_stage ORDER BY date_time_key
           ON CONFLICT (date_time_key) DO NOTHING`,
          [auditKey],
          { name: `calendar.insert ${table}` },
        );
        if (r.rowCount > 0) {
          await insertAuditLog(tx, {
            auditKey,
            jobId: job.jobId,
            jobName: job.jobName,
            rowCount: r.rowCount,
            createdMs: job.nowMs,
          });
        }
        return r.rowCount;
      },
      { name: `calendar.fill ${table}` },
    );
  };
  for (let y = fill.firstYear; y <= fill.lastYear; y++) {
    const [from, to] = b.yearKeyRange(y);
    await load(from, to, () => b.yearRows(y, y));
  }
  await load(FAR_FUTURE_KEY, FAR_FUTURE_KEY + 900, () => [b.row(FAR_FUTURE_KEY)]);
  return added;
}

/**
 * Days of calendar left after now: (end of the last filled interval − now) / 86400, ignoring
 * the far-future row; null when the table holds no ordinary row.
 */
export async function calendarHeadroomDays(
  db: Db,
  nowMs: number,
  table: string = MAIN_CALENDAR_TABLE,
): Promise<number | null> {
  const t = table.toLowerCase();
  assertIdentifier(t);
  const r = await db.query<{ k: number | null }>(
    `SELECT max(date_time_key) AS k FROM ${t} WHERE date_time_key < $1`,
    [FAR_FUTURE_KEY],
    { name: `calendar.headroom ${t}` },
  );
  const k = r.rows[0]?.k;
  if (k === null || k === undefined) return null;
  return (Number(k) + 900 - nowMs / 1000) / 86400;
}

// Reading AG2 tables into the oracle's shape, and the oracle's tables at every level.
import type { Queryable } from '../../src/db/types.ts';
import { HIERARCHY_SPECS, aggTableName, keyColumns } from '../../src/jobs/aggregate-gim/hierarchies.ts';
import { LEVELS, type Level, levelBelow, levelKeyColumn } from '../../src/jobs/aggregate-gim/levels.ts';
import { type Table, type Tables, rollUp } from './oracle.ts';

export async function readAgg(
  db: Queryable,
  table: string,
  keys: readonly string[],
  measures: readonly string[],
): Promise<Table> {
  const r = await db.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
  const out: Table = new Map();
  for (const row of r.rows) {
    out.set(
      keys.map((k) => Number(row[k.toLowerCase()])).join('|'),
      Object.fromEntries(measures.map((m) => [m, Number(row[m.toLowerCase()])])),
    );
  }
  return out;
}

/** Every AG2 table as stored. */
export async function readAll(db: Queryable): Promise<Tables> {
  const out: Tables = new Map();
  for (const spec of HIERARCHY_SPECS) {
    for (const level of LEVELS) {
      const t = aggTableName(spec, level);
      out.set(t, await readAgg(db, t, keyColumns(spec), spec.measures));
    }
  }
  return out;
}

const LEVEL_COL: Readonly<Record<Exclude<Level, 'SUBHR'>, string>> = {
  HOUR: 'date_time_hour_key',
  DAY: 'date_time_day_key',
  MONTH: 'date_time_month_key',
  QRTR: 'date_time_quarter_key',
  YEAR: 'date_time_year_key',
};

/** The oracle's SUBHR tables rolled up to every level through the calendar rows of [lo, hi). */
export async function expectedAll(db: Queryable, subhr: Tables, lo: number, hi: number): Promise<Tables> {
  const cal = await db.query<Record<string, number>>(
    `SELECT date_time_key, date_time_hour_key, date_time_day_key, date_time_month_key, date_time_quarter_key, date_time_year_key
       FROM date_time WHERE date_time_key >= $1 AND date_time_key < $2`,
    [lo, hi],
  );
  const maps = new Map<string, Map<number, number>>();
  for (const col of Object.values(LEVEL_COL)) {
    maps.set(col, new Map(cal.rows.map((r) => [Number(r.date_time_key), Number(r[col])])));
  }
  const out: Tables = new Map();
  for (const spec of HIERARCHY_SPECS) {
    let cur: Table = subhr.get(aggTableName(spec, 'SUBHR')) ?? new Map();
    out.set(aggTableName(spec, 'SUBHR'), cur);
    for (const level of LEVELS.slice(1) as Exclude<Level, 'SUBHR'>[]) {
      const m = maps.get(LEVEL_COL[level]) as Map<number, number>;
      cur = rollUp(
        cur,
        (k) => {
          const v = m.get(k);
          if (v === undefined) throw new Error(`no calendar row for ${k}`);
          return v;
        },
        spec.maxMeasures,
      );
      out.set(aggTableName(spec, level), cur);
    }
  }
  return out;
}

/** Sorted entries, for deepEqual with readable diffs. */
export function entries(
  t: Table | undefined,
  filter: (key: string) => boolean = () => true,
): [string, Record<string, number>][] {
  return [...(t ?? new Map<string, Record<string, number>>()).entries()]
    .filter(([k]) => filter(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Tables whose rows differ from the GROUP BY of the level below through DATE_TIME (none = consistent). */
export async function levelMismatches(db: Queryable): Promise<string[]> {
  const bad: string[] = [];
  for (const spec of HIERARCHY_SPECS) {
    for (const level of LEVELS.slice(1)) {
      const below = levelBelow(level);
      if (!below) continue;
      const grain = keyColumns(spec).slice(1);
      const sums = spec.measures.map((m) => `${spec.maxMeasures.includes(m) ? 'MAX' : 'SUM'}(b.${m})`);
      const select = `SELECT d.${levelKeyColumn(level, '15min')}, ${grain.map((g) => `b.${g}`).join(', ')}, ${sums.join(', ')}
        FROM ${aggTableName(spec, below)} b JOIN DATE_TIME d ON d.DATE_TIME_KEY = b.DATE_TIME_KEY
        GROUP BY d.${levelKeyColumn(level, '15min')}, ${grain.map((g) => `b.${g}`).join(', ')}`;
      const stored = `SELECT ${[...keyColumns(spec), ...spec.measures].join(', ')} FROM ${aggTableName(spec, level)}`;
      const diff = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ((${select} EXCEPT ${stored}) UNION ALL (${stored} EXCEPT ${select})) x`,
      );
      if (diff.rows[0]?.n !== 0) bad.push(`${aggTableName(spec, level)} vs ${aggTableName(spec, below)}`);
    }
  }
  return bad;
}

// Delete-then-insert of one hierarchy's rows at one level over a whole-period range, set-based:
// SUBHR from the facts, every other level from the level below grouped by the DATE_TIME roll-up
// key (data-model 6.1, 6.3). Runs inside the caller's transaction.
import type { AggOptions } from '../../config/types.ts';
import type { Queryable } from '../../db/types.ts';
import { aggTableName, keyColumns } from './hierarchies.ts';
import { type Level, type StoredFlavor, levelBelow, levelKeyColumn } from './levels.ts';
import type { HierarchySpec } from './spec.ts';

export interface RecomputeInput {
  readonly spec: HierarchySpec;
  readonly level: Level;
  /** Whole periods of `level`: [lo, hi) in DATE_TIME_KEY (epoch s). */
  readonly lo: number;
  readonly hi: number;
  readonly flavor: StoredFlavor;
  readonly agg: AggOptions;
}

type Named = Readonly<Record<string, number | string>>;

/** Turns :name placeholders into $n bind parameters (ints cast, text for :flavor). */
export function bindNamed(sql: string, values: Named): { text: string; params: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-z]+)\b/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return typeof values[name] === 'string' ? `$${i + 1}::text` : `($${i + 1}::int)`;
  });
  return { text, params: order.map((n) => values[n]) };
}

const FLAVOR_FILTER = `(:flavor = 'ALL' OR MEDIA_TYPE_KEY IN (SELECT MEDIA_TYPE_KEY FROM MEDIA_TYPE
  WHERE IS_ONLINE = CASE WHEN :flavor = 'ONLINE' THEN 1 ELSE 0 END))`;

/** The INSERT … SELECT of one level (exported for tests and the benchmark's full recomputation). */
export function recomputeInsertSql(spec: HierarchySpec, level: Level, agg: AggOptions): string {
  const table = aggTableName(spec, level);
  const cols = [...keyColumns(spec), ...spec.measures];
  const roll = (m: string): string => `${spec.maxMeasures.includes(m) ? 'MAX' : 'SUM'}(c.${m})`;
  const below = levelBelow(level);
  const grainOut = ['c.TENANT_KEY', 'c.MEDIA_TYPE_KEY', ...spec.grain.map((g) => `c.${g}`)];
  if (below === null) {
    const thirty = agg.subHourInterval === '30min';
    const key = thirty ? 'd.DATE_TIME_30MIN_KEY' : 'c.K15';
    const nulls = grainOut.map((g) => `COALESCE(${g}, -1)`);
    return `INSERT INTO ${table} (${cols.join(', ')})
SELECT ${key}, ${nulls.join(', ')}, ${spec.measures.map(roll).join(', ')}
FROM (${spec.contributions}) c
${thirty ? 'JOIN DATE_TIME d ON d.DATE_TIME_KEY = c.K15' : ''}
WHERE ${FLAVOR_FILTER.replace('MEDIA_TYPE_KEY IN', 'c.MEDIA_TYPE_KEY IN')}
GROUP BY ${[key, ...nulls].join(', ')}`;
  }
  const key = `d.${levelKeyColumn(level, agg.subHourInterval)}`;
  // The range repeated on DATE_TIME keeps the join to the range's calendar rows, not the whole
  // calendar, whatever plan the level-below table gets.
  return `INSERT INTO ${table} (${cols.join(', ')})
SELECT ${key}, ${grainOut.join(', ')}, ${spec.measures.map(roll).join(', ')}
FROM ${aggTableName(spec, below)} c
JOIN DATE_TIME d ON d.DATE_TIME_KEY = c.DATE_TIME_KEY
WHERE c.DATE_TIME_KEY >= :lo AND c.DATE_TIME_KEY < :hi
  AND d.DATE_TIME_KEY >= :lo AND d.DATE_TIME_KEY < :hi
  AND ${FLAVOR_FILTER.replace('MEDIA_TYPE_KEY IN', 'c.MEDIA_TYPE_KEY IN')}
GROUP BY ${[key, ...grainOut].join(', ')}`;
}

function values(input: RecomputeInput): Named {
  const a = input.agg;
  return {
    lo: input.lo,
    hi: input.hi,
    flavor: input.flavor,
    sl: a.serviceLevelThreshold,
    sa: a.shortAbandonedThreshold,
    se: a.shortEngageThreshold,
  };
}

/** Replaces the level's rows in [lo, hi) (of the flavour's media); returns the rows inserted. */
export async function recomputeRange(tx: Queryable, input: RecomputeInput): Promise<number> {
  const { spec, level } = input;
  const table = aggTableName(spec, level);
  const v = values(input);
  const del = bindNamed(
    `DELETE FROM ${table} WHERE DATE_TIME_KEY >= :lo AND DATE_TIME_KEY < :hi AND ${FLAVOR_FILTER}`,
    { lo: v.lo as number, hi: v.hi as number, flavor: input.flavor },
  );
  await tx.query(del.text, del.params, { name: `aggregate.delete-${table}` });
  const sql = recomputeInsertSql(spec, level, input.agg);
  const used = Object.fromEntries(Object.entries(v).filter(([k]) => new RegExp(`(?<!:):${k}\\b`).test(sql)));
  const ins = bindNamed(sql, used);
  const r = await tx.query(ins.text, ins.params, { name: `aggregate.insert-${table}` });
  return r.rowCount;
}

// Configuration already in an IDB (from an earlier run: another period, or a bulk history before
// live mode): objects are kept by DBID and associations by content, so a later run adds only what
// is new instead of failing on duplicate keys.
import type { Db } from '../db/types.ts';
import type { SimRow } from './row-log.ts';
import { TABLES, TABLE_NAMES } from './tables.ts';
import type { TableName, TableSpec } from './tables.ts';

function keyColumns(spec: TableSpec): string[] {
  return spec.idMode === 'none' ? ['id'] : [...spec.columns.filter((c) => c !== 'status'), 'created_ts'];
}

const CFG_TABLES = TABLE_NAMES.filter((n) => TABLES[n].provider === 'cfg');

/** A predicate: true for a configuration row whose object or association the IDB already has. */
export async function readExistingConfig(db: Db): Promise<(r: SimRow) => boolean> {
  const seen = new Map<TableName, Set<string>>();
  for (const name of CFG_TABLES) {
    const cols = keyColumns(TABLES[name]);
    const r = await db.query<{ k: string }>(
      `SELECT json_build_array(${cols.join(', ')})::text AS k FROM ${name}`,
      [],
      {
        name: `simulate.existing-${name}`,
      },
    );
    if (r.rows.length > 0) seen.set(name, new Set(r.rows.map((x) => x.k.replace(/\s/g, ''))));
  }
  return (r) => {
    const set = seen.get(r.table);
    if (!set) return false;
    const key = JSON.stringify(keyColumns(TABLES[r.table]).map((c) => r.v[c] ?? null)).replace(/\s/g, '');
    return set.has(key);
  };
}

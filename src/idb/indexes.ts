// Extraction indexes on an existing IDB (one ICON created, or an older bootstrap): created when
// missing, for Job_InitializeGIM, Job_MigrateGIM and the extraction pre-check (jobs 5.1, 5.2).
import type { Db } from '../db/types.ts';
import { idbTables } from './catalog.ts';
import { idbIndexName, idbIndexSql } from './ddl.ts';

export interface IdbIndexResult {
  /** Index names created by this call. */
  readonly created: readonly string[];
  /** Catalog tables the database does not have (an IDB of another role). */
  readonly missingTables: readonly string[];
}

export async function createIdbIndexes(db: Db): Promise<IdbIndexResult> {
  const tables = idbTables.filter((t) => t.hasGsys);
  const present = await db.query<{ t: string; i: string | null }>(
    `SELECT x.t, to_regclass(x.i)::text AS i FROM unnest($1::text[], $2::text[]) AS x(t, i)
      WHERE to_regclass(x.t) IS NOT NULL`,
    [tables.map((t) => t.name.toLowerCase()), tables.map((t) => idbIndexName(t))],
    { name: 'idb.indexes.present' },
  );
  const existing = new Map(present.rows.map((r) => [r.t, r.i]));
  const created: string[] = [];
  const missingTables: string[] = [];
  for (const t of tables) {
    if (!existing.has(t.name.toLowerCase())) {
      missingTables.push(t.name);
      continue;
    }
    if (existing.get(t.name.toLowerCase()) !== null) continue;
    await db.exec(idbIndexSql(t), { name: `idb.index ${t.name}` });
    created.push(idbIndexName(t));
  }
  return { created, missingTables };
}

// `Job_MigrateGIM -make-export-views`: one view per exported table (facts, dimensions, fact
// extensions) in the schema export_views, freezing today's column list so that an export keeps
// its layout across schema upgrades until the views are made again (jobs reference 5.7).
import type { Db } from '../../db/types.ts';
import { assertIdentifier } from '../../db/shared.ts';

export const EXPORT_VIEWS_SCHEMA = 'export_views';

/** Tables that are exported: everything in public but GIDB copies, control, staging, aggregates. */
const NOT_EXPORTED = `c.relname NOT LIKE 'gidb\\_%' AND c.relname NOT LIKE 'ctl\\_%' AND c.relname NOT LIKE 'stg\\_%'
  AND c.relname NOT LIKE 'ag2\\_%' AND c.relname NOT IN ('pending_agg', 'infomart_schema_migrations')`;

export async function listExportedTables(db: Pick<Db, 'query'>): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${NOT_EXPORTED}
     ORDER BY c.relname`,
    [],
    { name: 'export-views.list-tables' },
  );
  return r.rows.map((x) => x.name);
}

export async function makeExportViews(db: Db, schemaVersion: number, nowSeconds: number): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${EXPORT_VIEWS_SCHEMA}`);
    const tables = await listExportedTables(tx);
    for (const t of tables) {
      const cols = await tx.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = ('public.' || $1)::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [t],
        { name: 'export-views.columns' },
      );
      const list = cols.rows.map((c) => assertIdentifier(c.name)).join(', ');
      await tx.exec(
        `DROP VIEW IF EXISTS ${EXPORT_VIEWS_SCHEMA}.${assertIdentifier(t)};
         CREATE VIEW ${EXPORT_VIEWS_SCHEMA}.${t} AS SELECT ${list} FROM public.${t}`,
        { name: `export-views.create ${t}` },
      );
    }
    await tx.query(
      `INSERT INTO ctl_schema_info (schema_name, schema_version, applied_ts) VALUES ('EXPORT_VIEWS', $1, $2)
       ON CONFLICT (schema_name) DO UPDATE SET schema_version = EXCLUDED.schema_version, applied_ts = EXCLUDED.applied_ts`,
      [String(schemaVersion), nowSeconds],
      { name: 'export-views.record-version' },
    );
    return tables;
  });
}

// Job_InitializeGIM creates the project schema in an empty Info Mart (jobs reference 5.1) before
// it can record itself in CTL_ETL_HISTORY. An existing but older schema is left to
// Job_MigrateGIM (R20): initialization never upgrades.
import { migrate, migrationStatus } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';

export async function ensureSchemaForInitialize(db: Db, nowMs: number): Promise<void> {
  const st = await migrationStatus(db, 'infomart');
  if (st.dbVersion === 0) await migrate(db, 'infomart', { nowSeconds: Math.floor(nowMs / 1000) });
}

import { it, before } from 'node:test';
import assert from 'node:assert/strict';
import { migrate } from '../../db/migrate.ts';
import { describeEachDb } from '../../../test/helpers/databases.ts';
import { EXPORT_VIEWS_SCHEMA, listExportedTables, makeExportViews } from './export-views.ts';

describeEachDb('export views (-make-export-views)', (getDb) => {
  before(async () => {
    await migrate(getDb(), 'infomart');
  });

  it('exports facts and dimensions, never GIDB, control, staging or aggregate tables', async () => {
    const tables = await listExportedTables(getDb());
    for (const t of [
      'interaction_fact',
      'interaction_resource_fact',
      'date_time',
      'resource_',
      'technical_descriptor',
    ]) {
      assert.ok(tables.includes(t), `${t} should be exported`);
    }
    assert.deepEqual(
      tables.filter((t) => /^(gidb_|ctl_|stg_|ag2_)|^pending_agg$/.test(t)),
      [],
    );
  });

  it('freezes the current columns: a column added later is not in the view until it is made again', async () => {
    const db = getDb();
    await makeExportViews(db, 1, 1_700_000_000);
    await db.exec('ALTER TABLE place ADD COLUMN extra_col int');
    const before = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'place' AND column_name = 'extra_col'`,
      [EXPORT_VIEWS_SCHEMA],
    );
    assert.equal(before.rows[0]?.n, 0);
    await makeExportViews(db, 2, 1_700_000_100);
    const after = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'place' AND column_name = 'extra_col'`,
      [EXPORT_VIEWS_SCHEMA],
    );
    assert.equal(after.rows[0]?.n, 1);
    const v = await db.query<{ schema_version: string }>(
      `SELECT schema_version FROM ctl_schema_info WHERE schema_name = 'EXPORT_VIEWS'`,
    );
    assert.equal(v.rows[0]?.schema_version, '2');
  });
});

import { it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDb } from '../../test/helpers/databases.ts';
import { listMigrations, migrate, migrationStatus } from './migrate.ts';

function makeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mig-'));
  mkdirSync(join(dir, 'idb'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, 'idb', name), sql);
  return dir;
}

describeEachDb('migration runner', (getDb) => {
  let dir: string;
  before(() => {
    dir = makeDir({
      '0001_first.sql': 'CREATE TABLE m1 (id int PRIMARY KEY);',
      '0002_second.sql': 'CREATE TABLE m2 (id int); INSERT INTO m2 VALUES (1);',
      '0003_broken.sql': 'CREATE TABLE m3 (id int); SELECT no_such_function();',
    });
  });

  it('applies files in order, one transaction each, and stops at a failing one', async () => {
    const db = getDb();
    await assert.rejects(migrate(db, 'idb', { dir }), /0003_broken\.sql/);
    const st = await migrationStatus(db, 'idb', listMigrations('idb', dir));
    assert.equal(st.dbVersion, 2);
    assert.deepEqual(
      st.pending.map((p) => p.version),
      [3],
    );
    // the failed file left nothing behind
    const t = await db.query<{ t: string | null }>(`SELECT to_regclass('m3')::text AS t`);
    assert.equal(t.rows[0]?.t, null);
  });

  it('resumes at the failed file once it is fixed, and a second run applies nothing', async () => {
    const db = getDb();
    writeFileSync(join(dir, 'idb', '0003_broken.sql'), 'CREATE TABLE m3 (id int);');
    const run = await migrate(db, 'idb', { dir });
    assert.deepEqual(
      run.applied.map((a) => a.version),
      [3],
    );
    const again = await migrate(db, 'idb', { dir });
    assert.equal(again.applied.length, 0);
    assert.equal(again.status.dbVersion, 3);
  });

  it('reports an applied file whose text changed', async () => {
    const db = getDb();
    writeFileSync(join(dir, 'idb', '0001_first.sql'), 'CREATE TABLE m1 (id int PRIMARY KEY, x int);');
    const st = await migrationStatus(db, 'idb', listMigrations('idb', dir));
    assert.deepEqual(
      st.changed.map((c) => c.version),
      [1],
    );
  });
});

// `infomart idb init --url URL` creates the IDB schema in any database, idempotently.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeEachDb, makeTestDb } from '../helpers/databases.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationStatus } from '../../src/db/migrate.ts';

const BIN = fileURLToPath(new URL('../../bin/infomart.js', import.meta.url));

describeEachDb('infomart idb init', (_getDb, kind) => {
  it('creates the IDB schema, and a second run changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idb-init-'));
    const t = await makeTestDb(kind, kind === 'pglite' ? { dataDir: join(dir, 'idb') } : {});
    const url = t.url;
    if (kind === 'pglite') await t.db.close();
    try {
      const first = spawnSync(process.execPath, [BIN, 'idb', 'init', '--url', url], { encoding: 'utf8' });
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /IDB schema at .*: version \d+ \(applied /);
      const second = spawnSync(process.execPath, [BIN, 'idb', 'init', '--url', url], { encoding: 'utf8' });
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /already current/);
      const check = kind === 'pglite' ? await makeTestDb(kind, { dataDir: join(dir, 'idb') }) : t;
      const st = await migrationStatus(check.db, 'idb');
      assert.equal(st.pending.length, 0);
      const g = await check.db.query<{ t: string | null }>(`SELECT to_regclass('g_call')::text AS t`);
      assert.equal(g.rows[0]?.t, 'g_call');
      await check.dispose();
    } finally {
      if (kind === 'postgres') await t.dispose().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the bad url and exits 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'idb', 'init', '--url', 'mysql://x'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /database url "mysql:\/\/x" is not valid; expected pglite:memory/);
  });
});

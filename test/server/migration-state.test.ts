// R20 and M4 on the real server, in-process: an Info Mart one migration behind, or an extraction
// whose pre-check finds an unsupported IDB version, puts the server in the migration state, where
// only Job_MigrateGIM may run; with on-demand-migration the scheduler starts it by itself; success
// returns the server to Normal.
import { it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { makeSystemClock } from '../../src/core/clock.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { makeUsersFile } from '../../src/api/users-file.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import type { Principal } from '../../src/service-types.ts';
import { describeEachDb, makeTestDb } from '../helpers/databases.ts';
import { openDb } from '../../src/db/open.ts';
import type { Db } from '../../src/db/types.ts';
import { IDB_SCHEMA_VERSION } from '../../src/idb/version.ts';

const admin: Principal = { name: 'tester', role: 'admin' };

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function optionsText(infoMartUrl: string, onDemand: boolean, idbUrl = 'pglite:memory'): string {
  return [
    '[schedule]',
    // With a real IDB the test launches the extraction itself.
    `run-scheduler = ${idbUrl === 'pglite:memory'}`,
    `on-demand-migration = ${onDemand}`,
    '[dap:im]',
    'role = INFO_MART',
    `url = ${infoMartUrl}`,
    '[dap:idb]',
    'role = ICON_CFG, ICON_CORE',
    `url = ${idbUrl}`,
    '',
  ].join('\n');
}

describeEachDb('server in the migration state (R20, M4)', (_getDb, kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'infomart-mig-'));
  const servers: RunningServer[] = [];
  after(async () => {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function olderInfoMart(name: string, behind = 1): Promise<string> {
    const dataDir = join(dir, name);
    const t = await makeTestDb(kind, { dataDir });
    const files = listMigrations('infomart');
    const previous = files.at(-1 - behind)?.version ?? 0;
    await migrate(t.db, 'infomart', { to: previous });
    const url = t.url;
    // PGlite: close the directory so the server can open it; PostgreSQL: keep the database.
    if (kind === 'pglite') await t.dispose();
    else await t.db.close();
    return url;
  }

  async function start(url: string, onDemand: boolean, idbUrl?: string): Promise<RunningServer> {
    const optionsPath = join(dir, `options-${servers.length}.ini`);
    writeFileSync(optionsPath, optionsText(url, onDemand, idbUrl));
    const usersFile = join(dir, `users-${servers.length}.json`);
    await makeUsersFile(usersFile);
    const s = await startServer({
      optionsPath,
      host: '127.0.0.1',
      port: 0,
      usersFile,
      log: pino({ level: 'silent' }),
      clock: makeSystemClock(),
      env: process.env,
    });
    servers.push(s);
    await s.ready;
    return s;
  }

  it('stays in the migration state without on-demand migration and accepts only Job_MigrateGIM', async () => {
    const s = await start(await olderInfoMart('a'), false);
    const st = await s.service.serverState();
    assert.equal(st.state, 'Migration');
    assert.ok(
      st.reasons.some((r) => r.startsWith('R20')),
      st.reasons.join('; '),
    );
    await assert.rejects(s.service.runJob({ job: 'Job_InitializeGIM' }, admin), /M4/);
    const reply = await s.service.runJob({ job: 'Job_MigrateGIM' }, admin);
    assert.equal(reply.result, 'started');
    const id = reply.result === 'started' ? reply.run.jobId : '';
    await until('migration to complete', async () =>
      (await s.service.getJob(id)).status === 'Completed' ? true : undefined,
    );
    await until('Normal', async () =>
      (await s.service.serverState()).state === 'Normal' ? true : undefined,
    );
  });

  it('runs Job_MigrateGIM by itself with on-demand-migration, then is Normal', async () => {
    const s = await start(await olderInfoMart('b'), true);
    await until('Normal', async () =>
      (await s.service.serverState()).state === 'Normal' ? true : undefined,
    );
    const runs = await s.service.history({ job: 'Job_MigrateGIM' });
    assert.equal(runs.rows.length, 1);
    assert.equal(runs.rows[0]?.origin, 'scheduler');
    assert.equal(runs.rows[0]?.status, 'Completed');
  });
});

describeEachDb('server in the migration state after an unsupported IDB version (R20)', (_getDb, kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'infomart-idbv-'));
  const servers: RunningServer[] = [];
  after(async () => {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs fn on the IDB (PGlite: opened only meanwhile, so the server can open it otherwise). */
  async function withIdb(url: string, fn: (db: Db) => Promise<void>): Promise<void> {
    const db = await openDb(url);
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  }

  it('enters the migration state when the extraction finds an old IDB, and leaves it after Job_MigrateGIM', async () => {
    const im = await makeTestDb(kind, { dataDir: join(dir, 'im') });
    await migrate(im.db, 'infomart');
    const idb = await makeTestDb(kind, { dataDir: join(dir, 'idb') });
    await migrate(idb.db, 'idb');
    await idb.db.exec(`UPDATE gsys_schema_info SET schema_version = '7.6.0'`);
    await im.db.close();
    await idb.db.close();
    const optionsPath = join(dir, 'options.ini');
    writeFileSync(optionsPath, optionsText(im.url, false, idb.url));
    const usersFile = join(dir, 'users.json');
    await makeUsersFile(usersFile);
    const s = await startServer({
      optionsPath,
      host: '127.0.0.1',
      port: 0,
      usersFile,
      log: pino({ level: 'silent' }),
      clock: makeSystemClock(),
      env: process.env,
    });
    servers.push(s);
    await s.ready;
    assert.equal((await s.service.serverState()).state, 'Normal');
    const ext = await s.service.runJob({ job: 'Job_ExtractICON' }, admin);
    assert.equal(ext.result, 'started');
    const extId = ext.result === 'started' ? ext.run.jobId : '';
    const failed = await until('the extraction to fail', async () => {
      const j = await s.service.getJob(extId);
      return j.status === 'Failed' ? j : undefined;
    });
    assert.match(failed.errorMessage ?? '', /dap:idb.*7\.6\.0/);
    const st = await until('Migration', async () => {
      const v = await s.service.serverState();
      return v.state === 'Migration' ? v : undefined;
    });
    assert.ok(
      st.reasons.some((r) => r.startsWith('R20') && /dap:idb/.test(r) && /7\.6\.0/.test(r)),
      st.reasons.join('; '),
    );
    await assert.rejects(s.service.runJob({ job: 'Job_ExtractICON' }, admin), /M4/);
    // Upgrading the IDB alone is not enough: Job_MigrateGIM re-checks it and returns to Normal.
    await withIdb(idb.url, (db) =>
      db.exec(`UPDATE gsys_schema_info SET schema_version = '${IDB_SCHEMA_VERSION}'`),
    );
    assert.equal((await s.service.serverState()).state, 'Migration');
    const mig = await s.service.runJob({ job: 'Job_MigrateGIM' }, admin);
    assert.equal(mig.result, 'started');
    const migId = mig.result === 'started' ? mig.run.jobId : '';
    await until('migration to complete', async () =>
      (await s.service.getJob(migId)).status === 'Completed' ? true : undefined,
    );
    await until('Normal', async () =>
      (await s.service.serverState()).state === 'Normal' ? true : undefined,
    );
  });
});

// R20 and M4 on the real server, in-process: an Info Mart one migration behind puts the server in
// the migration state, where only Job_MigrateGIM may run; with on-demand-migration the scheduler
// starts it by itself; success returns the server to Normal.
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

const admin: Principal = { name: 'tester', role: 'admin' };

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function optionsText(infoMartUrl: string, onDemand: boolean): string {
  return [
    '[schedule]',
    'run-scheduler = true',
    `on-demand-migration = ${onDemand}`,
    '[dap:im]',
    'role = INFO_MART',
    `url = ${infoMartUrl}`,
    '[dap:idb]',
    'role = ICON_CFG, ICON_CORE',
    'url = pglite:memory',
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

  async function olderInfoMart(name: string): Promise<string> {
    const dataDir = join(dir, name);
    const t = await makeTestDb(kind, { dataDir });
    const files = listMigrations('infomart');
    const previous = files.at(-2)?.version ?? 0;
    await migrate(t.db, 'infomart', { to: previous });
    const url = t.url;
    // PGlite: close the directory so the server can open it; PostgreSQL: keep the database.
    if (kind === 'pglite') await t.dispose();
    else await t.db.close();
    return url;
  }

  async function start(url: string, onDemand: boolean): Promise<RunningServer> {
    const optionsPath = join(dir, `options-${servers.length}.ini`);
    writeFileSync(optionsPath, optionsText(url, onDemand));
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

// The IDB version pre-check of Job_ExtractICON (jobs 5.2, R20) on both databases: a migrated IDB
// states a supported version; one IDB of an unsupported version (or stating none) fails the whole
// job before anything is extracted, with a message naming the DAP, the version found and the
// supported ones; the deployment check then reports the migration state until Job_MigrateGIM,
// which re-checks the IDBs, completes; a database without IDB tables only warns.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb, makeTestDb } from '../helpers/databases.ts';
import type { TestDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { IDB_SCHEMA_VERSION, SUPPORTED_IDB_VERSIONS, readIdbVersion } from '../../src/idb/index.ts';
import { runJobLocally } from '../../src/runner/local.ts';
import { checkIdbVersionFailure } from '../../src/server/deployment-check.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { log, makeConfig, makeSource, runExtract } from './fixture.ts';
import type { Source } from './fixture.ts';

const T0 = Date.UTC(2024, 2, 6, 12, 0, 0);
const SIM = { from: '2024-03-05', days: 1, callsPerDay: 40, seed: 3, truth: false } as const;

describeEachDb('Job_ExtractICON: IDB version pre-check (R20)', (getDb, kind) => {
  let good: Source;
  let old: Source;
  let empty: TestDb;
  const clock = makeFakeClock(T0);
  const config = (withOld: boolean) =>
    makeConfig([
      { name: 'good', roles: 'ICON_CFG, ICON_CORE', url: good.url },
      ...(withOld ? [{ name: 'old', roles: 'ICON_OCS', url: old.url }] : []),
    ]);

  async function extractedRows(): Promise<number> {
    const r = await getDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ctl_extract_history WHERE row_count > 0`,
    );
    return r.rows[0]?.n ?? -1;
  }

  before(async () => {
    good = await makeSource(kind);
    old = await makeSource(kind);
    empty = await makeTestDb(kind);
    await simulateInto([good.db], SIM);
    await simulateInto([old.db], SIM);
    await migrate(getDb(), 'infomart');
  });
  after(async () => {
    await good?.dispose();
    await old?.dispose();
    await empty?.dispose();
  });

  it('a migrated IDB states the version this server supports', async () => {
    assert.ok(SUPPORTED_IDB_VERSIONS.includes(IDB_SCHEMA_VERSION));
    assert.deepEqual(await readIdbVersion(good.db), { kind: 'supported', version: IDB_SCHEMA_VERSION });
    assert.deepEqual(await readIdbVersion(empty.db), { kind: 'not-an-idb' });
  });

  it('fails the whole job on an unsupported version, naming the DAP, the version and the supported ones', async () => {
    await old.db.exec(`UPDATE gsys_schema_info SET schema_version = '7.6.0' WHERE schema_name = 'IDB'`);
    assert.deepEqual(await readIdbVersion(old.db), { kind: 'unsupported', version: '7.6.0' });
    const r = await runExtract(getDb(), config(true), clock);
    assert.equal(r.status, 'FAILED');
    assert.match(r.error ?? '', /^R20: unsupported IDB version: /);
    assert.match(r.error ?? '', /dap:old/);
    assert.match(r.error ?? '', /7\.6\.0/);
    assert.ok(
      (r.error ?? '').includes(`supports IDB version ${SUPPORTED_IDB_VERSIONS.join(', ')}`),
      r.error ?? '',
    );
    assert.doesNotMatch(r.error ?? '', /dap:good/);
    // Checked before anything was extracted: the supported IDB was not read either.
    assert.equal(await extractedRows(), 0);
    const findings = await checkIdbVersionFailure(getDb());
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.level, 'migration');
    assert.match(findings[0]?.message ?? '', /dap:old.*7\.6\.0/);
  });

  it('Job_MigrateGIM fails while the IDB is unsupported and clears the state once it is upgraded', async () => {
    const still = await runJobLocally({
      name: 'Job_MigrateGIM',
      db: getDb(),
      config: config(true),
      clock,
      log,
    });
    assert.equal(still.status, 'FAILED');
    assert.match(still.error ?? '', /dap:old.*7\.6\.0/);
    assert.equal((await checkIdbVersionFailure(getDb())).length, 1, 'a failed migration keeps the state');
    await old.db.exec(`UPDATE gsys_schema_info SET schema_version = $$${IDB_SCHEMA_VERSION}$$`);
    const done = await runJobLocally({
      name: 'Job_MigrateGIM',
      db: getDb(),
      config: config(true),
      clock,
      log,
    });
    assert.equal(done.status, 'COMPLETE', done.error ?? '');
    assert.deepEqual(await checkIdbVersionFailure(getDb()), []);
    const r = await runExtract(getDb(), config(true), clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.ok((await extractedRows()) > 0);
  });

  it('an IDB that states no version is unsupported; a database with no IDB table only warns', async () => {
    await old.db.exec(`DROP TABLE gsys_schema_info`);
    assert.deepEqual(await readIdbVersion(old.db), { kind: 'unsupported', version: null });
    const r = await runExtract(getDb(), config(true), clock);
    assert.equal(r.status, 'FAILED');
    assert.match(r.error ?? '', /dap:old: the IDB states no schema version/);
    const withEmpty = makeConfig([
      { name: 'good', roles: 'ICON_CFG, ICON_CORE', url: good.url },
      { name: 'nothing', roles: 'ICON_OCS', url: empty.url },
    ]);
    const ok = await runExtract(getDb(), withEmpty, clock);
    assert.equal(ok.status, 'COMPLETE', ok.error ?? '');
    assert.ok(ok.outcome?.warnings?.some((w) => /dap:nothing: the database has no IDB table/.test(w)));
    assert.deepEqual(await checkIdbVersionFailure(getDb()), [], 'a completed extraction ends the state');
  });
});

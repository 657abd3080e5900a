// One job run end to end with its CTL_ETL_HISTORY row: statuses, times, refusals, stop.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { loadConfig } from '../../src/config/index.ts';
import { runJobLocally } from '../../src/runner/local.ts';
import { getRun, transitionRun } from '../../src/runner/history.ts';
import { describeEachDb } from '../helpers/databases.ts';

const config = loadConfig({
  text: '[dap:im]\nrole = INFO_MART\nurl = pglite:memory\n[dap:idb]\nrole = ICON_CFG, ICON_CORE\nurl = pglite:memory\n',
}).config;
const log = pino({ level: 'silent' });
const T0 = Date.UTC(2024, 4, 14, 10, 0, 0);

describeEachDb('local job runs', (getDb) => {
  const clock = makeFakeClock(T0);

  it('refuses a job before the Info Mart has a schema (R21)', async () => {
    await assert.rejects(runJobLocally({ name: 'Job_MigrateGIM', db: getDb(), config, clock, log }), /R21/);
  });

  it('initializes, records a Completed run with its times, and a second run adds nothing', async () => {
    const db = getDb();
    const first = await runJobLocally({ name: 'Job_InitializeGIM', db, config, clock, log });
    assert.equal(first.status, 'COMPLETE', first.error ?? '');
    const row = await getRun(db, first.jobId);
    assert.equal(row?.status, 'COMPLETE');
    assert.equal(row?.origin, 'manual');
    assert.equal(row?.startTs, T0 / 1000);
    assert.equal(row?.endTs, T0 / 1000);
    assert.ok((row?.rowCounts?.date_time ?? 0) > 0);
    const second = await runJobLocally({ name: 'Job_InitializeGIM', db, config, clock, log });
    assert.equal(second.status, 'COMPLETE');
    assert.equal(second.reason, 'nothing was missing');
    assert.ok(Number(second.jobId) > Number(first.jobId));
  });

  it('refuses parameters for a job that takes none (M3)', async () => {
    await assert.rejects(
      runJobLocally({ name: 'Job_MigrateGIM', params: '-x', db: getDb(), config, clock, log }),
      /takes no parameters \(M3\)/,
    );
  });

  it('ends Stopped with the reason when a stop was requested', async () => {
    const controller = new AbortController();
    controller.abort('stopped by test');
    const r = await runJobLocally({
      name: 'Job_InitializeGIM',
      db: getDb(),
      config,
      clock,
      log,
      signal: controller.signal,
    });
    assert.equal(r.status, 'STOPPED');
    assert.equal(r.reason, 'stopped by test');
  });

  it('moves a run only from the status it names', async () => {
    const db = getDb();
    const r = await runJobLocally({ name: 'Job_MigrateGIM', db, config, clock, log });
    assert.equal(r.status, 'COMPLETE');
    assert.equal(await transitionRun(db, r.jobId, ['RUNNING'], 'FAILED', { nowMs: T0 }), false);
    assert.equal((await getRun(db, r.jobId))?.status, 'COMPLETE');
  });
});

// Transient-error retries for every job (jobs reference 4, Failure): the unit is rolled back and
// run again, a bounded number of times; each retry is a line of the run's WARNINGS; other errors
// fail the job at once. The errors are raised by the database itself.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { createRun, getRun } from '../../src/runner/history.ts';
import { executeRun, type ExecuteResult } from '../../src/runner/execute.ts';
import type { JobContext, JobOutcome } from '../../src/jobs/types.ts';
import type { Db } from '../../src/db/types.ts';
import { T0, configWith, log, probeRows, raiseSql, setupRunnerDb, testJob } from './fixtures.ts';

async function run(
  db: Db,
  job: (ctx: JobContext) => Promise<JobOutcome>,
): Promise<ExecuteResult & { warnings: string[] }> {
  const jobId = await createRun(db, {
    jobName: 'Job_MaintainGIM',
    status: 'RUNNING',
    origin: 'manual',
    nowMs: T0,
  });
  const r = await executeRun({
    def: testJob('Job_MaintainGIM', job),
    jobId,
    params: '',
    db,
    config: configWith(),
    clock: makeFakeClock(T0),
    log,
    signal: new AbortController().signal,
    retryPolicy: { retries: 3, delayMs: 0 },
  });
  const row = await getRun(db, jobId);
  return { ...r, warnings: (row?.warnings ?? '').split('\n').filter((w) => w !== '') };
}

describeEachDb('transient-error retries', (getDb) => {
  before(async () => setupRunnerDb(getDb()));
  beforeEach(async () => getDb().exec(`DELETE FROM runner_probe`));

  it('rolls a failed unit back and runs it again; the retries are in WARNINGS', async () => {
    let attempts = 0;
    const r = await run(getDb(), async (ctx) => {
      await ctx.db.transaction(
        async (tx) => {
          attempts++;
          await tx.query(`INSERT INTO runner_probe VALUES (1, $1)`, [attempts]);
          if (attempts < 3) await tx.exec(raiseSql('40001'));
        },
        { name: 'test.unit' },
      );
      return { rowCounts: { runner_probe: 1 } };
    });
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.equal(attempts, 3);
    assert.deepEqual(await probeRows(getDb()), [{ unit: 1, n: 3 }]);
    assert.equal(r.warnings.length, 2);
    assert.match(r.warnings[0] ?? '', /test\.unit: serialization failure \(40001\).*retry 1 of 3/);
    assert.match(r.warnings[1] ?? '', /retry 2 of 3/);
  });

  it('fails the job once the retries are exhausted, nothing of the unit kept', async () => {
    let attempts = 0;
    const r = await run(getDb(), async (ctx) => {
      await ctx.db.transaction(async (tx) => {
        attempts++;
        await tx.query(`INSERT INTO runner_probe VALUES (2, $1)`, [attempts]);
        await tx.exec(raiseSql('40P01'));
      });
      return {};
    });
    assert.equal(r.status, 'FAILED');
    assert.equal(attempts, 4);
    assert.match(r.error ?? '', /deadlock detected \(40P01\); still failing after 3 retries/);
    assert.equal(r.warnings.length, 3);
    assert.deepEqual(await probeRows(getDb()), []);
  });

  it('never retries an error that is not transient', async () => {
    let attempts = 0;
    const r = await run(getDb(), async (ctx) => {
      await ctx.db.transaction(async (tx) => {
        attempts++;
        await tx.exec(raiseSql('23505'));
      });
      return {};
    });
    assert.equal(r.status, 'FAILED');
    assert.equal(attempts, 1);
    assert.deepEqual(r.warnings, []);
  });

  it('retries a statement run outside any transaction', async () => {
    const db = getDb();
    await db.exec(`DROP SEQUENCE IF EXISTS runner_attempts; CREATE SEQUENCE runner_attempts`);
    const r = await run(db, async (ctx) => {
      // nextval is not rolled back: the third attempt passes.
      await ctx.db.exec(
        `DO $$ BEGIN IF nextval('runner_attempts') < 3 THEN
           RAISE EXCEPTION 'lost' USING ERRCODE = '08006'; END IF;
           INSERT INTO runner_probe VALUES (3, 1); END $$`,
        { name: 'test.single' },
      );
      return {};
    });
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.deepEqual(await probeRows(db), [{ unit: 3, n: 1 }]);
    assert.equal(r.warnings.length, 2);
    assert.match(r.warnings[0] ?? '', /test\.single: connection failure \(08006\)/);
  });
});

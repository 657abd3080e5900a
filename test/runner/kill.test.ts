// Kill (jobs reference 4): the open unit of a job is rolled back, committed units stay, and the
// run ends Stopped. On PostgreSQL a statement running at that moment is cancelled.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { createRun, getRun } from '../../src/runner/history.ts';
import { executeRun } from '../../src/runner/execute.ts';
import { JobKilledError, makeKillSwitch } from '../../src/runner/kill-switch.ts';
import type { JobContext, JobOutcome } from '../../src/jobs/types.ts';
import type { Db } from '../../src/db/types.ts';
import { T0, configWith, log, makeGate, probeRows, setupRunnerDb, testJob } from './fixtures.ts';

async function runTestJob(db: Db, run: (ctx: JobContext) => Promise<JobOutcome>) {
  const jobId = await createRun(db, {
    jobName: 'Job_TransformGIM',
    status: 'RUNNING',
    origin: 'manual',
    nowMs: T0,
  });
  const controller = new AbortController();
  const kill = makeKillSwitch();
  const done = executeRun({
    def: testJob('Job_TransformGIM', run),
    jobId,
    params: '',
    db,
    config: configWith(),
    clock: makeFakeClock(T0),
    log,
    signal: controller.signal,
    kill,
  });
  return { jobId, done, kill, controller };
}

describeEachDb('kill rolls back the open unit', (getDb, kind) => {
  before(async () => setupRunnerDb(getDb()));

  it('committed units stay, the open one leaves nothing, the run ends Stopped (killed)', async () => {
    const db = getDb();
    const gate = makeGate();
    let seen: unknown = null;
    const { jobId, done, kill, controller } = await runTestJob(db, async (ctx) => {
      await ctx.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO runner_probe VALUES (1, 1), (1, 2)`);
      });
      try {
        await ctx.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO runner_probe VALUES (2, 1)`);
          await gate.wait();
          await tx.query(`INSERT INTO runner_probe VALUES (2, 2)`);
        });
      } catch (err) {
        seen = err;
        throw err;
      }
      return {};
    });
    await gate.reached;
    kill.kill('killed');
    controller.abort('killed');
    gate.open();
    const r = await done;
    assert.ok(seen instanceof JobKilledError, `the job saw ${String(seen)}`);
    assert.equal(r.status, 'STOPPED');
    assert.equal(r.reason, 'killed');
    assert.deepEqual(await probeRows(db), [
      { unit: 1, n: 1 },
      { unit: 1, n: 2 },
    ]);
    const row = await getRun(db, jobId);
    assert.equal(row?.status, 'STOPPED');
    assert.match(row?.warnings ?? '', /open unit was rolled back/);
    await db.exec(`DELETE FROM runner_probe`);
  });

  it('a statement outside any transaction is refused once killed', async () => {
    const db = getDb();
    const gate = makeGate();
    const { done, kill, controller } = await runTestJob(db, async (ctx) => {
      await gate.wait();
      await ctx.db.query(`INSERT INTO runner_probe VALUES (3, 1)`);
      return {};
    });
    await gate.reached;
    kill.kill('killed');
    controller.abort('killed');
    gate.open();
    const r = await done;
    assert.equal(r.status, 'STOPPED');
    assert.deepEqual(await probeRows(db), []);
  });

  if (kind === 'postgres') {
    it('cancels the statement running when the kill arrives', { timeout: 120_000 }, async () => {
      const db = getDb();
      let seen: unknown = null;
      const { done, kill, controller } = await runTestJob(db, async (ctx) => {
        await ctx.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO runner_probe VALUES (4, 1)`);
          try {
            // Far longer than the test's time-out: only a cancellation ends it in time.
            await tx.query(`SELECT pg_sleep(3600)`, [], { name: 'test.long-statement' });
          } catch (err) {
            seen = err;
            throw err;
          }
        });
        return {};
      });
      for (;;) {
        const a = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(3600)' AND state = 'active'`,
        );
        if ((a.rows[0]?.n ?? 0) > 0) break;
        await new Promise<void>((r) => setImmediate(r));
      }
      kill.kill('killed');
      controller.abort('killed');
      const r = await done;
      assert.ok(seen instanceof JobKilledError, `the job saw ${String(seen)}`);
      assert.equal(r.status, 'STOPPED');
      assert.deepEqual(await probeRows(db), []);
    });
  }
});

// The supervisor's kills on the injected clock: an admin kill, aggregation's cancel-threshold
// (killed that long after a stop request; 0 = the item finishes), and the end of the shutdown
// grace period. Each one rolls back the open unit; a stop requested first keeps its status and reason.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { getRun } from '../../src/runner/history.ts';
import { makeSupervisor } from '../../src/runner/supervisor.ts';
import type { JobDefinition, JobName } from '../../src/jobs/types.ts';
import type { Db } from '../../src/db/types.ts';
import { T0, configWith, log, makeGate, probeRows, setupRunnerDb, testJob, type Gate } from './fixtures.ts';

/** A job whose one unit inserts a row, waits at the gate, inserts another and commits. */
function unitJob(name: JobName, gate: Gate): JobDefinition {
  return testJob(name, async (ctx) => {
    await ctx.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO runner_probe VALUES (1, 1)`);
      await gate.wait();
      await tx.query(`INSERT INTO runner_probe VALUES (1, 2)`);
    });
    ctx.throwIfStopped();
    return {};
  });
}

function setup(db: Db, name: JobName, cancelThreshold: number) {
  const clock = makeFakeClock(T0);
  const gate = makeGate();
  const config = configWith(`[agg]\ncancel-threshold = ${cancelThreshold}\n`);
  const supervisor = makeSupervisor({
    db,
    clock,
    log,
    getConfig: () => config,
    jobs: () => unitJob(name, gate),
  });
  return { clock, gate, supervisor };
}

describeEachDb('supervisor kills', (getDb) => {
  before(async () => setupRunnerDb(getDb()));
  beforeEach(async () => getDb().exec(`DELETE FROM runner_probe`));

  it('cancel-threshold: aggregation is killed that long after the stop, its item rolled back', async () => {
    const db = getDb();
    const { clock, gate, supervisor } = setup(db, 'Job_AggregateGIM', 30);
    const run = await supervisor.start({ name: 'Job_AggregateGIM', origin: 'scheduler' });
    await gate.reached;
    supervisor.stop(run.jobId, 'window ended', 'scheduler', 'Completed');
    await clock.advance(29_999);
    assert.equal(supervisor.get(run.jobId)?.killRequested, null);
    await clock.advance(1);
    assert.match(supervisor.get(run.jobId)?.killRequested?.reason ?? '', /cancel-threshold of 30 s/);
    gate.open();
    const r = await run.done;
    // The stop came first: its status (R16 Completed) and reason stay; the item was rolled back.
    assert.equal(r.status, 'COMPLETE');
    assert.equal(r.reason, 'window ended');
    assert.deepEqual(await probeRows(db), []);
    assert.match((await getRun(db, run.jobId))?.warnings ?? '', /cancel-threshold.*rolled back/);
  });

  it('cancel-threshold 0: the item finishes however long it takes', async () => {
    const db = getDb();
    const { clock, gate, supervisor } = setup(db, 'Job_AggregateGIM', 0);
    const run = await supervisor.start({ name: 'Job_AggregateGIM', origin: 'scheduler' });
    await gate.reached;
    supervisor.stop(run.jobId, 'stopped by op', 'op', 'Stopped');
    await clock.advance(86_400_000);
    assert.equal(supervisor.get(run.jobId)?.killRequested, null);
    gate.open();
    const r = await run.done;
    assert.equal(r.status, 'STOPPED');
    assert.deepEqual(await probeRows(db), [
      { unit: 1, n: 1 },
      { unit: 1, n: 2 },
    ]);
  });

  it('the threshold applies to aggregation only', async () => {
    const db = getDb();
    const { clock, gate, supervisor } = setup(db, 'Job_TransformGIM', 30);
    const run = await supervisor.start({ name: 'Job_TransformGIM', origin: 'manual' });
    await gate.reached;
    supervisor.stop(run.jobId, 'stopped by op', 'op');
    await clock.advance(3_600_000);
    assert.equal(supervisor.get(run.jobId)?.killRequested, null);
    gate.open();
    assert.equal((await run.done).status, 'STOPPED');
    assert.equal((await probeRows(db)).length, 2);
  });

  it('an admin kill ends the run Stopped, killed, with who killed it', async () => {
    const db = getDb();
    const { gate, supervisor } = setup(db, 'Job_MaintainGIM', 0);
    const run = await supervisor.start({ name: 'Job_MaintainGIM', origin: 'manual' });
    await gate.reached;
    assert.equal(supervisor.kill(run.jobId, 'killed: runaway', 'admin'), true);
    gate.open();
    const r = await run.done;
    assert.equal(r.status, 'STOPPED');
    assert.equal(r.reason, 'killed: runaway');
    assert.deepEqual(await probeRows(db), []);
    const row = await getRun(db, run.jobId);
    assert.equal(row?.stoppedBy, 'admin');
    assert.equal(supervisor.kill(run.jobId), false);
  });

  it('shutdown: after the grace period the open unit is rolled back', async () => {
    const db = getDb();
    const { clock, gate, supervisor } = setup(db, 'Job_TransformGIM', 0);
    const run = await supervisor.start({ name: 'Job_TransformGIM', origin: 'scheduler' });
    await gate.reached;
    let shutDown = false;
    const done = supervisor.shutdown('server shutdown', 60_000).then(() => (shutDown = true));
    await clock.advance(59_999);
    assert.equal(supervisor.get(run.jobId)?.killRequested, null);
    await clock.advance(1);
    assert.match(supervisor.get(run.jobId)?.killRequested?.reason ?? '', /grace period over/);
    assert.equal(shutDown, false);
    gate.open();
    await done;
    const r = await run.done;
    assert.equal(r.status, 'STOPPED');
    assert.equal(r.reason, 'server shutdown');
    assert.deepEqual(await probeRows(db), []);
  });
});

// cancel-threshold with the real Job_AggregateGIM on PostgreSQL: an item blocked in its transaction
// (a lock the test holds) is killed 30 s (fake clock) after the stop; the blocked statement is
// cancelled, so the run ends while the lock is still held, and nothing of the item is written.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestDb, type TestDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { makeSupervisor } from '../../src/runner/supervisor.ts';
import { getRun } from '../../src/runner/history.ts';
import { aggConfig, insertRows, log, notify, setupInfoMart } from '../aggregate/fixtures.ts';
import { FACT_TABLES, dimensionRows, generateFacts } from '../aggregate/generate.ts';
import { makeGate } from './fixtures.ts';

const D = Date.UTC(2024, 2, 5) / 1000;
const T0 = Date.UTC(2024, 2, 20, 12);

describe('cancel-threshold kills a blocked aggregation item [postgres]', () => {
  let t: TestDb;
  before(async () => {
    t = await makeTestDb('postgres');
    await setupInfoMart(t.db, 'UTC', 2024);
    const dims = dimensionRows(D, D + 86400);
    await insertRows(t.db, 'RESOURCE_', dims.resources);
    await insertRows(t.db, 'GROUP_', dims.groups);
    await insertRows(t.db, 'RESOURCE_GROUP_FACT_', dims.memberships);
    const f = generateFacts({ seed: 3, start: D, end: D + 86400, spacing: 900 });
    for (const table of FACT_TABLES) await insertRows(t.db, table, f[table]);
    await notify(t.db, D, D + 3600);
  });
  after(async () => t?.dispose());

  it('rolls the item back; the stop keeps its status and reason', { timeout: 300_000 }, async () => {
    const db = t.db;
    const clock = makeFakeClock(T0);
    const config = aggConfig('UTC', '[agg]\ncancel-threshold = 30');
    assert.equal(config.agg.cancelThreshold, 30);
    const supervisor = makeSupervisor({ db, clock, log, getConfig: () => config });
    const tables = await db.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'ag2\\_%\\_subhr' ORDER BY 1`,
    );
    const names = tables.rows.map((x) => x.t);
    assert.ok(names.length >= 13, names.join(','));
    // Hold every SUBHR aggregate table: the item's first write waits on the lock.
    const release = makeGate();
    const holder = db.transaction(async (tx) => {
      await tx.exec(`LOCK TABLE ${names.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await release.wait();
    });
    await release.reached;
    const run = await supervisor.start({ name: 'Job_AggregateGIM', origin: 'scheduler' });
    for (;;) {
      const w = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      if ((w.rows[0]?.n ?? 0) > 0) break;
      await new Promise<void>((r) => setImmediate(r));
    }
    supervisor.stop(run.jobId, 'window ended', 'scheduler', 'Completed');
    await clock.advance(29_999);
    assert.equal(supervisor.get(run.jobId)?.killRequested, null);
    await clock.advance(1);
    // The run ends with the lock still held: only the cancellation can have ended the statement.
    const r = await run.done;
    release.open();
    await holder;
    assert.equal(r.status, 'COMPLETE');
    assert.equal(r.reason, 'window ended');
    const row = await getRun(db, run.jobId);
    assert.match(row?.warnings ?? '', /cancel-threshold of 30 s.*rolled back/);
    for (const name of names) {
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
      assert.equal(n.rows[0]?.n, 0, `${name} has rows of the rolled-back item`);
    }
    const pending = await db.query<{ status: number }>(
      `SELECT status FROM pending_agg WHERE agg_level = 'SUBHR'`,
    );
    assert.deepEqual(
      pending.rows.map((x) => Number(x.status)),
      [1],
      'left running; pending again at the next start',
    );
  });
});

// Live mode on both databases: traffic appears as simulated time passes, calls are inserted
// active and updated when they end, and G_PROV_CONTROL bounds every marker after each tick.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import type { FakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { startLiveSimulation } from '../../src/simulator/live.ts';
import type { LiveSimulation } from '../../src/simulator/live.ts';
import { historyOrder, markerProblems, orphans, timeTwins, unknownCodes } from './checks.ts';

const START = Date.UTC(2024, 2, 5, 9, 0, 0);

describeEachDb('simulator: live mode', (getDb) => {
  let clock: FakeClock;
  let live: LiveSimulation | null = null;
  let ticks = 0;
  let simulated = 0;
  let waiters: (() => void)[] = [];
  const waitTicks = async (target: number): Promise<void> => {
    while (ticks < target) await new Promise<void>((r) => waiters.push(r));
  };
  /** Moves the fake clock one tick at a time, waiting for each tick's writes. */
  const run = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const target = ticks + 1;
      await clock.advance(1000);
      await waitTicks(target);
    }
  };

  before(async () => {
    await migrate(getDb(), 'idb');
    clock = makeFakeClock(START);
    live = await startLiveSimulation({
      dbs: [getDb()],
      clock,
      seed: 3,
      speed: 60,
      callsPerHour: 400,
      onTick: (t) => {
        ticks += 1;
        simulated = t.simulatedTs;
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      },
    });
    await waitTicks(1);
  });
  after(async () => {
    await live?.stop();
  });

  it('writes calls while they are active and updates them when they end', async () => {
    const db = getDb();
    await run(6);
    assert.equal(simulated, START / 1000 + 6 * 60 + 1);
    const active = await db.query<{ callid: string }>(
      `SELECT callid FROM g_call WHERE terminated_ts IS NULL AND mediatype = 1 AND created_ts < $1`,
      [simulated],
    );
    assert.ok(active.rows.length > 0, 'no active voice call');
    const before = await db.query<{ m: string }>(
      `SELECT max(GREATEST(gsys_seq, COALESCE(gsys_useq, 0)))::text AS m FROM g_call`,
    );
    const mark = Number(before.rows[0]?.m);
    const future = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM g_party_history WHERE added_ts >= $1`,
      [simulated],
    );
    assert.equal(future.rows[0]?.n, 0, 'rows from the simulated future were written');
    await run(30);
    const ended = await db.query<{ n: number; later: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE gsys_useq > $2)::int AS later
         FROM g_call WHERE callid = ANY($1::text[]) AND terminated_ts IS NOT NULL`,
      [active.rows.map((r) => r.callid), mark],
    );
    assert.ok((ended.rows[0]?.n ?? 0) > 0, 'no active call ended');
    assert.equal(ended.rows[0]?.later, ended.rows[0]?.n, 'an ended call kept its old change marker');
  });

  it('keeps the IDB consistent and bounded by G_PROV_CONTROL while it runs', async () => {
    const db = getDb();
    await run(3);
    assert.deepEqual(await orphans(db), []);
    assert.deepEqual(await timeTwins(db), []);
    assert.deepEqual(await unknownCodes(db), []);
    assert.deepEqual(await historyOrder(db), []);
    const bound = (await markerProblems(db)).filter((p) => p.t !== 'insert order');
    assert.deepEqual(bound, []);
    const sessions = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM g_login_session WHERE terminated_ts IS NULL`,
    );
    assert.ok((sessions.rows[0]?.n ?? 0) > 0, 'no agent logged in');
  });
});

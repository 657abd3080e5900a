// Later runs into the same IDB: a second period of history, then live mode, add to what is there
// (configuration objects are kept, markers keep growing) instead of failing on duplicate keys.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { startLiveSimulation } from '../../src/simulator/live.ts';
import { markerProblems, orphans } from './checks.ts';

describeEachDb('simulator: appending runs', (getDb) => {
  it('adds a second day of history, then live traffic, to the same IDB', async () => {
    const db = getDb();
    await migrate(db, 'idb');
    const first = await simulateInto([db], { from: '2024-03-05', days: 1, callsPerDay: 300, seed: 21 });
    const second = await simulateInto([db], { from: '2024-03-06', days: 1, callsPerDay: 300, seed: 21 });
    assert.ok((second.idbs[0]?.seq ?? 0) > (first.idbs[0]?.seq ?? 0));
    const agents = await db.query<{ n: number; d: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM gc_agent`,
    );
    assert.equal(agents.rows[0]?.n, agents.rows[0]?.d);
    const days = await db.query<{ d: number }>(
      `SELECT count(DISTINCT (created_ts - $1) / 86400)::int AS d FROM g_call WHERE created_ts >= $1`,
      [first.from],
    );
    assert.equal(days.rows[0]?.d, 2);

    const clock = makeFakeClock((second.until + 3600) * 1000);
    let ticks = 0;
    const live = await startLiveSimulation({
      dbs: [db],
      clock,
      seed: 22,
      speed: 60,
      callsPerHour: 200,
      onTick: () => {
        ticks += 1;
      },
    });
    for (let i = 0; i < 5; i++) {
      const target = ticks + 1;
      await clock.advance(1000);
      while (ticks < target) await new Promise((r) => setTimeout(r, 5));
    }
    await live.stop();
    const liveCalls = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM g_call WHERE created_ts > $1`,
      [second.until],
    );
    assert.ok((liveCalls.rows[0]?.n ?? 0) > 0);
    assert.deepEqual(await orphans(db), []);
    assert.deepEqual(
      (await markerProblems(db)).filter((p) => p.t !== 'insert order'),
      [],
    );
  });
});

// The job around the engine: --until-idle and -insertPendingAgg through the runner, refusals,
// running rows reverted at start, stop at an item boundary, idle polling on the injected clock,
// agg-level delays, flavours.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import type { Db } from '../../src/db/types.ts';
import { createRun } from '../../src/runner/history.ts';
import { executeRun } from '../../src/runner/execute.ts';
import { aggregateGimJob } from '../../src/jobs/aggregate-gim/index.ts';
import { IDLE_POLL_MS, runAggregationLoop } from '../../src/jobs/aggregate-gim/engine.ts';
import { readReaggregationLedger } from '../../src/jobs/aggregate-gim/ledger.ts';
import type { PendingItem } from '../../src/jobs/aggregate-gim/queue.ts';
import { aggConfig, insertRows, log, notify, setupInfoMart } from './fixtures.ts';
import { FACT_TABLES, dimensionRows, generateFacts } from './generate.ts';

const D = Date.UTC(2024, 2, 5) / 1000;
const T0 = Date.UTC(2024, 2, 20, 12);

async function statuses(db: Db): Promise<{ level: string; status: number; source: string }[]> {
  const r = await db.query<{ agg_level: string; status: number; source: string }>(
    `SELECT agg_level, status, source FROM pending_agg ORDER BY pending_id`,
  );
  return r.rows.map((x) => ({ level: x.agg_level, status: Number(x.status), source: x.source }));
}

async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200_000; i++) {
    if (await cond()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

async function runJob(
  db: Db,
  params: string,
  config = aggConfig(),
): Promise<Awaited<ReturnType<typeof executeRun>>> {
  const clock = makeFakeClock(T0);
  const jobId = await createRun(db, {
    jobName: 'Job_AggregateGIM',
    status: 'RUNNING',
    origin: 'manual',
    nowMs: T0,
    parameters: params,
    requestedBy: null,
  });
  return executeRun({
    def: aggregateGimJob,
    jobId,
    params,
    db,
    config,
    clock,
    log,
    signal: new AbortController().signal,
  });
}

describeEachDb('Job_AggregateGIM', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db, 'UTC', 2024);
    const dims = dimensionRows(D, D + 86400);
    await insertRows(db, 'RESOURCE_', dims.resources);
    await insertRows(db, 'GROUP_', dims.groups);
    await insertRows(db, 'RESOURCE_GROUP_FACT_', dims.memberships);
    const f = generateFacts({ seed: 3, start: D, end: D + 86400, spacing: 900 });
    for (const t of FACT_TABLES) await insertRows(db, t, f[t]);
  });

  it('--until-idle with -insertPendingAgg: reverts running rows, aggregates everything, exits Completed', async () => {
    const db = getDb();
    // Left running by an instance that died: pending again when the job starts.
    await db.query(
      `INSERT INTO pending_agg (hierarchy, agg_level, flavor, start_date_time_key, end_date_time_key, source, status)
      VALUES ('H_AGENT', 'SUBHR', 'ALL', $1, $2, 'TRANSFORM', 1)`,
      [D, D + 900],
    );
    const r = await runJob(db, '--until-idle -insertPendingAgg ALLSETS:2024-03-05:2024-03-05');
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.ok((r.outcome?.rowCounts?.AG2_AGENT_SUBHR ?? 0) > 0);
    assert.deepEqual(
      (await statuses(db)).filter((s) => s.status !== 2),
      [],
    );
    const ledger = await readReaggregationLedger(db);
    assert.equal(ledger.requests[0]?.state, 'DONE');
    assert.deepEqual(ledger.requests[0]?.progress, { done: 6, total: 6 });
    assert.deepEqual(ledger.requests[0]?.hierarchies, ['ALL']);
    const year = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ag2_agent_year`);
    assert.ok((year.rows[0]?.n ?? 0) > 0);
  });

  it('refuses bad -insertPendingAgg parameters, naming the bad part and the valid values', async () => {
    const db = getDb();
    const r = await runJob(db, '--until-idle -insertPendingAgg H_AGENT,H_FOO-DAY:2024-03-05:2024-03-05');
    assert.equal(r.status, 'FAILED');
    assert.match(r.error ?? '', /unknown hierarchy "H_FOO"; allowed: H_AGENT, H_ID/);
    const r2 = await runJob(db, '--until-idle -insertPendingAgg -WEEK:2024-03-05:2024-03-05');
    assert.match(r2.error ?? '', /unknown level "WEEK"; allowed: SUBHOUR, HOUR, DAY, MONTH, QUARTER, YEAR/);
  });

  it('a flavour recomputes only its media types (Offline leaves voice rows alone)', async () => {
    const db = getDb();
    await db.query(
      `UPDATE ag2_agent_subhr SET offered = 999 WHERE date_time_key >= $1 AND date_time_key < $2`,
      [D, D + 86400],
    );
    const r = await runJob(
      db,
      '--until-idle -insertPendingAgg H_AGENT-SUBHOUR.Offline:2024-03-05:2024-03-05',
    );
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    const rows = await db.query<{ media: number; n: number; bad: number }>(
      `SELECT a.media_type_key AS media, count(*)::int AS n, count(*) FILTER (WHERE a.offered = 999)::int AS bad
         FROM ag2_agent_subhr a GROUP BY 1 ORDER BY 1`,
    );
    const byMedia = new Map(rows.rows.map((x) => [Number(x.media), x]));
    assert.equal(byMedia.get(2)?.bad, 0, 'offline (e-mail) rows recomputed');
    assert.equal(byMedia.get(1)?.bad, byMedia.get(1)?.n, 'online (voice) rows untouched');
    assert.equal(byMedia.get(3)?.bad, byMedia.get(3)?.n, 'online (chat) rows untouched');
    await runJob(db, '--until-idle -insertPendingAgg H_AGENT-SUBHOUR:2024-03-05:2024-03-05');
  });

  it('a range ending at the far-future key of active facts aggregates without overflowing', async () => {
    const db = getDb();
    await notify(db, D + 82800, 2147482800);
    const r = await runJob(db, '--until-idle');
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.deepEqual(
      (await statuses(db)).filter((s) => s.status !== 2),
      [],
    );
  });

  it('updates TIME_RANGE rows in place from the [agg-gim-thld-*] bounds when it starts', async () => {
    const db = getDb();
    const bounds = '0,6,10,15,20,25,30,40,50,60,90,120,180,240,300,600,900,1200,1800,7200';
    const r = await runJob(
      db,
      '--until-idle',
      aggConfig('UTC', `[agg-gim-thld-QUEUE-ABN]\nbounds = ${bounds}`),
    );
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    const rows = await db.query<{ k: number; n: string; s: number; e: number | null }>(
      `SELECT time_range_key AS k, time_range_name AS n, range_start AS s, range_end AS e FROM time_range
        WHERE time_range_key IN (101, 102, 120, 220) ORDER BY 1`,
    );
    assert.deepEqual(
      rows.rows.map((x) => [x.k, x.n, x.s, x.e]),
      [
        [101, '0-6', 0, 6],
        [102, '6-10', 6, 10],
        [120, '7200+', 7200, null],
        [220, '3600+', 3600, null],
      ],
    );
    await runJob(db, '--until-idle');
  });

  it('stops at an item boundary: the item in hand commits, the rest stays pending', async () => {
    const db = getDb();
    await notify(db, D, D + 3600);
    const ctl = new AbortController();
    const seen: PendingItem[] = [];
    const r = await runAggregationLoop({
      db,
      agg: aggConfig().agg,
      clock: makeFakeClock(T0),
      signal: ctl.signal,
      untilIdle: false,
      onItem: (item) => {
        seen.push(item);
        ctl.abort('operator stop');
      },
    });
    assert.deepEqual([r.items, r.stopped, seen[0]?.level], [1, true, 'SUBHR']);
    const open = (await statuses(db)).filter((s) => s.status !== 2);
    assert.deepEqual(open, [{ level: 'HOUR', status: 0, source: 'CASCADE' }]);
  });

  it('idles on the clock without spinning, wakes for new work, honours agg-level-day-delay', async () => {
    const db = getDb();
    // Earlier tests ran DAY items at T0: two hours later the first DAY item is due at once.
    const clock = makeFakeClock(T0 + 7200_000);
    const ctl = new AbortController();
    const levels: string[] = [];
    const config = aggConfig('UTC', '[agg]\nagg-level-day-delay = 3600');
    const loop = runAggregationLoop({
      db,
      agg: config.agg,
      clock,
      signal: ctl.signal,
      untilIdle: false,
      onItem: (i) => levels.push(i.level),
    });
    // The HOUR cascade left by the previous test, then the chain above it.
    await until(() => clock.pending() === 1, 'first idle sleep');
    assert.deepEqual(levels, ['HOUR', 'DAY', 'MONTH', 'QRTR', 'YEAR']);
    await notify(db, D + 7200, D + 8100);
    await clock.advance(IDLE_POLL_MS);
    await until(
      async () =>
        clock.pending() === 1 &&
        (await statuses(db)).some((s) => s.level === 'DAY' && s.status === 0) &&
        levels.length === 7,
      'HOUR done, DAY waiting',
    );
    assert.deepEqual(levels.slice(5), ['SUBHR', 'HOUR']);
    await clock.advance(IDLE_POLL_MS * 6);
    await until(() => clock.pending() === 1, 'still delayed');
    assert.equal(levels.length, 7, 'DAY waits for its delay');
    await clock.advance(3600_000);
    // The jump wakes the sleeper once, at its own instant (still delayed); the next poll is due.
    await until(() => clock.pending() === 1, 'polling again');
    await clock.advance(IDLE_POLL_MS);
    await until(() => levels.length === 11 && clock.pending() === 1, 'DAY and above after the delay');
    assert.deepEqual(levels.slice(7), ['DAY', 'MONTH', 'QRTR', 'YEAR']);
    ctl.abort();
    const r = await loop;
    assert.deepEqual([r.items, r.stopped], [11, true]);
  });
});

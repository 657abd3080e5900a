// Interaction transform throughput: one simulated day of calls into GIDB on a throw-away
// PostgreSQL server, then Job_TransformGIM's interaction unit kind (IF, IRF, MSF, state facts,
// user data) beside the floor: one hand-written INSERT … SELECT of IRF ring/talk/hold durations
// from the same party history (floors.ts), in the same run. Then, with --history-days N > 0, N
// more days are loaded and transformed first and the time of one more day is measured.
//
//   node --import tsx bench/transform/run.ts [--calls 100000] [--history-days 30] [--chunk-size 7200]
//
// Targets: within 3x of the floor; day N+1 at most 1.3x day 1.
import { cpus, loadavg } from 'node:os';
import { openDb } from '../../src/db/open.ts';
import type { Db } from '../../src/db/types.ts';
import { interactionUnitKind } from '../../src/jobs/transform-gim/interaction-kind.ts';
import { agentUnitKind } from '../../src/jobs/transform-gim/agent-kind.ts';
import { runTransform } from '../../src/jobs/transform-gim/transform.ts';
import { DAY0, envAt, setupInfoMart } from '../../test/transform/fixtures.ts';
import { loadInteractionGidb } from '../../test/transform/interaction-sim-load.ts';
import { loadGidbFromIdb, simulateIntoInfoMart } from '../../test/transform/sim-load.ts';
import { arg, startPostgresCluster } from '../shared.ts';
import { IRF_FLOOR } from './floors.ts';

const calls = Number(arg('calls', '100000'));
const historyDays = Number(arg('history-days', '0'));
/** `[gim-transformation] chunk-size` (seconds of unit start times per commit; option default 7200). */
const chunkSize = Number(arg('chunk-size', '7200'));
const log = (s: string): void => void process.stdout.write(`${s}\n`);
async function count(db: Db, sql: string): Promise<number> {
  const r = await db.query<{ n: string }>(sql);
  return Number(r.rows[0]?.n ?? 0);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

let job = 0;
/** Intake and every commit of the interaction kind at `refTs`; seconds. */
async function transformDay(db: Db, refTs: number): Promise<number> {
  job += 1;
  return timed(() =>
    runTransform({
      db,
      jobId: `bench-${job}`,
      env: envAt(refTs),
      chunkSize,
      aggregationEnabled: false,
      kinds: [interactionUnitKind],
      nowMs: () => refTs * 1000,
      onProgress: (p) => {
        if ((p.chunksDone ?? 0) % 6 === 0) log(`  ${p.detail ?? ''}`);
      },
    }),
  );
}

const cluster = await startPostgresCluster();
try {
  const admin = await openDb(cluster.adminUrl);
  await admin.exec('CREATE DATABASE bench_ixn');
  await admin.close();
  const db = await openDb(cluster.adminUrl.replace(/\/postgres$/, '/bench_ixn'));
  try {
    await setupInfoMart(db);
    const days = historyDays + 1;
    const t0 = performance.now();
    await simulateIntoInfoMart(db, { from: DAY0, days, callsPerDay: calls, seed: 3, truth: false });
    await loadGidbFromIdb(db);
    log(
      `setup: ${calls} calls/day, ${days} day(s) simulated (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    // Agent dimensions and facts first (ACW reads GIDB agent rows; RESOURCE_ rows come with them).
    await runTransform({
      db,
      jobId: 'bench-agents',
      env: envAt(DAY0 + days * 86400 + 3600),
      chunkSize: 86400,
      aggregationEnabled: false,
      kinds: [agentUnitKind],
      nowMs: () => (DAY0 + days * 86400 + 3600) * 1000,
    });

    // Day 1.
    await loadInteractionGidb(db, { from: DAY0, until: DAY0 + 86400 });
    await db.exec('ANALYZE');
    const history = await count(db, 'SELECT count(*) AS n FROM gidb_g_party_history_v');
    const floor = await timed(() => db.exec(IRF_FLOOR));
    const floorRows = await count(db, 'SELECT count(*) AS n FROM interaction_resource_fact');
    await db.exec('TRUNCATE interaction_resource_fact');
    await db.exec('VACUUM ANALYZE interaction_resource_fact');
    log(`floor: ${floorRows} IRF rows from ${history} party history rows in ${floor.toFixed(2)} s`);
    const day1 = await transformDay(db, DAY0 + 86400 + 3600);
    const ixn1 = await count(db, 'SELECT count(*) AS n FROM interaction_fact');
    const irf1 = await count(db, 'SELECT count(*) AS n FROM interaction_resource_fact');
    log(
      `day 1: ${ixn1} interactions, ${irf1} IRFs in ${day1.toFixed(2)} s = ${(ixn1 / day1).toFixed(0)} interactions/s; ` +
        `${(day1 / floor).toFixed(2)}x the floor`,
    );
    if (historyDays > 0) {
      for (let d = 1; d < days - 1; d++) {
        await loadInteractionGidb(db, { from: DAY0 + d * 86400, until: DAY0 + (d + 1) * 86400 });
        const s = await transformDay(db, DAY0 + (d + 1) * 86400 + 3600);
        log(`history day ${d + 1}: ${s.toFixed(2)} s`);
      }
      await db.exec('ANALYZE');
      const before = await count(db, 'SELECT count(*) AS n FROM interaction_fact');
      await loadInteractionGidb(db, { from: DAY0 + (days - 1) * 86400, until: DAY0 + days * 86400 });
      const last = await transformDay(db, DAY0 + days * 86400 + 3600);
      const n = (await count(db, 'SELECT count(*) AS n FROM interaction_fact')) - before;
      log(
        `day ${days} (after ${historyDays} days loaded): ${n} interactions in ${last.toFixed(2)} s = ` +
          `${(n / last).toFixed(0)} interactions/s; ${(last / day1).toFixed(2)}x day 1`,
      );
    }
    log(
      `machine: ${cpus().length} cores, load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}; ${cluster.version}`,
    );
  } finally {
    await db.close();
  }
} finally {
  await cluster.stop();
}

// Agent activity transform throughput: one simulated day of a large center (about 2,000 agents)
// into GIDB on a throw-away PostgreSQL server, then Job_TransformGIM's agent facts (sessions,
// states, reasons, media-neutral states) beside the floor: one hand-written INSERT … SELECT of
// SM_RES_STATE_FACT rows from the same GIDB state rows (floors.ts). Floors and job are measured
// --repeat times in the same run, each from empty facts; medians are compared.
//
//   node --import tsx bench/transform-agents/run.ts [--calls 125000] [--repeat 3] [--profile]
//   (125,000 calls/day staffs about 2,000 agents; --profile sums the time of each statement of
//   the last run)
//
// Target (issue 5): within 3x of the floor.
import { cpus, loadavg } from 'node:os';
import { openDb } from '../../src/db/open.ts';
import type { Db, Tx } from '../../src/db/types.ts';
import { UNIT_KINDS } from '../../src/jobs/transform-gim/index.ts';
import { runTransform } from '../../src/jobs/transform-gim/transform.ts';
import { DAY0, envAt, setupInfoMart } from '../../test/transform/fixtures.ts';
import { loadGidbFromIdb, simulateIntoInfoMart } from '../../test/transform/sim-load.ts';
import { arg, startPostgresCluster } from '../shared.ts';
import { BARE_FLOOR, STATE_FACT_FLOOR } from './floors.ts';

const calls = Number(arg('calls', '125000'));
const profile = process.argv.includes('--profile');
const repeat = Number(arg('repeat', '3'));
const spent = new Map<string, number>();

/** Wraps a Db so every statement's time is summed by its name (--profile). */
function profiled(db: Db): Db {
  const timed = <T>(q: Tx): Tx =>
    ({
      ...q,
      async query(sql, params, opts) {
        const t = performance.now();
        try {
          return await q.query(sql, params, opts);
        } finally {
          const k = opts?.name ?? sql.slice(0, 40);
          spent.set(k, (spent.get(k) ?? 0) + performance.now() - t);
        }
      },
      exec: (sql, opts) => q.exec(sql, opts),
      copyIn: (...a) => q.copyIn(...a),
      copyOut: (...a) => q.copyOut(...a),
    }) as T & Tx;
  return {
    ...db,
    ...timed(db),
    transaction: (fn, opts) => db.transaction((tx) => fn(timed(tx)), opts),
  } as Db;
}

async function count(db: Db, sql: string): Promise<number> {
  const r = await db.query<{ n: string }>(sql);
  return Number(r.rows[0]?.n ?? 0);
}

const FACTS = [
  'sm_res_session_fact',
  'sm_res_state_fact',
  'sm_res_state_reason_fact',
  'sm_media_neutral_state_fact',
];

/** Empties the agent facts and the transform's marks and backlog: the next run starts afresh. */
async function reset(db: Db): Promise<void> {
  await db.exec(`TRUNCATE ${FACTS.join(', ')}; DELETE FROM ctl_transform_history; DELETE FROM stg_ixn_backlog;
    DELETE FROM pending_agg; DROP TABLE IF EXISTS bench_floor`);
  await db.exec(`VACUUM ANALYZE ${FACTS.join(', ')}`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const fmt = (xs: number[]): string =>
  `median ${median(xs).toFixed(2)} s (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`;

const cluster = await startPostgresCluster();
try {
  const admin = await openDb(cluster.adminUrl);
  await admin.exec('CREATE DATABASE bench_tf');
  await admin.close();
  const db = await openDb(cluster.adminUrl.replace(/\/postgres$/, '/bench_tf'));
  try {
    await setupInfoMart(db);
    const t0 = performance.now();
    await simulateIntoInfoMart(db, { from: DAY0, days: 1, callsPerDay: calls, seed: 1, truth: false });
    await loadGidbFromIdb(db);
    await db.exec('ANALYZE');
    const agents = await count(db, 'SELECT count(DISTINCT agentid) AS n FROM gidb_g_login_session_v');
    const stateRows = await count(
      db,
      'SELECT count(*) AS n FROM gidb_g_agent_state_history_v WHERE type = 5',
    );
    process.stdout.write(
      `setup: ${calls} calls/day, ${agents} agents, ${stateRows} state rows (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
    );

    const bare: number[] = [];
    const floor: number[] = [];
    const job: number[] = [];
    let floorRows = 0;
    let facts = 0;
    let states = 0;
    let commits = 0;
    const refTs = DAY0 + 86400 + 3600;
    const transform = (jobId: string, target: Db) =>
      runTransform({
        db: target,
        jobId,
        env: envAt(refTs, { daysToKeepGidbFacts: 14 }),
        chunkSize: 7200,
        aggregationEnabled: true,
        kinds: UNIT_KINDS,
        nowMs: () => refTs * 1000,
      });
    // A first, untimed run builds RESOURCE_ (the floor looks agents up in it) and warms the caches.
    await transform('0', db);
    for (let i = 0; i < repeat; i += 1) {
      await reset(db);
      bare.push(await timed(() => db.exec(BARE_FLOOR)));
      floor.push(await timed(async () => (floorRows = (await db.query(STATE_FACT_FLOOR)).rowCount)));
      await reset(db);
      spent.clear();
      job.push(
        await timed(async () => {
          const r = await transform(String(i + 1), profile ? profiled(db) : db);
          facts = Object.values(r.rowCounts).reduce((a, b) => a + b, 0);
          states = r.rowCounts.sm_res_state_fact ?? 0;
          commits = r.commits;
        }),
      );
      const load = loadavg()[0]?.toFixed(1);
      process.stdout.write(
        `run ${i + 1}: bare ${bare[i]?.toFixed(2)} s, floor ${floor[i]?.toFixed(2)} s, job ${job[i]?.toFixed(2)} s ` +
          `(${((job[i] ?? 0) / (floor[i] ?? 1)).toFixed(2)}x; load average ${load})\n`,
      );
    }
    const tfS = median(job);
    process.stdout.write(
      `PostgreSQL ${cluster.version}, ${cpus().length} cores, ${repeat} runs\n` +
        `floor (one INSERT … SELECT into SM_RES_STATE_FACT): ${floorRows} rows, ${fmt(floor)}, ` +
        `${Math.round(floorRows / median(floor))} rows/s\n` +
        `earlier floor (CREATE TABLE AS into a bare table): ${fmt(bare)}\n` +
        `Job_TransformGIM agent facts: ${facts} rows (${states} state facts) in ${commits} commits, ${fmt(job)}, ` +
        `${Math.round(facts / tfS)} rows/s\n` +
        `ratio job / floor: ${(tfS / median(floor)).toFixed(2)}x (target <= 3x); ` +
        `job / earlier floor: ${(tfS / median(bare)).toFixed(2)}x\n`,
    );
    if (profile) {
      const total = (p: (k: string) => boolean): string =>
        ([...spent].filter(([k]) => p(k)).reduce((a, [, ms]) => a + ms, 0) / 1000).toFixed(2);
      process.stdout.write(
        `last run by statement group: agent kind ${total((k) => k.startsWith('transform.agent.'))} s, ` +
          `fact writes (reconcile) ${total((k) => /^transform\.(insert|update|delete|range)\./.test(k))} s, ` +
          `intake ${total((k) => /^transform\.(map|dim|new-cfg|read-mark|write-mark|clear-new-cfg)/.test(k))} s\n`,
      );
      for (const [k, ms] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 15))
        process.stdout.write(`  ${(ms / 1000).toFixed(2)} s  ${k}\n`);
    }
  } finally {
    await db.close();
  }
} finally {
  await cluster.stop();
}

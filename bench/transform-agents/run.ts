// Agent activity transform throughput: one simulated day of a large center (≈2,000 agents) into
// GIDB on a throw-away PostgreSQL server, then Job_TransformGIM's agent facts (sessions, states,
// reasons, media-neutral states) beside the floor: one hand-written INSERT … SELECT computing
// SM_RES_STATE_FACT-like durations from the same GIDB state rows.
//
//   node --import tsx bench/transform-agents/run.ts [--calls 125000] [--profile]
//   (125,000 calls/day staffs about 2,000 agents; --profile sums the time of each statement)
//
// Target (issue 5): within 3x of the floor.
import { cpus } from 'node:os';
import { openDb } from '../../src/db/open.ts';
import type { Db, Tx } from '../../src/db/types.ts';
import { UNIT_KINDS } from '../../src/jobs/transform-gim/index.ts';
import { runTransform } from '../../src/jobs/transform-gim/transform.ts';
import { DAY0, envAt, setupInfoMart } from '../../test/transform/fixtures.ts';
import { loadGidbFromIdb, simulateIntoInfoMart } from '../../test/transform/sim-load.ts';
import { arg, startPostgresCluster } from '../shared.ts';

const calls = Number(arg('calls', '125000'));
const profile = process.argv.includes('--profile');
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

// The floor: each Type 5 state row lasts until the next row of its association or the association
// end; durations summed per (agent, media, state) — no priority, no merging, no keys.
const FLOOR = `
CREATE TABLE bench_floor AS
SELECT h.agentid, h.mediatype, h.state, h.added_ts AS start_ts,
       COALESCE(lead(h.added_ts) OVER (PARTITION BY h.loginsessionid, h.endpointid, h.mediatype ORDER BY h.seq),
                se.terminated_ts) - h.added_ts AS total_duration
  FROM gidb_g_agent_state_history_v h
  JOIN gidb_gx_session_endpoint_v se ON se.loginsessionid = h.loginsessionid AND se.endpointid = h.endpointid
   AND se.mediatype = h.mediatype
 WHERE h.type = 5`;

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

    const f0 = performance.now();
    await db.exec(FLOOR);
    const floorS = (performance.now() - f0) / 1000;
    const floorRows = await count(db, 'SELECT count(*) AS n FROM bench_floor');

    const x0 = performance.now();
    const r = await runTransform({
      db: profile ? profiled(db) : db,
      jobId: '1',
      env: envAt(DAY0 + 86400 + 3600),
      chunkSize: 7200,
      aggregationEnabled: true,
      kinds: UNIT_KINDS,
      nowMs: () => (DAY0 + 86400 + 3600) * 1000,
    });
    const tfS = (performance.now() - x0) / 1000;
    const facts = Object.values(r.rowCounts).reduce((a, b) => a + b, 0);
    const states = r.rowCounts.sm_res_state_fact ?? 0;
    process.stdout.write(
      `PostgreSQL ${cluster.version}, ${cpus().length} cores\n` +
        `floor (one INSERT … SELECT of state durations): ${floorRows} rows in ${floorS.toFixed(2)} s ` +
        `(${Math.round(floorRows / floorS)} rows/s)\n` +
        `Job_TransformGIM agent facts: ${facts} rows (${states} state facts) in ${r.commits} commits, ` +
        `${tfS.toFixed(2)} s (${Math.round(facts / tfS)} rows/s)\n` +
        `ratio transform / floor: ${(tfS / floorS).toFixed(2)}x (target <= 3x)\n`,
    );
    if (profile) {
      for (const [k, ms] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 15))
        process.stdout.write(`  ${(ms / 1000).toFixed(2)} s  ${k}\n`);
    }
  } finally {
    await db.close();
  }
} finally {
  await cluster.stop();
}

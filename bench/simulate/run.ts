// Simulator throughput: one day of traffic into a PostgreSQL IDB (a throw-away server started
// here) and into PGlite (in memory), reported as seconds and rows per second.
//
//   node --import tsx bench/simulate/run.ts [--calls 100000] [--only postgres|pglite]
//
// Target (issue 3): one day of 100,000 calls into PostgreSQL in under 60 s.
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open.ts';
import type { Db } from '../../src/db/types.ts';
import { simulateInto } from '../../src/simulator/history.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface Cluster {
  readonly adminUrl: string;
  readonly version: string;
  stop(): Promise<void>;
}
// The cluster helper is plain JavaScript shared with scripts/test.mjs; typed here by hand.
const clusterModule = '../../scripts/pg-cluster.mjs';
const { startPostgresCluster } = (await import(clusterModule)) as {
  startPostgresCluster(): Promise<Cluster>;
};

const calls = Number(arg('calls', '100000'));
const only = arg('only', 'all');

async function measure(label: string, db: Db): Promise<void> {
  await migrate(db, 'idb');
  const t0 = performance.now();
  const r = await simulateInto([db], {
    from: '2024-03-05',
    days: 1,
    callsPerDay: calls,
    seed: 1,
    truth: false,
  });
  const s = (performance.now() - t0) / 1000;
  const rows = r.idbs.reduce((a, b) => a + b.rows, 0);
  process.stdout.write(
    `${label}: 1 day, ${calls} calls/day -> ${r.interactions} interactions, ${rows} rows in ${s.toFixed(1)} s ` +
      `(${Math.round(rows / s)} rows/s)\n`,
  );
}

if (only !== 'pglite') {
  const cluster = await startPostgresCluster();
  try {
    const admin = await openDb(cluster.adminUrl);
    await admin.exec('CREATE DATABASE bench_idb');
    await admin.close();
    const db = await openDb(cluster.adminUrl.replace(/\/postgres$/, '/bench_idb'));
    try {
      await measure(`PostgreSQL (${cluster.version})`, db);
    } finally {
      await db.close();
    }
  } finally {
    await cluster.stop();
  }
}
if (only !== 'postgres') {
  const db = await openDb('pglite:memory');
  try {
    await measure('PGlite (in memory)', db);
  } finally {
    await db.close();
  }
}

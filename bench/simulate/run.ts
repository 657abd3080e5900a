// Simulator throughput: one day of traffic into a PostgreSQL IDB (a throw-away server started
// here) and into PGlite (in memory), reported as seconds and rows per second.
//
//   node --import tsx bench/simulate/run.ts [--calls 100000] [--only postgres|pglite]
//
// Target (issue 3): one day of 100,000 calls into PostgreSQL in under 60 s.
import { migrate } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { arg, onBenchDatabases } from '../shared.ts';

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

await onBenchDatabases(only, 'bench_idb', measure);

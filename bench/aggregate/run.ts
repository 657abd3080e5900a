// Aggregation benchmark (issue 9): the time to absorb one new 15-minute interval with 30 days
// already aggregated, beside a full recomputation of those 30 days (what a materialized-view
// refresh does); then the same incremental step with 90 days loaded.
//   npx tsx bench/aggregate/run.ts [--spacing 60] [--only postgres|pglite] [--repeat 5]
// --spacing: mean seconds between interaction starts (60 = 1 440 interactions a day).
import os from 'node:os';
import type { Db } from '../../src/db/types.ts';
import {
  aggConfig,
  aggregateUntilIdle,
  insertRows,
  notify,
  setupInfoMart,
} from '../../test/aggregate/fixtures.ts';
import { FACT_TABLES, dimensionRows, generateFacts } from '../../test/aggregate/generate.ts';
import { HIERARCHY_SPECS, aggTableName } from '../../src/jobs/aggregate-gim/hierarchies.ts';
import { LEVELS } from '../../src/jobs/aggregate-gim/levels.ts';
import { arg, onBenchDatabases } from '../shared.ts';

const spacing = Number(arg('spacing', '60'));
const only = arg('only', 'postgres');
const repeat = Number(arg('repeat', '5'));
const DAY = 86400;
const START = Date.UTC(2024, 0, 1) / 1000;
const config = aggConfig('UTC');
let nextId = 1;

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

async function load(db: Db, from: number, to: number, seed: number): Promise<number> {
  let rows = 0;
  for (let d = from; d < to; d += DAY) {
    const f = generateFacts({
      seed: seed + d,
      start: d,
      end: Math.min(to, d + DAY),
      spacing,
      firstId: nextId,
    });
    nextId += 10_000_000;
    for (const t of FACT_TABLES) {
      // Separately generated days may start two sessions of one agent on the same second.
      await insertRows(db, t, f[t], { ignoreConflicts: true });
      rows += f[t].length;
    }
  }
  if (db.capabilities.serverStatistics) await db.exec('ANALYZE');
  return rows;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median time of `repeat` incremental steps, each one new 15-minute interval after `end`. */
async function incremental(db: Db, end: number): Promise<{ ms: number; next: number }> {
  const times: number[] = [];
  let k = end;
  for (let i = 0; i < repeat; i++, k += 900) {
    await load(db, k, k + 900, 99);
    await notify(db, k, k + 900);
    times.push(await timed(() => aggregateUntilIdle(db, config)));
  }
  return { ms: median(times), next: k };
}

async function measure(label: string, db: Db): Promise<void> {
  await setupInfoMart(db, 'UTC', 2024);
  const dims = dimensionRows(START, START + 100 * DAY);
  await insertRows(db, 'RESOURCE_', dims.resources);
  await insertRows(db, 'GROUP_', dims.groups);
  await insertRows(db, 'RESOURCE_GROUP_FACT_', dims.memberships);
  const rows30 = await load(db, START, START + 30 * DAY, 1);
  // Full recomputation of the 30 days from empty aggregate tables.
  for (const spec of HIERARCHY_SPECS)
    for (const l of LEVELS) await db.exec(`TRUNCATE ${aggTableName(spec, l)}`);
  await notify(db, START, START + 30 * DAY);
  const full = await timed(() => aggregateUntilIdle(db, config));
  const inc30 = await incremental(db, START + 30 * DAY);
  const rows90 = await load(db, inc30.next, START + 90 * DAY, 2);
  await notify(db, inc30.next, START + 90 * DAY);
  await aggregateUntilIdle(db, config);
  const inc90 = await incremental(db, START + 90 * DAY);
  out(`${label}`);
  out(`  facts: ${rows30} rows for 30 days (+${rows90} to 90 days), one interaction every ~${spacing} s`);
  out(`  full recomputation, 30 days, 13 hierarchies x 6 levels: ${(full / 1000).toFixed(2)} s`);
  out(
    `  incremental, one new 15-minute interval (SUBHR..YEAR, median of ${repeat}), 30 days loaded: ${inc30.ms.toFixed(0)} ms`,
  );
  out(
    `  incremental, one new 15-minute interval (median of ${repeat}), 90 days loaded: ${inc90.ms.toFixed(0)} ms`,
  );
  out(`  full / incremental at 30 days: ${(full / inc30.ms).toFixed(1)}x (target >= 20x)`);
  out(`  incremental 90 days / 30 days: ${(inc90.ms / inc30.ms).toFixed(2)}x (target <= 1.2x)`);
}

out(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
await onBenchDatabases(only, 'bench_agg', measure);

// Extraction throughput (issue 4): one simulated day from a PostgreSQL IDB into a PostgreSQL Info
// Mart (a throw-away server started here), beside the floor measured in the same run: a bare COPY
// of the same rows (every extracted table, whole, into plain unindexed tables) between the same
// two databases through the same Db seam.
//
//   npx tsx bench/extract/run.ts [--calls 100000] [--chunk 100000] [--workers N (default: the option's default)]
//     [--runs 3] [--profile]
//
// Floor and extraction alternate --runs times, each into a fresh database; the medians and the
// spread are printed. --profile adds where the extraction's time goes, per statement kind.
// Target: extraction within 2x of the floor.
import { availableParallelism } from 'node:os';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { makeSystemClock } from '../../src/core/clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open.ts';
import type { Db } from '../../src/db/types.ts';
import { idbTablesForRole } from '../../src/idb/catalog.ts';
import type { IdbTable } from '../../src/idb/catalog.ts';
import { extractIconJob } from '../../src/jobs/extract-icon/index.ts';
import { copiedColumns } from '../../src/jobs/extract-icon/sql.ts';
import { createRun } from '../../src/runner/history.ts';
import { executeRun } from '../../src/runner/execute.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { arg, startPostgresCluster } from '../shared.ts';
import { profileDb } from './profile.ts';

const calls = Number(arg('calls', '100000'));
const chunk = Number(arg('chunk', '100000'));
const workers = arg('workers', '');
const runCount = Number(arg('runs', '3'));
const profile = process.argv.includes('--profile');
const ROLES = ['ICON_CFG', 'ICON_CORE', 'ICON_OCS'] as const;
const tables: IdbTable[] = [
  ...new Map(ROLES.flatMap((r) => idbTablesForRole(r)).map((t) => [t.name, t])).values(),
];

/** The floor: every extracted table copied whole, COPY out then COPY in, no keys, no merge. */
async function floor(idb: Db, target: Db): Promise<{ rows: number; seconds: number; readSeconds: number }> {
  for (const t of tables) {
    const cols = copiedColumns(t);
    await target.exec(`CREATE TABLE floor_${t.name} (${cols.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  }
  const t0 = performance.now();
  let rows = 0;
  let readMs = 0;
  for (const t of tables) {
    const cols = copiedColumns(t).map((c) => c.name);
    const r0 = performance.now();
    const csv = await idb.copyOut(`SELECT ${cols.join(', ')} FROM ${t.name}`);
    readMs += performance.now() - r0;
    rows += await target.copyIn(`floor_${t.name}`, cols, csv.slice(csv.indexOf('\n') + 1));
  }
  return { rows, seconds: (performance.now() - t0) / 1000, readSeconds: readMs / 1000 };
}

/** One extraction run into a fresh Info Mart database. */
async function extractOnce(
  imUrl: string,
  idbUrl: string,
): Promise<{ rows: number; seconds: number; workers: number }> {
  const opened = await openDb(imUrl);
  const prof = profile ? profileDb(opened) : null;
  const im = prof?.db ?? opened;
  try {
    await migrate(im, 'infomart');
    const config = loadConfig({
      text:
        `[gim-etl]\nextract-data-chunk-size = ${chunk}\nmax-chunks-per-job = 1000\n` +
        (workers ? `extract-data-thread-pool-size = ${workers}\n` : '') +
        `[dap:im]\nrole = INFO_MART\nurl = ${imUrl}\n` +
        `[dap:idb]\nrole = ${ROLES.join(', ')}\nurl = ${idbUrl}\n`,
    }).config;
    const clock = makeSystemClock();
    const jobId = await createRun(im, {
      jobName: 'Job_ExtractICON',
      status: 'RUNNING',
      origin: 'manual',
      nowMs: clock.now(),
    });
    const t0 = performance.now();
    let lastLine = t0;
    const r = await executeRun({
      def: extractIconJob,
      jobId,
      params: '',
      db: im,
      config,
      clock,
      log: pino({ level: 'silent' }),
      signal: new AbortController().signal,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastLine < 5000) return;
        lastLine = now;
        process.stdout.write(
          `  … ${((now - t0) / 1000).toFixed(0)} s: ${p.rows ?? 0} rows, ${p.chunksDone ?? 0} chunks (${p.detail ?? ''})\n`,
        );
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    if (prof) {
      const reads = await opened.query<{ s: number }>(
        `SELECT COALESCE(sum(extract(epoch FROM extract_end_time - extract_start_time)), 0)::float8 AS s
           FROM ctl_extract_history`,
      );
      process.stdout.write(
        `  profile (summed over workers): IDB reads ${(reads.rows[0]?.s ?? 0).toFixed(2)} s\n${prof.report().join('\n')}\n`,
      );
    }
    if (r.status !== 'COMPLETE') throw new Error(`extraction ended ${r.status}: ${r.error ?? ''}`);
    const rows = Object.values(r.outcome?.rowCounts ?? {}).reduce((a, b) => a + b, 0);
    return { rows, seconds, workers: config.gimEtl.extractDataThreadPoolSize };
  } finally {
    await opened.close();
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function spread(xs: readonly number[], digits = 1): string {
  return `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
}

const cluster = await startPostgresCluster();
try {
  const admin = await openDb(cluster.adminUrl);
  const url = (n: string): string => cluster.adminUrl.replace(/\/postgres$/, `/${n}`);
  await admin.exec('CREATE DATABASE bench_idb');
  const idb = await openDb(url('bench_idb'));
  try {
    await migrate(idb, 'idb');
    process.stdout.write(`simulating 1 day of ${calls} calls into the IDB …\n`);
    const s0 = performance.now();
    const sim = await simulateInto([idb], {
      from: '2024-03-05',
      days: 1,
      callsPerDay: calls,
      seed: 1,
      truth: false,
    });
    process.stdout.write(
      `${cluster.version}, ${availableParallelism()} cores: simulated 1 day of ${calls} calls ` +
        `(${sim.idbs[0]?.rows ?? 0} IDB rows) in ${((performance.now() - s0) / 1000).toFixed(1)} s\n`,
    );
    await idb.exec('ANALYZE');
    // The machine is shared: floor and extraction alternate, each into a fresh database; the
    // ratio of each pair, and the medians, are printed with their spread.
    const floors: number[] = [];
    const runs: number[] = [];
    const ratios: number[] = [];
    let rowsExtracted = 0;
    for (let i = 1; i <= runCount; i++) {
      await admin.exec(`CREATE DATABASE bench_floor${i}`);
      const fl = await openDb(url(`bench_floor${i}`));
      const f = await floor(idb, fl).finally(() => fl.close());
      floors.push(f.seconds);
      process.stdout.write(
        `floor #${i} (bare COPY of ${tables.length} tables): ${f.rows} rows in ${f.seconds.toFixed(1)} s ` +
          `(reading ${f.readSeconds.toFixed(1)} s) = ${Math.round(f.rows / f.seconds)} rows/s\n`,
      );
      await admin.exec(`CREATE DATABASE bench_im${i}`);
      const e = await extractOnce(url(`bench_im${i}`), url('bench_idb'));
      runs.push(e.seconds);
      ratios.push(e.seconds / f.seconds);
      rowsExtracted = e.rows;
      process.stdout.write(
        `Job_ExtractICON #${i} (chunk ${chunk}, ${e.workers} workers): ${e.rows} rows in ${e.seconds.toFixed(1)} s ` +
          `= ${Math.round(e.rows / e.seconds)} rows/s; ${(e.seconds / f.seconds).toFixed(2)}x this floor\n`,
      );
      await admin.exec(`DROP DATABASE bench_floor${i}`);
      await admin.exec(`DROP DATABASE bench_im${i}`);
    }
    process.stdout.write(
      `median of ${runCount}: floor ${median(floors).toFixed(1)} s (${spread(floors)}), ` +
        `extraction ${median(runs).toFixed(1)} s (${spread(runs)}, ${Math.round(rowsExtracted / median(runs))} rows/s), ` +
        `ratio ${median(ratios).toFixed(2)}x (${spread(ratios, 2)})\n`,
    );
  } finally {
    await idb.close();
    await admin.close();
  }
} finally {
  await cluster.stop();
}

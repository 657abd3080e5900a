// R24 "complete through" read from the Info Mart: which cycles count (every source table read up
// to its bound, judged from the run plan the runner records and the CTL_EXTRACT_HISTORY chunks),
// and the aggregation levels held back by open PENDING_AGG rows.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/types.ts';
import { createRun, transitionRun } from '../../src/runner/history.ts';
import { extractRunPlan, recordRunPlan } from '../../src/runner/run-plan.ts';
import { readCompleteThrough, readCycleEvidence } from '../../src/service/complete-through.ts';
import { setupRunnerDb } from './fixtures.ts';

const config = loadConfig({
  text:
    '[date-time]\ndate-time-tz = America/Chicago\n' +
    '[gim-etl]\naggregation-engine-class-name = GIMAgg.GimInterfaceImpl.AggregationImpl\n' +
    '[dap:im]\nrole = INFO_MART\nurl = pglite:memory\n' +
    '[dap:idb]\nrole = ICON_CFG, ICON_CORE\nurl = pglite:memory\n',
}).config;

/** Tuesday 2024-05-14, Chicago (UTC-5). */
const tue = (hm: string, day = 14): number => Date.parse(`2024-05-${day}T${hm}:00-05:00`);
const s = (ms: number): number => Math.floor(ms / 1000);

interface Chunk {
  readonly table: string;
  readonly dsk: number;
  readonly rows: readonly number[];
}

/** One cycle: extraction (plan + chunks) then its transform, both Completed. */
async function cycle(
  db: Db,
  startMs: number,
  doneMs: number,
  chunks: readonly Chunk[],
  tables = 2,
): Promise<string> {
  const e = await createRun(db, {
    jobName: 'Job_ExtractICON',
    status: 'RUNNING',
    origin: 'scheduler',
    nowMs: startMs,
    cycleId: 'self',
  });
  await db.query(`UPDATE ctl_etl_history SET run_plan = $2::jsonb WHERE job_id = $1`, [
    e,
    JSON.stringify({ chunkSize: 100, maxChunks: 2, tables }),
  ]);
  for (const c of chunks) {
    for (const [i, n] of c.rows.entries()) {
      await db.query(
        `INSERT INTO ctl_extract_history (table_name, data_source_key, icon_dbid, job_id, row_count, status,
           create_audit_key, created_ts) VALUES ($1, $2, 1, $3, $4, 'SUCCESS', 1, $5)`,
        [c.table, c.dsk, `${e}#${i + 1}`, n, s(startMs) + 5],
      );
    }
  }
  await transitionRun(db, e, ['RUNNING'], 'COMPLETE', { nowMs: startMs + 5 * 60_000 });
  const t = await createRun(db, {
    jobName: 'Job_TransformGIM',
    status: 'RUNNING',
    origin: 'scheduler',
    nowMs: startMs + 5 * 60_000,
    cycleId: e,
  });
  await transitionRun(db, t, ['RUNNING'], 'COMPLETE', { nowMs: doneMs });
  return e;
}

async function span(
  db: Db,
  level: string,
  start: number,
  end: number,
  created: number,
  processed: number | null,
) {
  await db.query(
    `INSERT INTO pending_agg (hierarchy, agg_level, flavor, start_date_time_key, end_date_time_key, source, status,
       created_ts, processed_ts) VALUES ('ALL', $1, 'ALL', $2, $3, 'TRANSFORM', $4, $5, $6)`,
    [
      level,
      s(start),
      s(end),
      processed === null ? 0 : 2,
      s(created),
      processed === null ? null : s(processed),
    ],
  );
}

describeEachDb('complete through', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupRunnerDb(db);
    // 00:30: every table read to its bound (G_CALL's last chunk short; GC_AGENT is read in one pass).
    await cycle(db, tue('00:30'), tue('00:40'), [
      { table: 'G_CALL', dsk: 1, rows: [100, 30] },
      { table: 'GC_AGENT', dsk: 2, rows: [500] },
    ]);
    // 01:00: G_CALL cut by max-chunks-per-job (2 full chunks).
    await cycle(db, tue('01:00'), tue('01:10'), [
      { table: 'G_CALL', dsk: 1, rows: [100, 100] },
      { table: 'GC_AGENT', dsk: 2, rows: [500] },
    ]);
    // 01:30: one table skipped (its IDB unreachable).
    await cycle(db, tue('01:30'), tue('01:35'), [{ table: 'GC_AGENT', dsk: 2, rows: [10] }]);
    // Monday's last interval aggregated at 00:45; an HOUR row of Tuesday 00:00 still pending.
    await span(db, 'SUBHR', tue('23:45', 13), tue('00:00'), tue('00:39'), tue('00:45'));
    await span(db, 'HOUR', tue('00:00'), tue('01:00'), tue('00:45'), null);
  });

  it('counts only cycles that read every source table up to its bound', async () => {
    const cycles = await readCycleEvidence(getDb(), s(tue('00:00')));
    const byStart = new Map(cycles.map((c) => [c.extractStartMs, c]));
    assert.deepEqual(byStart.get(tue('00:30')), {
      extractStartMs: tue('00:30'),
      completedAtMs: tue('00:40'),
      tablesPlanned: 2,
      tablesRead: 2,
      tablesCut: 0,
    });
    assert.equal(byStart.get(tue('01:00'))?.tablesCut, 1);
    assert.equal(byStart.get(tue('01:30'))?.tablesRead, 1);
  });

  it('reports days, intervals and the complete-through instants', async () => {
    const r = await readCompleteThrough(getDb(), config, tue('02:00'));
    assert.equal(r.factsThroughMs, tue('00:29'));
    const monday = r.days[0];
    assert.equal(monday?.startMs, tue('00:00', 13));
    assert.equal(monday?.factsAtMs, tue('00:40'));
    assert.equal(monday?.levelsAtMs.SUBHR, tue('00:45'));
    assert.equal(monday?.levelsAtMs.DAY, tue('00:45'));
    assert.equal(r.days[1]?.factsAtMs, null);
    assert.equal(r.intervals.length, 96 + 8);
    assert.equal(r.aggregatesThroughMs?.SUBHR, tue('00:15'));
    assert.equal(r.aggregatesThroughMs?.HOUR, tue('00:00'));
    assert.equal(r.aggregatesThroughMs?.DAY, tue('00:00'));
  });

  it('the runner records the plan of an extraction run from its options', async () => {
    const db = getDb();
    const id = await createRun(db, {
      jobName: 'Job_ExtractICON',
      status: 'RUNNING',
      origin: 'manual',
      nowMs: tue('03:00'),
    });
    await recordRunPlan(db, 'Job_ExtractICON', id, config);
    const r = await db.query<{ p: unknown }>(`SELECT run_plan AS p FROM ctl_etl_history WHERE job_id = $1`, [
      id,
    ]);
    const raw = r.rows[0]?.p;
    const plan = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
    const expected = extractRunPlan(config);
    assert.deepEqual(plan, expected);
    assert.equal(expected.chunkSize, config.gimEtl.extractDataChunkSize);
    assert.ok(expected.tables > 10, `${expected.tables} tables for ICON_CFG + ICON_CORE`);
  });
});

// R24 evidence from a real Job_ExtractICON run: the plan the runner records and the chunk rows the
// extraction writes agree — a run cut by max-chunks-per-job does not count, the run that reads the
// rest to the bound does, with every planned (data source, table) task seen.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { readToBound } from '../../src/core/complete-through.ts';
import { createRun, transitionRun } from '../../src/runner/history.ts';
import { extractRunPlan } from '../../src/runner/run-plan.ts';
import { readCycleEvidence } from '../../src/service/complete-through.ts';
import { makeConfig, makeSource, runExtract, type Source } from '../extract/fixture.ts';

const T0 = Date.UTC(2024, 2, 6, 12, 0, 0);
const SIM = { from: '2024-03-05', days: 1, callsPerDay: 400, seed: 7, truth: false } as const;

/** Makes the run a cycle's extraction and completes its transform step. */
async function asCycle(db: Db, jobId: string, nowMs: number): Promise<void> {
  await db.query(`UPDATE ctl_etl_history SET cycle_id = job_id WHERE job_id = $1`, [jobId]);
  const t = await createRun(db, {
    jobName: 'Job_TransformGIM',
    status: 'RUNNING',
    origin: 'scheduler',
    nowMs,
    cycleId: jobId,
  });
  await transitionRun(db, t, ['RUNNING'], 'COMPLETE', { nowMs });
}

describeEachDb('complete-through evidence of a real extraction', (getDb, kind) => {
  let source: Source;
  const clock = makeFakeClock(T0);
  const config = (maxChunks: number) =>
    makeConfig([{ name: 'idb', roles: 'ICON_CFG, ICON_CORE, ICON_OCS', url: source.url }], {
      'extract-data-chunk-size': 1000,
      'max-chunks-per-job': maxChunks,
      'extract-data-thread-pool-size': 2,
    });

  before(async () => {
    source = await makeSource(kind);
    await simulateInto([source.db], SIM);
    await migrate(getDb(), 'infomart');
  });
  after(async () => {
    await source?.dispose();
  });

  it('a cut run does not count; the run reading the rest to the bound does', async () => {
    const db = getDb();
    const cut = await runExtract(db, config(1), clock);
    assert.equal(cut.status, 'COMPLETE', cut.error ?? '');
    await asCycle(db, cut.jobId, clock.now());
    await clock.advance(60_000);
    const rest = await runExtract(db, config(1000), clock);
    assert.equal(rest.status, 'COMPLETE', rest.error ?? '');
    await asCycle(db, rest.jobId, clock.now());

    const cycles = await readCycleEvidence(db, T0 / 1000 - 3600);
    const first = cycles.find((c) => c.extractStartMs === T0);
    const second = cycles.find((c) => c.extractStartMs === T0 + 60_000);
    const planned = extractRunPlan(config(1)).tables;
    assert.equal(first?.tablesPlanned, planned);
    assert.equal(first?.tablesRead, planned);
    assert.ok((first?.tablesCut ?? 0) > 0, 'some table holds more than one chunk of rows');
    assert.equal(readToBound(first!), false);
    assert.deepEqual(
      { planned: second?.tablesPlanned, read: second?.tablesRead, cut: second?.tablesCut },
      { planned, read: planned, cut: 0 },
    );
    assert.equal(readToBound(second!), true);
  });
});

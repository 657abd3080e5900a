// The scheduler loop over a real Info Mart with a fake clock: it reads when the previous process
// was last alive and records what was missed meanwhile (R22), and it never launches a job this
// version cannot run.
import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { initializeGimJob } from '../../src/jobs/initialize-gim/index.ts';
import { getJob } from '../../src/jobs/index.ts';
import { runJobLocally } from '../../src/runner/local.ts';
import { listRuns } from '../../src/runner/history.ts';
import { makeSupervisor } from '../../src/runner/supervisor.ts';
import { makeSchedulerLoop, type SchedulerLoop } from '../../src/scheduler/loop.ts';
import { saveLastAlive } from '../../src/scheduler/facts.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { describeEachDb } from '../helpers/databases.ts';

const config = loadConfig({
  text: [
    '[schedule]',
    'run-scheduler = true',
    'timezone = UTC',
    'etl-start-time = 06:00',
    'etl-end-time = 22:00',
    'etl-frequency = 15',
    'maintain-start-time = 03:00',
    '[dap:im]',
    'role = INFO_MART',
    'url = pglite:memory',
    '[dap:idb]',
    'role = ICON_CFG, ICON_CORE',
    'url = pglite:memory',
    '',
  ].join('\n'),
}).config;
const log = pino({ level: 'silent' });
const NOW = Date.UTC(2024, 4, 14, 12, 0, 0);

describeEachDb('scheduler loop after 7 hours down', (getDb) => {
  const clock = makeFakeClock(NOW);
  let loop: SchedulerLoop | undefined;
  before(async () => {
    const r = await runJobLocally({ name: initializeGimJob.name, db: getDb(), config, clock, log });
    assert.equal(r.status, 'COMPLETE');
    await saveLastAlive(getDb(), NOW - 7 * 3600_000);
  });
  after(async () => {
    await loop?.stop();
  });

  it('records one Canceled "missed: server down" row per schedule and launches nothing it cannot run', async () => {
    const db = getDb();
    const supervisor = makeSupervisor({ db, clock, log, getConfig: () => config });
    loop = makeSchedulerLoop({
      db,
      clock,
      log,
      supervisor,
      getOptions: () => config.schedule,
      getServerFacts: () => ({ server: 'Normal', schemaPresent: true }),
    });
    await loop.start();
    let missed: Awaited<ReturnType<typeof listRuns>> = [];
    for (let i = 0; i < 200 && missed.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      missed = (await listRuns(db, { status: ['CANCELED'] })).filter((r) =>
        r.reason?.startsWith('missed: server down'),
      );
    }
    const byJob = new Map(missed.map((r) => [r.jobName, r]));
    // 05:00–12:00 down: ETL slots 06:00 … 11:45 (24) and the 03:00 maintenance was not in the gap.
    assert.match(byJob.get('Job_ExtractICON')?.reason ?? '', /missed: server down: 2[34] occurrence\(s\)/);
    assert.equal(byJob.has('Job_MaintainGIM'), false);
    // Inside the ETL window a catch-up cycle starts at once (R22) — unless this version cannot run
    // extraction, in which case nothing is launched and the Manager is told why.
    const launched = (await listRuns(db, { jobName: 'Job_ExtractICON' })).filter(
      (r) => r.status !== 'CANCELED',
    );
    if (getJob('Job_ExtractICON').unavailable) {
      assert.deepEqual(launched, [], 'a job that is not available must not be launched');
      assert.ok(loop.unavailableNotes().some((n) => n.startsWith('Job_ExtractICON is not available')));
    } else {
      assert.equal(launched.length, 1);
      assert.equal(launched[0]?.origin, 'scheduler');
    }
  });
});

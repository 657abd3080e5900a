// Issue 4 crash acceptance: extraction in a child process killed with SIGKILL at random moments,
// several times, then run to the end, gives exactly the GIDB contents of an uninterrupted run.
// PostgreSQL Info Mart and IDB (the child and the parent open them at the same time).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { makeTestDb } from '../helpers/databases.ts';
import type { TestDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { gidbSnapshot, makeConfig, runExtract } from './fixture.ts';

const T0 = Date.UTC(2024, 2, 6, 12, 0, 0);

/** Runs the child until it has committed `chunks` chunks (plus a random delay), then SIGKILLs it. */
function runAndKill(imUrl: string, idbUrl: string, chunks: number, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/extract/crash-child.ts', imUrl, idbUrl], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = 0;
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const now = (out.match(/^chunk$/gm) ?? []).length;
      if (seen < chunks && now >= chunks) {
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
      seen = now;
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(`killed after ${seen} chunks`);
      else if (code === 0) resolve(`finished: ${out.trim().split('\n').pop() ?? ''}`);
      else reject(new Error(`child failed (${code}): ${err}`));
    });
  });
}

describe('Job_ExtractICON: SIGKILL at random moments [postgres]', () => {
  let idb: TestDb;
  let reference: TestDb;
  let crashed: TestDb;
  before(async () => {
    idb = await makeTestDb('postgres');
    reference = await makeTestDb('postgres');
    crashed = await makeTestDb('postgres');
    await migrate(idb.db, 'idb');
    await simulateInto([idb.db], { from: '2024-03-05', days: 1, callsPerDay: 400, seed: 21, truth: false });
    await migrate(reference.db, 'infomart');
    await migrate(crashed.db, 'infomart');
  });
  after(async () => {
    await Promise.all([idb, reference, crashed].map((t) => t?.dispose()));
  });

  it('killed runs, then a run to the end, equal an uninterrupted run', async () => {
    const config = makeConfig([{ name: 'idb', roles: 'ICON_CFG, ICON_CORE, ICON_OCS', url: idb.url }], {
      'extract-data-chunk-size': 1000,
      'max-chunks-per-job': 1000,
    });
    const clock = makeFakeClock(T0);
    const ref = await runExtract(reference.db, config, clock);
    assert.equal(ref.status, 'COMPLETE', ref.error ?? '');
    const want = await gidbSnapshot(reference.db);

    const outcomes: string[] = [];
    let partial = 0;
    for (let i = 0; i < 4; i++) {
      const chunks = 1 + Math.floor(Math.random() * 12);
      outcomes.push(await runAndKill(crashed.url, idb.url, chunks, Math.floor(Math.random() * 40)));
      const got = await gidbSnapshot(crashed.db);
      if (JSON.stringify(got) !== JSON.stringify(want)) partial++;
    }
    assert.ok(
      outcomes.some((o) => o.startsWith('killed')) && partial > 0,
      `no kill landed mid-run: ${outcomes.join('; ')}`,
    );
    const last = await runExtract(crashed.db, config, clock);
    assert.equal(last.status, 'COMPLETE', last.error ?? '');
    assert.deepEqual(await gidbSnapshot(crashed.db), want);
    // Every committed chunk advanced its mark exactly once: no window was recorded twice.
    const dup = await crashed.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT table_name, prev_hwm_seq FROM ctl_extract_history
         WHERE hwm_seq > prev_hwm_seq GROUP BY table_name, prev_hwm_seq HAVING count(*) > 1) x`,
    );
    assert.equal(dup.rows[0]?.n, 0);
  });
});

// Stop and crash (jobs reference 5.3, data-model 5.1): a stop request ends the job at a commit
// boundary; SIGKILL in the middle of a run loses only the open commit; the re-run gives the same
// facts as an uninterrupted transformation of the same GIDB rows.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { openDb } from '../../src/db/open.ts';
import type { Db } from '../../src/db/types.ts';
import { transformGimJob } from '../../src/jobs/transform-gim/index.ts';
import { executeRun } from '../../src/runner/execute.ts';
import { createRun, getRun } from '../../src/runner/history.ts';
import { DB_KINDS, makeTestDb, type TestDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { checksums, contentChecksums, DAY0, setupInfoMart, transformAt } from './fixtures.ts';
import { loadGidbFromIdb, simulateIntoInfoMart } from './sim-load.ts';

const DAYS = 2;
const REF = DAY0 + DAYS * 86400 + 3600;
const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));

async function backlogSize(db: Db): Promise<number> {
  const r = await db.query<{ n: string }>(`SELECT count(*) AS n FROM stg_ixn_backlog`);
  return Number(r.rows[0]?.n);
}

function runChildUntilKilled(
  url: string,
  killAfterCommit: number,
): Promise<{ killed: boolean; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, String(REF)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let killed = false;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!killed && out.includes(`commit ${killAfterCommit}\n`)) {
      killed = child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ killed: signal === 'SIGKILL', out });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

for (const kind of DB_KINDS) {
  describe(`Job_TransformGIM stop and crash [${kind}]`, () => {
    const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'infomart-tf-')) : undefined;
    let fixture: TestDb | undefined;
    let db: Db;
    const config = loadConfig({
      text:
        '[dap:im]\nrole = INFO_MART\nurl = pglite:memory\n[dap:idb]\nrole = ICON_CFG, ICON_CORE\nurl = pglite:memory\n' +
        '[gim-transformation]\nchunk-size = 60\n',
    }).config;

    before(async () => {
      fixture = await makeTestDb(kind, dir ? { dataDir: dir } : {});
      db = fixture.db;
      await setupInfoMart(db);
      await simulateIntoInfoMart(db, { from: DAY0, days: DAYS, callsPerDay: 800, seed: 5 });
      await loadGidbFromIdb(db);
    });
    after(async () => {
      await db.close().catch(() => undefined);
      await fixture?.dispose().catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('ends Stopped at a commit boundary when a stop is requested', async () => {
      const clock = makeFakeClock(REF * 1000);
      const jobId = await createRun(db, {
        jobName: 'Job_TransformGIM',
        status: 'RUNNING',
        origin: 'manual',
        nowMs: clock.now(),
        parameters: null,
        requestedBy: null,
      });
      const controller = new AbortController();
      const r = await executeRun({
        def: transformGimJob,
        jobId,
        params: '',
        db,
        config,
        clock,
        log: pino({ level: 'silent' }),
        signal: controller.signal,
        onProgress: (p) => {
          if ((p.chunksDone ?? 0) >= 1) controller.abort('stop requested by test');
        },
      });
      assert.equal(r.status, 'STOPPED');
      assert.equal((await getRun(db, jobId))?.status, 'STOPPED');
      const audit = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ctl_audit_log WHERE job_id = $1`,
        [jobId],
      );
      assert.equal(Number(audit.rows[0]?.n), 2, 'intake commit + exactly one unit commit');
      assert.ok((await backlogSize(db)) > 0);
    });

    it('loses only the open commit when killed, and the re-run gives the uninterrupted facts', async () => {
      const url = fixture!.url;
      if (kind === 'pglite') await db.close();
      const before = await backlogSize(kind === 'pglite' ? (db = await openDb(url)) : db);
      if (kind === 'pglite') await db.close();
      const child = await runChildUntilKilled(url, 3);
      assert.ok(child.killed, `the child finished before it was killed: ${child.out}`);
      if (kind === 'pglite') db = await openDb(url);
      const left = await backlogSize(db);
      assert.ok(left > 0 && left < before, `backlog ${before} -> ${left}`);
      const r = await transformAt(db, REF);
      assert.equal(r.unitsWaiting, 0);
      const afterCrash = await contentChecksums(db);
      const full = await checksums(db);
      // A re-run changes nothing at all.
      await transformAt(db, REF + 60);
      assert.deepEqual(await checksums(db), full);
      // From scratch, in one go: the same facts.
      await db.exec(`DELETE FROM sm_res_session_fact; DELETE FROM sm_res_state_fact; DELETE FROM sm_res_state_reason_fact;
        DELETE FROM sm_media_neutral_state_fact; DELETE FROM ctl_transform_history; DELETE FROM stg_ixn_backlog;`);
      await transformAt(db, REF);
      assert.deepEqual(await contentChecksums(db), afterCrash);
      assert.ok(Number(afterCrash.sm_res_state_fact?.split(':')[0]) > 100);
    });
  });
}

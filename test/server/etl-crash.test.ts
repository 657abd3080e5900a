// Issue 7, end to end: the real server on the embedded default (live simulated traffic, 1-minute
// ETL slots) completes ETL cycles; killed with SIGKILL in the middle of a cycle and started
// again, it leaves no run Running, goes on with its cycles, and loses or doubles no data: after a
// final catch-up extraction every GIDB table equals its IDB up to the bound, and transforming
// again changes no fact.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { loadConfigFile } from '../../src/config/index.ts';
import { makeSystemClock } from '../../src/core/clock.ts';
import { acquireDb } from '../../src/db/shared-handles.ts';
import type { Db } from '../../src/db/types.ts';
import { gidbTableName, idbTablesForRole } from '../../src/idb/catalog.ts';
import type { IdbRole } from '../../src/idb/catalog.ts';
import { PROVIDER_TAG } from '../../src/jobs/extract-icon/plan.ts';
import { runJobLocally } from '../../src/runner/local.ts';
import { gidbDigest, idbDigest, providerBounds } from '../extract/fixture.ts';
import { api, startServerProcess, waitFor, type JobRow, type Started } from './server-process.ts';

const FACT_TABLES = [
  'sm_res_session_fact',
  'sm_res_state_fact',
  'sm_res_state_reason_fact',
  'sm_media_neutral_state_fact',
];

async function factDigest(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of FACT_TABLES) {
    const r = await db.query<{ d: string }>(
      `SELECT count(*)::text || ':' || COALESCE(sum(hashtext(f::text)::bigint), 0)::text AS d FROM ${t} f`,
    );
    out[t] = r.rows[0]?.d ?? '';
  }
  return out;
}

async function history(s: Started, job: string): Promise<JobRow[]> {
  return (await api<{ rows: JobRow[] }>(s, `/api/v1/history?job=${job}&pageSize=200`)).body.rows;
}

describe('server on the embedded default: ETL cycles, SIGKILL mid-cycle, restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infomart-etl-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes cycles, survives a kill in the middle of one, and loses or doubles nothing', async () => {
    const extra = ['--calls-per-hour', '3000'];
    const first = await startServerProcess(dir, extra);
    children.push(first.child);
    await waitFor(
      'a completed ETL cycle',
      async () =>
        (await history(first, 'Job_TransformGIM')).find(
          (j) => j.status === 'Completed' && j.origin === 'scheduler',
        ),
      300_000,
    );
    const victim = await waitFor(
      'a running cycle to kill',
      async () => {
        const jobs = (await api<{ jobs: JobRow[] }>(first, '/api/v1/jobs')).body.jobs;
        return jobs.find(
          (j) => (j.job === 'Job_ExtractICON' || j.job === 'Job_TransformGIM') && j.status === 'Running',
        );
      },
      300_000,
    );
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServerProcess(dir, extra);
    children.push(second.child);
    await waitFor('the restarted server', async () => {
      const r = await api<{ reasons: string[] }>(second, '/api/v1/status');
      return r.body.reasons.includes('starting') ? undefined : r.body;
    });
    const killed = (await api<JobRow>(second, `/api/v1/jobs/${victim.jobId}`)).body;
    assert.equal(killed.status, 'Failed');
    assert.match(killed.reason ?? '', /server stopped while the job was running/);
    await waitFor(
      'a cycle completed after the restart',
      async () =>
        (await history(second, 'Job_TransformGIM')).find(
          (j) => j.status === 'Completed' && Number(j.jobId) > Number(victim.jobId),
        ),
      300_000,
    );
    const stillRunning = (await history(second, 'Job_ExtractICON'))
      .concat(await history(second, 'Job_TransformGIM'))
      .filter((j) => j.status === 'Running' && Number(j.jobId) <= Number(victim.jobId));
    assert.deepEqual(stillRunning, []);
    second.child.kill('SIGTERM');
    assert.equal(await new Promise((r) => second.child.once('exit', r)), 0);

    // With the server gone, catch up once more here and compare every GIDB table with its IDB.
    const { config } = await loadConfigFile(join(dir, 'infomart.options'));
    const im = await acquireDb(config.daps.find((d) => d.roles.includes('INFO_MART'))!.url);
    const log = pino({ level: 'silent' });
    const clock = makeSystemClock();
    try {
      const ex = await runJobLocally({ name: 'Job_ExtractICON', db: im.db, config, clock, log });
      assert.equal(ex.status, 'COMPLETE', ex.error ?? '');
      const ds = await im.db.query<{ dap_name: string; role: IdbRole; data_source_key: number }>(
        'SELECT dap_name, role, data_source_key FROM ctl_ds',
      );
      let compared = 0;
      for (const dap of config.daps.filter((d) => !d.roles.includes('INFO_MART'))) {
        const src = await acquireDb(dap.url);
        try {
          const bounds = await providerBounds(src.db);
          for (const role of dap.roles as IdbRole[]) {
            const dsk = ds.rows.find((r) => r.dap_name === dap.name && r.role === role)?.data_source_key;
            assert.ok(dsk !== undefined, `no CTL_DS row for ${dap.name} ${role}`);
            for (const t of idbTablesForRole(role)) {
              if (!t.extracted) continue;
              const g = gidbTableName(t, role === 'ICON_CORE' ? 'V' : role === 'ICON_MM' ? 'MM' : null);
              const want = await idbDigest(
                src.db,
                t,
                t.provider ? (bounds.get(PROVIDER_TAG[t.provider]) ?? null) : null,
              );
              assert.deepEqual(
                await gidbDigest(im.db, g, [dsk]),
                want,
                `${g} (${dap.name}) differs from ${t.name}`,
              );
              compared += want.n;
            }
          }
        } finally {
          await src.release();
        }
      }
      assert.ok(compared > 1000, `only ${compared} rows compared`);
      const tf = await runJobLocally({ name: 'Job_TransformGIM', db: im.db, config, clock, log });
      assert.equal(tf.status, 'COMPLETE', tf.error ?? '');
      const before = await factDigest(im.db);
      const again = await runJobLocally({ name: 'Job_TransformGIM', db: im.db, config, clock, log });
      assert.equal(again.status, 'COMPLETE', again.error ?? '');
      assert.deepEqual(await factDigest(im.db), before);
      assert.ok(Number(before.sm_res_state_fact?.split(':')[0]) > 0, 'no state facts were written');
    } finally {
      await im.release();
    }
  });
});

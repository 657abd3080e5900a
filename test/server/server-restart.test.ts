// The real server on the embedded default, as an operator runs it: started as a child process,
// killed with SIGKILL while a job runs, started again. Nothing may be left Running, the killed
// run is Failed with a reason, and (R19/R21) a killed start-up initialization blocks the server
// until an operator runs Job_InitializeGIM again, which the Manager allows (M4).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, startServerProcess, waitFor, type JobRow } from './server-process.ts';

const startServer = (dataDir: string) => startServerProcess(dataDir, ['--no-simulate']);

describe('server on the embedded default: SIGKILL and restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infomart-server-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes the killed run, blocks after a killed initialization, and recovers on a manual run', async () => {
    const first = await startServer(dir);
    children.push(first.child);
    // R21: the new Info Mart is initialized by the server itself; kill it while that runs.
    await waitFor('Job_InitializeGIM Running', async () => {
      const r = await api<{ jobs: JobRow[] }>(first, '/api/v1/jobs');
      return r.body.jobs.find((j) => j.job === 'Job_InitializeGIM' && j.status === 'Running');
    });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServer(dir);
    children.push(second.child);
    const state = await waitFor('server state after restart', async () => {
      const r = await api<{ state: string; reasons: string[] }>(second, '/api/v1/status');
      return r.body.reasons.includes('starting') ? undefined : r.body;
    });
    const jobs = (await api<{ jobs: JobRow[] }>(second, '/api/v1/jobs')).body.jobs;
    assert.equal(jobs.filter((j) => j.status === 'Running' && j.job !== 'Job_InitializeGIM').length, 0);
    const killed = jobs.find((j) => j.jobId === '1');
    assert.ok(killed, `job 1 after restart: ${JSON.stringify(jobs)} state ${JSON.stringify(state)}`);
    assert.equal(killed?.status, 'Failed');
    assert.match(killed?.reason ?? '', /server stopped while the job was running/);
    assert.equal(state.state, 'Blocked');
    assert.ok(
      state.reasons.some((r) => /Job_InitializeGIM failed/.test(r)),
      state.reasons.join('; '),
    );

    // M4: while Blocked only Job_InitializeGIM may run; it completes and the server is Normal again.
    const refused = await api<{ error: { message: string } }>(second, '/api/v1/jobs', {
      method: 'POST',
      body: JSON.stringify({ job: 'Job_MigrateGIM' }),
    });
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /M4/);
    const run = await api<{ run: JobRow }>(second, '/api/v1/jobs', {
      method: 'POST',
      body: JSON.stringify({ job: 'Job_InitializeGIM' }),
    });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    const id = run.body.run.jobId;
    await waitFor('manual initialization to complete', async () => {
      const r = await api<JobRow>(second, `/api/v1/jobs/${id}`);
      return r.body.status === 'Completed' ? r.body : undefined;
    });
    const normal = await waitFor('Normal state', async () => {
      const r = await api<{ state: string }>(second, '/api/v1/status');
      return r.body.state === 'Normal' ? r.body : undefined;
    });
    assert.equal(normal.state, 'Normal');
    second.child.kill('SIGTERM');
    const code = await new Promise((r) => second.child.once('exit', r));
    assert.equal(code, 0);
  });
});

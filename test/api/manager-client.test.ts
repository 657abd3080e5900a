// The CLI's Manager client against a served app (in-memory service): output, refusals as exit
// codes, credentials from the environment.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerManagerClientCommands } from '../../src/cli/commands/manager-client.ts';
import { ExitCode } from '../../src/cli/exit.ts';
import { serveApp, type Served } from '../browser/harness.ts';
import { makeFakeService, type FakeService } from './fake-service.ts';
import { makeMemoryLog, makeUsersDir, PASSWORDS } from './fixture.ts';

describe('infomart jobs|status|options --server', () => {
  let users: Awaited<ReturnType<typeof makeUsersDir>>;
  let svc: FakeService;
  let served: Served;

  before(async () => {
    users = await makeUsersDir();
    svc = makeFakeService();
    served = await serveApp(svc, users.usersFile, makeMemoryLog().log);
  });
  after(async () => {
    await served.close();
    await users.dispose();
  });

  async function run(
    args: string[],
    user: 'viewer' | 'operator' | 'admin' = 'operator',
  ): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const program = new Command('infomart').exitOverride();
    registerManagerClientCommands(program, {
      out: (t) => (out += t),
      err: (t) => (err += t),
      env: { INFOMART_SERVER: served.baseUrl, INFOMART_USER: user, INFOMART_PASSWORD: PASSWORDS[user] },
    });
    try {
      await program.parseAsync(['node', 'infomart', ...args]);
      return { code: 0, out, err };
    } catch (e) {
      if (e instanceof ExitCode) return { code: e.code, out, err };
      throw e;
    }
  }

  it('runs, lists, stops and reads history', async () => {
    const r = await run(['jobs', 'run', 'Job_MigrateGIM', '--reason', 'cli test']);
    assert.equal(r.code, 0, r.err);
    const m = /^Job_MigrateGIM (\d+) started \(Running\)$/m.exec(r.out);
    assert.ok(m?.[1], r.out);
    const list = await run(['jobs', 'list'], 'viewer');
    assert.match(list.out, new RegExp(`^\\s*${m[1]} Job_MigrateGIM\\s+Running`, 'm'));
    const noReason = await run(['jobs', 'stop', m[1]]);
    assert.equal(noReason.code, 2);
    assert.match(noReason.err, /HTTP 400: field "reason": required to stop a job/);
    const stop = await run(['jobs', 'stop', m[1], '--reason', 'done testing']);
    assert.equal(stop.out, `Job_MigrateGIM ${m[1]}: Stopped\n`);
    const again = await run(['jobs', 'stop', m[1], '--reason', 'again']);
    assert.equal(again.code, 1);
    assert.match(again.err, /HTTP 409: M9/);
    const hist = await run(['jobs', 'history', '--json'], 'viewer');
    assert.equal(JSON.parse(hist.out).total, 1);
  });

  it('maps refusals to exit codes and needs the role', async () => {
    const m2 = await run(['jobs', 'run', 'Job_ExportGIM']);
    assert.equal(m2.code, 2);
    assert.match(m2.err, /HTTP 400: M2/);
    const forbidden = await run(['jobs', 'run', 'Job_MigrateGIM'], 'viewer');
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.err, /HTTP 403: this needs the operator role/);
  });

  it('reads the status and gets and sets options', async () => {
    assert.equal((await run(['status'], 'viewer')).out, 'Normal\n');
    assert.equal(
      (await run(['options', 'get', 'gim-etl.etl-frequency'], 'viewer')).out,
      'gim-etl.etl-frequency = 15\n',
    );
    const bad = await run(['options', 'set', 'gim-etl.etl-frequency', '9999', '--reason', 'x'], 'admin');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /expected an integer 1\.\.1440/);
    const ok = await run(['options', 'set', 'gim-etl.etl-frequency', '20', '--reason', 'x'], 'admin');
    assert.equal(ok.code, 0, ok.err);
    assert.equal(
      (await run(['options', 'get', 'gim-etl.etl-frequency'], 'viewer')).out,
      'gim-etl.etl-frequency = 20\n',
    );
  });
});

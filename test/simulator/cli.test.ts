// `infomart simulate`: options are checked with messages that name the option (the CLI maps
// ConfigError to exit 2), and a run fills the IDB named by --idb on either kind of database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ConfigError } from '../../src/errors.ts';
import { openDb } from '../../src/db/open.ts';
import { parseSimulateOptions, registerSimulateCommand } from '../../src/cli/commands/simulate.ts';
import { simulateHistory } from '../../src/simulator/history.ts';
import { makeTestDb } from '../helpers/databases.ts';

const GOOD = {
  idb: 'pglite:memory',
  from: '2024-03-05',
  days: '1',
  callsPerDay: '100',
  seed: '1',
  truth: true,
};

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.issues.map((i) => i.option ?? '');
  }
  assert.fail('no error');
}

async function asyncIssues(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.issues.map((i) => i.option ?? '');
  }
  assert.fail('no error');
}

describe('simulate command: option checks', () => {
  it('names each bad option', () => {
    assert.deepEqual(
      issuesOf(() => parseSimulateOptions({ ...GOOD, days: 'two' })),
      ['days'],
    );
    assert.deepEqual(
      issuesOf(() => parseSimulateOptions({ ...GOOD, callsPerDay: '-5', seed: 'x' })),
      ['calls-per-day', 'seed'],
    );
    assert.deepEqual(
      issuesOf(() => parseSimulateOptions({ ...GOOD, multiSite: '1.5' })),
      ['multi-site'],
    );
    assert.deepEqual(
      issuesOf(() => parseSimulateOptions({ ...GOOD, idb: 'mysql://x' })),
      ['idb'],
    );
    const ok = parseSimulateOptions({ ...GOOD, idb: 'pglite:memory, postgres://u@h:1/d', multiSite: '0.2' });
    assert.deepEqual(ok.idbUrls, ['pglite:memory', 'postgres://u@h:1/d']);
    assert.equal(ok.multiSite, 0.2);
  });

  it('rejects a bad date, a zero day count and an IDB count that fits no layout', async () => {
    const base = { idbUrls: ['pglite:memory'], from: '2024-03-05', days: 1, callsPerDay: 10, seed: 1 };
    assert.deepEqual(await asyncIssues(simulateHistory({ ...base, from: '2024-02-30' })), ['from']);
    assert.deepEqual(await asyncIssues(simulateHistory({ ...base, days: 0 })), ['days']);
    assert.deepEqual(await asyncIssues(simulateHistory({ ...base, ha: true })), ['idb']);
    assert.deepEqual(
      await asyncIssues(simulateHistory({ ...base, idbUrls: ['pglite:memory', 'pglite:memory'] })),
      ['multi-site'],
    );
  });
});

describe('simulate command: a run', () => {
  for (const kind of ['pglite', 'postgres'] as const) {
    it(`fills the IDB given by --idb [${kind}]`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'infomart-sim-'));
      const fixture = kind === 'postgres' ? await makeTestDb('postgres') : null;
      const url = fixture ? fixture.url : `pglite://${join(dir, 'idb')}`;
      try {
        const program = new Command('infomart').exitOverride();
        registerSimulateCommand(program);
        const args = [
          '--idb',
          url,
          '--from',
          '2024-03-05',
          '--days',
          '1',
          '--calls-per-day',
          '150',
          '--seed',
          '4',
        ];
        await program.parseAsync(['node', 'infomart', 'simulate', ...args]);
        const db = fixture?.db ?? (await openDb(url));
        try {
          const r = await db.query<{ calls: number; truth: number }>(
            `SELECT (SELECT count(*) FROM g_call)::int AS calls, (SELECT count(*) FROM sim_truth.interactions)::int AS truth`,
          );
          assert.ok((r.rows[0]?.calls ?? 0) >= 100);
          assert.ok((r.rows[0]?.truth ?? 0) >= 100);
        } finally {
          if (!fixture) await db.close();
        }
        const bad = new Command('infomart').exitOverride();
        registerSimulateCommand(bad);
        await assert.rejects(
          bad.parseAsync(['node', 'infomart', 'simulate', ...args.slice(0, 6), '--calls-per-day', 'many']),
          (err: unknown) => err instanceof ConfigError && err.message.includes('--calls-per-day'),
        );
      } finally {
        await fixture?.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

// Interaction facts under re-runs and crashes (data-model 5.1): a re-run changes nothing (every
// fact table's rows, audit keys included, even when every interaction is recomputed), and a
// SIGKILL in the middle of a run followed by a re-run gives the facts of an uninterrupted run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../src/db/open.ts';
import type { Db } from '../../src/db/types.ts';
import { INTERACTION_SOURCES } from '../../src/jobs/transform-gim/interaction-grouping-sql.ts';
import { DB_KINDS, makeTestDb, type TestDb } from '../helpers/databases.ts';
import { DAY0, setupInfoMart, transformAt } from './fixtures.ts';
import { loadInteractionGidb } from './interaction-sim-load.ts';
import { loadGidbFromIdb, simulateIntoInfoMart } from './sim-load.ts';

const REF = DAY0 + 86400 + 3600;
const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));

const TABLES: Readonly<Record<string, readonly string[]>> = {
  interaction_fact: ['interaction_id'],
  interaction_resource_fact: ['interaction_resource_id', 'interaction_id', 'received_from_ixn_resource_id'],
  mediation_segment_fact: [
    'mediation_segment_id',
    'interaction_id',
    'target_ixn_resource_id',
    'ixn_resource_id',
  ],
  ixn_resource_state_fact: ['ixn_resource_state_fact_key', 'interaction_resource_id'],
  irf_user_data_keys: ['interaction_resource_id'],
  irf_user_data_gen_1: ['interaction_resource_id'],
  tf_call_interaction: ['interaction_id'],
};

/** md5 over every row of each table; `content` leaves out surrogate ids and audit keys. */
async function sums(db: Db, content: boolean): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [t, ids] of Object.entries(TABLES)) {
    const c = await db.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [t],
    );
    const skip = content ? [...ids, 'create_audit_key', 'update_audit_key'] : [];
    const cols = c.rows.map((x) => x.c).filter((x) => !skip.includes(x));
    const r = await db.query<{ s: string | null; n: string }>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS s, count(*) AS n FROM (SELECT ${cols.join(', ')} FROM ${t}) x`,
    );
    out[t] = `${r.rows[0]?.n}:${r.rows[0]?.s ?? 'empty'}`;
  }
  return out;
}

function runChildUntilKilled(url: string, killAfterCommit: number): Promise<boolean> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, String(REF)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let killed = false;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!killed && out.includes(`commit ${killAfterCommit}\n`)) killed = child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve(signal === 'SIGKILL');
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

for (const kind of DB_KINDS) {
  describe(`Job_TransformGIM interaction facts: re-run and crash [${kind}]`, () => {
    const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'infomart-ixn-')) : undefined;
    let fixture: TestDb | undefined;
    let db: Db;

    before(async () => {
      fixture = await makeTestDb(kind, dir ? { dataDir: dir } : {});
      db = fixture.db;
      await setupInfoMart(db);
      await simulateIntoInfoMart(db, { from: DAY0, days: 1, callsPerDay: 300, seed: 9 });
      await loadGidbFromIdb(db);
      await loadInteractionGidb(db);
    });
    after(async () => {
      await db.close().catch(() => undefined);
      await fixture?.dispose().catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('loses only the open commit when killed; re-runs change nothing; a fresh run gives the same facts', async () => {
      const url = fixture!.url;
      if (kind === 'pglite') await db.close();
      const killed = await runChildUntilKilled(url, 3);
      assert.ok(killed, 'the child finished before it was killed');
      if (kind === 'pglite') db = await openDb(url);
      await transformAt(db, REF);
      const afterCrash = await sums(db, true);
      assert.ok(
        Number(afterCrash.interaction_resource_fact?.split(':')[0]) > 200,
        JSON.stringify(afterCrash),
      );
      const full = await sums(db, false);

      // A re-run with nothing new changes nothing.
      await transformAt(db, REF + 60);
      assert.deepEqual(await sums(db, false), full);
      // Every interaction recomputed (marks of the interaction tables reset): still nothing changes.
      await db.query(`DELETE FROM ctl_transform_history WHERE hwm_name = ANY($1)`, [
        INTERACTION_SOURCES.map((t) => t.toUpperCase()),
      ]);
      const again = await transformAt(db, REF + 120);
      assert.ok(again.unitsDone > 300, `${again.unitsDone} units recomputed`);
      assert.deepEqual(await sums(db, false), full);

      // From scratch, in one go: the same facts.
      await db.exec(`DELETE FROM interaction_fact; DELETE FROM interaction_resource_fact; DELETE FROM mediation_segment_fact;
        DELETE FROM ixn_resource_state_fact; DELETE FROM irf_user_data_keys; DELETE FROM irf_user_data_gen_1;
        DELETE FROM tf_call_interaction; DELETE FROM ctl_transform_history; DELETE FROM stg_ixn_backlog;`);
      await transformAt(db, REF);
      assert.deepEqual(await sums(db, true), afterCrash);
    });
  });
}

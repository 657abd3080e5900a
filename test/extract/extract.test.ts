// Acceptance of Job_ExtractICON (issue 4) on both databases: after extraction every GIDB table
// equals its IDB rows up to the bound; a second run, a re-read window, a stop and the per-run
// chunk limit change nothing in the end result.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { gidbTableName, idbTablesForRole } from '../../src/idb/index.ts';
import type { IdbRole } from '../../src/idb/index.ts';
import { PROVIDER_TAG } from '../../src/jobs/extract-icon/plan.ts';
import { extractionStatus } from '../../src/jobs/extract-icon/index.ts';
import { getRun } from '../../src/runner/history.ts';
import {
  gidbDigest,
  gidbSnapshot,
  idbDigest,
  makeConfig,
  makeSource,
  providerBounds,
  runExtract,
} from './fixture.ts';
import type { Source } from './fixture.ts';

const T0 = Date.UTC(2024, 2, 6, 12, 0, 0);
const ROLES: readonly IdbRole[] = ['ICON_CFG', 'ICON_CORE', 'ICON_OCS'];
const SIM = { from: '2024-03-05', days: 1, callsPerDay: 400, seed: 7, truth: false } as const;

async function maxAuditKeys(db: Db): Promise<string> {
  const names = ROLES.flatMap((r) =>
    idbTablesForRole(r).map((t) =>
      gidbTableName(t, r === 'ICON_CORE' && t.roles.includes('ICON_CORE') ? 'V' : null),
    ),
  );
  const parts = names.map(
    (n) => `SELECT max(create_audit_key) AS c, max(update_audit_key) AS u, count(*) AS n FROM ${n}`,
  );
  const r = await db.query<{ c: string; u: string; n: string }>(
    `SELECT max(c)::text AS c, max(u)::text AS u, sum(n)::text AS n FROM (${parts.join(' UNION ALL ')}) x`,
  );
  return JSON.stringify(r.rows[0]);
}

describeEachDb('Job_ExtractICON: one IDB', (getDb, kind) => {
  let source: Source;
  const clock = makeFakeClock(T0);
  const config = () =>
    makeConfig([{ name: 'idb', roles: ROLES.join(', '), url: source.url }], {
      'extract-data-chunk-size': 1000,
      'max-chunks-per-job': 1000,
      'extract-data-thread-pool-size': 4,
    });

  before(async () => {
    source = await makeSource(kind);
    await simulateInto([source.db], SIM);
    await migrate(getDb(), 'infomart');
  });
  after(async () => {
    await source?.dispose();
  });

  it('copies every table up to the bound: counts and checksums equal', async () => {
    const r = await runExtract(getDb(), config(), clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.deepEqual(r.outcome?.warnings, []);
    const bounds = await providerBounds(source.db);
    let total = 0;
    for (const role of ROLES) {
      for (const t of idbTablesForRole(role)) {
        const g = gidbTableName(t, t.roles.includes('ICON_CORE') ? 'V' : null);
        const want = await idbDigest(
          source.db,
          t,
          t.provider ? (bounds.get(PROVIDER_TAG[t.provider]) ?? null) : null,
        );
        assert.deepEqual(await gidbDigest(getDb(), g), want, `${g} differs from ${t.name}`);
        total += want.n;
      }
    }
    assert.ok(total > 10000, `only ${total} rows simulated`);
    const chunks = await getDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ctl_extract_history WHERE table_name = 'G_PARTY_HISTORY'`,
    );
    assert.ok((chunks.rows[0]?.n ?? 0) > 1, 'G_PARTY_HISTORY should take several chunks');
    const ds = await getDb().query<{ role: string; icon_dbid: number }>(
      `SELECT role, icon_dbid FROM ctl_ds ORDER BY role`,
    );
    assert.deepEqual(
      ds.rows.map((x) => x.role),
      ['ICON_CFG', 'ICON_CORE', 'ICON_OCS'],
    );
    assert.ok(ds.rows.every((x) => x.icon_dbid === 901));
  });

  it('a second run adds and changes nothing', async () => {
    const before = await maxAuditKeys(getDb());
    await clock.advance(900_000);
    const r = await runExtract(getDb(), config(), clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.equal(
      Object.values(r.outcome?.rowCounts ?? {}).reduce((a, b) => a + b, 0),
      0,
    );
    assert.equal(await maxAuditKeys(getDb()), before);
  });

  it('re-reading a window from the start changes no data row', async () => {
    const before = await maxAuditKeys(getDb());
    const snap = await gidbSnapshot(getDb());
    // Forget every high-water mark: the next run reads everything again.
    await getDb().exec(`UPDATE ctl_extract_history SET status = 'FAILED'`);
    await clock.advance(900_000);
    const r = await runExtract(getDb(), config(), clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.equal(await maxAuditKeys(getDb()), before);
    assert.deepEqual(await gidbSnapshot(getDb()), snap);
  });

  it('a row whose start moves is deleted and re-inserted, keeping its create audit key', async () => {
    const pick = await source.db.query<{ callid: string; created_ts: number }>(
      `SELECT callid, created_ts FROM g_call ORDER BY callid LIMIT 1`,
    );
    const call = pick.rows[0]!;
    const before = await getDb().query<{ cak: string; uak: string; k: number }>(
      `SELECT create_audit_key::text AS cak, update_audit_key::text AS uak, start_date_time_key AS k
         FROM gidb_g_call_v WHERE callid = $1`,
      [call.callid],
    );
    await source.db.query(
      `UPDATE g_call SET created_ts = created_ts + 3600, created = created + interval '1 hour' WHERE callid = $1`,
      [call.callid],
    );
    await source.db.exec(`UPDATE g_prov_control SET seqcurrent = (SELECT last_value FROM gsys_seq_gen)`);
    await clock.advance(900_000);
    const r = await runExtract(getDb(), config(), clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.equal(r.outcome?.rowCounts?.GIDB_G_CALL_V, 1);
    const after = await getDb().query<{ cak: string; uak: string; k: number; ts: number }>(
      `SELECT create_audit_key::text AS cak, update_audit_key::text AS uak, start_date_time_key AS k,
         created_ts AS ts FROM gidb_g_call_v WHERE callid = $1`,
      [call.callid],
    );
    assert.equal(after.rows.length, 1);
    assert.equal(after.rows[0]?.cak, before.rows[0]?.cak);
    assert.notEqual(after.rows[0]?.uak, before.rows[0]?.uak);
    assert.equal(after.rows[0]?.ts, call.created_ts + 3600);
    assert.equal(after.rows[0]?.k, Math.floor((call.created_ts + 3600) / 900) * 900);
    assert.equal(after.rows[0]?.k, (before.rows[0]?.k ?? 0) + 3600);
  });

  it('reports per-table marks for the status page', async () => {
    const rows = await extractionStatus(getDb(), config(), clock.now());
    const party = rows.find((x) => x.tableName === 'G_PARTY_HISTORY' && x.role === 'ICON_CORE');
    assert.ok(party && party.hwm !== null && BigInt(party.hwm) > 0n);
    assert.equal(party.lastChunkTs, Math.floor(clock.now() / 1000));
    assert.equal(party.alarm, false);
  });

  it('a stop ends at a chunk boundary; later runs with one chunk per table finish the same', async () => {
    const snap = await gidbSnapshot(getDb());
    await getDb().exec(
      `TRUNCATE ctl_extract_history; ` +
        ROLES.flatMap((r) =>
          idbTablesForRole(r).map(
            (t) => `TRUNCATE ${gidbTableName(t, t.roles.includes('ICON_CORE') ? 'V' : null)}`,
          ),
        ).join('; '),
    );
    const stop = new AbortController();
    const cfg = makeConfig([{ name: 'idb', roles: ROLES.join(', '), url: source.url }], {
      'extract-data-chunk-size': 1000,
      'max-chunks-per-job': 1,
      'extract-data-thread-pool-size': 2,
    });
    let chunks = 0;
    const first = await runExtract(getDb(), cfg, clock, stop.signal, () => {
      if (++chunks === 3) stop.abort('stopped by test');
    });
    assert.equal(first.status, 'STOPPED');
    const run = await getRun(getDb(), first.jobId);
    assert.equal(run?.status, 'STOPPED');
    for (let i = 0; i < 40; i++) {
      await clock.advance(900_000);
      const r = await runExtract(getDb(), cfg, clock);
      assert.equal(r.status, 'COMPLETE', r.error ?? '');
      if (Object.values(r.outcome?.rowCounts ?? {}).every((n) => n === 0)) break;
    }
    assert.deepEqual(await gidbSnapshot(getDb()), snap);
  });
});

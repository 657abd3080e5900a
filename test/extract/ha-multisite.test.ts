// Issue 4 acceptance on both databases: an HA pair with gaps yields the union of its IDBs without
// duplicates and the winner rules of data-model 3.3; multi-site halves are both extracted with
// their G_IS_LINK rows; an unreachable IDB fails only its own part.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { getIdbTable, gidbTableName, idbTablesForRole } from '../../src/idb/index.ts';
import { copiedColumns, latestTsSql } from '../../src/jobs/extract-icon/sql.ts';
import { gidbDigest, idbDigest, makeConfig, makeSource, runExtract } from './fixture.ts';
import type { Source } from './fixture.ts';

const T0 = Date.UTC(2024, 2, 6, 12, 0, 0);
const ROLES = 'ICON_CFG, ICON_CORE, ICON_OCS';

interface Version {
  readonly key: string;
  readonly hash: string;
  readonly complete: boolean;
  readonly latest: number | null;
}

/** Versions of a table's rows in one IDB, by natural key. */
async function versions(db: Db, table: string, from = table): Promise<Map<string, Version>> {
  const alias = 's';
  const t = getIdbTable(table);
  const nk = t.naturalKey.map((c) => `${alias}.${c}`).join(` || '|' || `);
  const cols = copiedColumns(t).map((c) => `${alias}.${c.name}`);
  const latest = latestTsSql(t, alias);
  const r = await db.query<Version>(
    `SELECT (${nk})::text AS key, hashtext(ROW(${cols.join(', ')})::text)::text AS hash,
       (${t.completedWhen ?? 'true'}) AS complete, ${latest} AS latest FROM ${from} ${alias}`,
  );
  return new Map(r.rows.map((x) => [x.key, x]));
}

async function coverage(db: Db): Promise<[number, number][]> {
  const r = await db.query<{ s: number; e: number | null }>(
    `SELECT dsconn_stime_ts AS s, COALESCE(dsconn_etime_ts, icon_etime_ts) AS e FROM g_dss_gcc_provider`,
  );
  return r.rows.map((x) => [x.s, x.e ?? Number.MAX_SAFE_INTEGER]);
}

describeEachDb('Job_ExtractICON: HA pair', (getDb, kind) => {
  let a: Source;
  let b: Source;
  const clock = makeFakeClock(T0);
  before(async () => {
    a = await makeSource(kind);
    b = await makeSource(kind);
    await simulateInto([a.db, b.db], {
      from: '2024-03-05',
      days: 1,
      callsPerDay: 500,
      seed: 11,
      ha: true,
      truth: false,
    });
    await migrate(getDb(), 'infomart');
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  it('extracts the union without duplicates; the winner rules hold', async () => {
    const config = makeConfig(
      [
        { name: 'a1', roles: ROLES, url: a.url, haSet: 'siteA' },
        { name: 'a2', roles: ROLES, url: b.url, haSet: 'siteA' },
      ],
      { 'extract-data-chunk-size': 2000, 'max-chunks-per-job': 1000 },
    );
    const r = await runExtract(getDb(), config, clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    const keys = await getDb().query<{ k: number; d: string }>(
      `SELECT data_source_key AS k, dap_name AS d FROM ctl_ds WHERE role = 'ICON_CORE'`,
    );
    const dsk = new Map(keys.rows.map((x) => [x.d, x.k]));
    const [covA, covB] = [await coverage(a.db), await coverage(b.db)];
    const covers = (c: [number, number][], t: number | null): boolean =>
      t !== null && c.some(([s, e]) => t >= s && t < e);
    let decided = 0;
    let differing = 0;
    for (const table of [
      'G_CALL',
      'G_PARTY',
      'G_IR',
      'G_VIRTUAL_QUEUE',
      'G_PARTY_HISTORY',
      'G_CALL_HISTORY',
    ]) {
      const va = await versions(a.db, table);
      const vb = await versions(b.db, table);
      const gidb = gidbTableName(table, 'V');
      const vg = await versions(getDb(), table, gidb);
      const union = new Set([...va.keys(), ...vb.keys()]);
      const n = await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${gidb}`);
      assert.equal(n.rows[0]?.n, union.size, `${gidb}: not the union (or duplicates)`);
      assert.ok(union.size > va.size && union.size > vb.size, `${table}: the gaps lost no row?`);
      const owner = await getDb().query<{ key: string; k: number }>(
        `SELECT (${getIdbTable(table)
          .naturalKey.map((c) => `g.${c}`)
          .join(` || '|' || `)})::text AS key, g.data_source_key AS k FROM ${gidb} g`,
      );
      const from = new Map(owner.rows.map((x) => [x.key, x.k]));
      for (const key of union) {
        const x = va.get(key);
        const y = vb.get(key);
        const got = vg.get(key);
        assert.ok(got, `${gidb} misses ${key}`);
        if (!x || !y) {
          assert.equal(got.hash, (x ?? y)!.hash, `${gidb} ${key}: the only version`);
          continue;
        }
        if (x.hash === y.hash) continue;
        differing++;
        // Rule 1: the completed version wins over an active one.
        let want: 'a1' | 'a2' | null = null;
        if (x.complete !== y.complete) want = x.complete ? 'a1' : 'a2';
        else {
          const ca = covers(covA, x.latest);
          const cb = covers(covB, y.latest);
          if (ca !== cb) want = ca ? 'a1' : 'a2';
        }
        if (want === null) {
          assert.ok(got.hash === x.hash || got.hash === y.hash, `${gidb} ${key}: neither version`);
          continue;
        }
        decided++;
        assert.equal(from.get(key), dsk.get(want), `${gidb} ${key}: ${want}'s version should win`);
        assert.equal(got.hash, (want === 'a1' ? x : y).hash, `${gidb} ${key}: ${want}'s version should win`);
      }
    }
    assert.ok(
      differing > 0 && decided > 0,
      `no differing versions (${differing}) decided by the rules (${decided})`,
    );
  });

  it('a second run changes nothing', async () => {
    const config = makeConfig([
      { name: 'a1', roles: ROLES, url: a.url, haSet: 'siteA' },
      { name: 'a2', roles: ROLES, url: b.url, haSet: 'siteA' },
    ]);
    await clock.advance(900_000);
    const r = await runExtract(getDb(), config, clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    assert.equal(
      Object.values(r.outcome?.rowCounts ?? {}).reduce((s, v) => s + v, 0),
      0,
    );
  });
});

describeEachDb('Job_ExtractICON: two sites', (getDb, kind) => {
  let a: Source;
  let b: Source;
  const clock = makeFakeClock(T0);
  before(async () => {
    a = await makeSource(kind);
    b = await makeSource(kind);
    await simulateInto([a.db, b.db], {
      from: '2024-03-05',
      days: 1,
      callsPerDay: 400,
      seed: 3,
      multiSite: 0.3,
      truth: false,
    });
    await migrate(getDb(), 'infomart');
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  it('extracts both halves with their G_IS_LINK rows', async () => {
    const config = makeConfig([
      { name: 'siteA', roles: ROLES, url: a.url },
      { name: 'siteB', roles: 'ICON_CORE', url: b.url },
    ]);
    const r = await runExtract(getDb(), config, clock);
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    const keys = await getDb().query<{ k: number; d: string }>(
      `SELECT data_source_key AS k, dap_name AS d FROM ctl_ds WHERE role = 'ICON_CORE'`,
    );
    const dsk = new Map(keys.rows.map((x) => [x.d, x.k]));
    for (const [name, src] of [
      ['siteA', a],
      ['siteB', b],
    ] as const) {
      for (const t of idbTablesForRole('ICON_CORE').filter((x) => x.name !== 'GSYS_DNPREMOTELOCATION')) {
        const g = gidbTableName(t, 'V');
        assert.deepEqual(
          await gidbDigest(getDb(), g, [dsk.get(name)!]),
          await idbDigest(src.db, t, null),
          `${name} ${g}`,
        );
      }
    }
    const links = await getDb().query<{ n: number; both: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE k = 2)::int AS both
         FROM (SELECT islinkid, count(DISTINCT data_source_key) AS k FROM gidb_g_is_link_v GROUP BY islinkid) x`,
    );
    assert.ok(
      (links.rows[0]?.both ?? 0) > 10,
      `linked halves from both sites: ${JSON.stringify(links.rows[0])}`,
    );
  });

  it('an unreachable IDB fails only its own part and raises the delayed-data alarm when it lags', async () => {
    const config = makeConfig(
      [
        { name: 'siteA', roles: ROLES, url: a.url },
        { name: 'siteB', roles: 'ICON_CORE', url: b.url },
        { name: 'down', roles: 'ICON_MM', url: 'postgres://127.0.0.1:9/nowhere' },
      ],
      { 'delayed-data-threshold': 60 },
    );
    await b.db.exec(`INSERT INTO g_is_link (islinkid, linktype, callid) VALUES ('L-new', 1, 'C-new')`);
    await b.db.exec(`UPDATE g_prov_control SET seqcurrent = (SELECT last_value FROM gsys_seq_gen)`);
    await clock.advance(900_000);
    const first = await runExtract(getDb(), config, clock);
    assert.equal(first.status, 'COMPLETE', first.error ?? '');
    assert.match(first.outcome?.warnings?.join('\n') ?? '', /dap:down: IDB unreachable/);
    assert.doesNotMatch(first.outcome?.warnings?.join('\n') ?? '', /delayed-data alarm: dap:down/);
    assert.equal(first.outcome?.rowCounts?.GIDB_G_IS_LINK_V, 1);
    await clock.advance(120_000);
    const second = await runExtract(getDb(), config, clock);
    assert.equal(second.status, 'COMPLETE', second.error ?? '');
    assert.match(
      second.outcome?.warnings?.join('\n') ?? '',
      /delayed-data alarm: dap:down ICON_MM lags 120 s/,
    );
    // A connected provider whose marks did not move lags too; configuration never does so.
    const w = second.outcome?.warnings?.join('\n') ?? '';
    assert.match(w, /dap:siteA ICON_CORE lags \d+ s \(threshold 60 s, no new data\)/);
    assert.doesNotMatch(w, /dap:siteA ICON_CFG/);
    const only = makeConfig([
      { name: 'down', roles: 'ICON_CFG, ICON_CORE', url: 'postgres://127.0.0.1:9/nowhere' },
    ]);
    const failed = await runExtract(getDb(), only, clock);
    assert.equal(failed.status, 'FAILED');
    assert.match(failed.error ?? '', /no source IDB could be extracted/);
  });
});

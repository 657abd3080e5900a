// HA pairs and multi-site on both databases: the two IDBs of a pair differ only inside the gaps
// their provider sessions declare; the halves of a call that crosses sites are linked.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb, makeTestDb } from '../helpers/databases.ts';
import type { TestDb } from '../helpers/databases.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import type { SimulateResult } from '../../src/simulator/history.ts';
import { TABLES, TABLE_NAMES } from '../../src/simulator/tables.ts';
import type { TableName } from '../../src/simulator/tables.ts';
import { historyOrder, markerProblems, orphans } from './checks.ts';

type Row = Record<string, unknown>;
interface Gap {
  start: number;
  end: number;
}

const KEYS: Partial<Record<TableName, readonly string[]>> = {
  g_ir: ['irid'],
  g_call: ['callid'],
  g_party: ['partyid'],
  g_call_userdata: ['callid'],
  g_virtual_queue: ['callid', 'endpointid', 'added_ts'],
  g_login_session: ['loginsessionid'],
  gx_session_endpoint: ['loginsessionid', 'mediatype'],
  go_campaign: ['sessid'],
  go_chain: ['chainguid'],
};

async function declaredGaps(db: Db, from: number, until: number): Promise<Gap[]> {
  const r = await db.query<{ s: number; e: number | null }>(
    `SELECT dsconn_stime_ts AS s, COALESCE(dsconn_etime_ts, icon_etime_ts) AS e FROM g_dss_gcc_provider ORDER BY dsconn_stime_ts`,
  );
  const gaps: Gap[] = [];
  let covered = -Infinity;
  for (const { s, e } of r.rows) {
    if (s > covered && covered > -Infinity) gaps.push({ start: covered, end: s });
    covered = e === null ? Infinity : Math.max(covered, e);
  }
  return gaps.filter((g) => g.end > from && g.start < until);
}

async function tableRows(db: Db, table: TableName): Promise<Row[]> {
  const spec = TABLES[table];
  const cols = [...spec.columns, ...spec.times.flatMap((t) => [t, `${t}_ts`])];
  return (await db.query(`SELECT ${cols.join(', ')} FROM ${table}`)).rows;
}

/** Times of the units a row belongs to (its call and IR, login session, chain, campaign session). */
async function unitTimes(dbs: readonly Db[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const add = async (db: Db, sql: string): Promise<void> => {
    for (const r of (await db.query<{ k: string; t: number | null }>(sql)).rows) {
      if (r.t !== null) out.set(r.k, [...(out.get(r.k) ?? []), r.t]);
    }
  };
  for (const db of dbs) {
    for (const [table, key] of [
      ['g_call', 'callid'],
      ['g_ir', 'irid'],
      ['g_login_session', 'loginsessionid'],
      ['go_chain', 'chainguid'],
      ['go_campaign', 'sessid'],
    ] as const) {
      await add(db, `SELECT ${key} AS k, created_ts AS t FROM ${table}`);
      await add(db, `SELECT ${key} AS k, terminated_ts AS t FROM ${table}`);
    }
    await add(db, `SELECT c.callid AS k, i.created_ts AS t FROM g_call c JOIN g_ir i ON i.irid = c.irid`);
  }
  return out;
}

function timesOf(row: Row, units: Map<string, number[]>): number[] {
  const ts: number[] = [];
  for (const [k, v] of Object.entries(row)) if (k.endsWith('_ts') && typeof v === 'number') ts.push(v);
  for (const k of ['callid', 'irid', 'loginsessionid', 'sessionid', 'chainguid', 'sessid']) {
    const v = row[k];
    if (typeof v === 'string') ts.push(...(units.get(v) ?? []));
  }
  return ts;
}

describeEachDb('simulator: HA pair', (getDb, kind) => {
  let backup: TestDb;
  let result: SimulateResult;
  before(async () => {
    backup = await makeTestDb(kind);
    await migrate(getDb(), 'idb');
    await migrate(backup.db, 'idb');
    result = await simulateInto([getDb(), backup.db], {
      from: '2024-03-05',
      days: 1,
      callsPerDay: 600,
      seed: 5,
      ha: true,
    });
  });
  after(async () => {
    await backup?.dispose();
  });

  it('declares complementary gaps in the provider sessions of each IDB', async () => {
    const a = await declaredGaps(getDb(), result.from, result.until);
    const b = await declaredGaps(backup.db, result.from, result.until);
    assert.deepEqual(
      a,
      result.idbs[0]?.gaps.map((g) => ({ ...g })),
    );
    assert.deepEqual(
      b,
      result.idbs[1]?.gaps.map((g) => ({ ...g })),
    );
    assert.equal(a.length, 1);
    assert.equal(b.length, 1);
    for (const x of a) for (const y of b) assert.ok(x.end <= y.start || y.end <= x.start, 'gaps overlap');
  });

  it('each IDB of the pair is consistent on its own', async () => {
    for (const db of [getDb(), backup.db]) {
      assert.deepEqual(await orphans(db), []);
      assert.deepEqual(await historyOrder(db, { continuity: false }), []);
      assert.deepEqual(await markerProblems(db), []);
    }
  });

  it('differs from its partner only inside the declared gaps', async () => {
    const gaps = [
      ...(await declaredGaps(getDb(), result.from, result.until)),
      ...(await declaredGaps(backup.db, result.from, result.until)),
    ];
    const units = await unitTimes([getDb(), backup.db]);
    const inGap = (t: number): boolean => gaps.some((g) => t >= g.start && t < g.end);
    let differing = 0;
    for (const table of TABLE_NAMES) {
      // Configuration: objects by DBID, associations by what they associate and since when.
      const spec = TABLES[table];
      const keyCols =
        KEYS[table] ??
        (spec.provider === 'cfg'
          ? spec.idMode === 'none'
            ? ['id']
            : [...spec.columns.filter((c) => c !== 'status'), 'created_ts']
          : undefined);
      const keyOf = (r: Row): string => JSON.stringify(keyCols ? keyCols.map((k) => r[k]) : r);
      const index = (rows: Row[]): Map<string, Row[]> => {
        const m = new Map<string, Row[]>();
        for (const r of rows) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), r]);
        return m;
      };
      const a = index(await tableRows(getDb(), table));
      const b = index(await tableRows(backup.db, table));
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        const ra = a.get(key) ?? [];
        const rb = b.get(key) ?? [];
        if (JSON.stringify(ra) === JSON.stringify(rb)) continue;
        differing += 1;
        const times = [...ra, ...rb].flatMap((r) => timesOf(r, units));
        assert.ok(
          times.some(inGap),
          `${table} ${key} differs outside every gap: ${JSON.stringify({ ra, rb })}`,
        );
      }
    }
    assert.ok(differing > 10, `the gaps should cost the IDBs some rows (${differing} differ)`);
  });
});

describeEachDb('simulator: two sites', (getDb, kind) => {
  let second: TestDb;
  before(async () => {
    second = await makeTestDb(kind);
    await migrate(getDb(), 'idb');
    await migrate(second.db, 'idb');
    await simulateInto([getDb(), second.db], {
      from: '2024-03-05',
      days: 1,
      callsPerDay: 600,
      seed: 9,
      multiSite: 0.3,
    });
  });
  after(async () => {
    await second?.dispose();
  });

  it('links the halves of calls that cross sites through G_IS_LINK', async () => {
    const out = (
      await getDb().query<{ islinkid: string; remotelocation: string }>(
        `SELECT islinkid, remotelocation FROM g_is_link`,
      )
    ).rows;
    const inc = (
      await second.db.query<{ islinkid: string; linktype: number }>(
        `SELECT islinkid, linktype FROM g_is_link`,
      )
    ).rows;
    const remote = new Set(
      (await getDb().query<{ r: string }>(`SELECT remotelocation AS r FROM gsys_dnpremotelocation`)).rows.map(
        (r) => r.r,
      ),
    );
    assert.ok(inc.length > 10);
    assert.ok(inc.every((r) => r.linktype === 2));
    const outIds = new Set(out.map((r) => r.islinkid));
    for (const r of inc)
      assert.ok(outIds.has(r.islinkid), `incoming half ${r.islinkid} has no outgoing half`);
    const incIds = new Set(inc.map((r) => r.islinkid));
    const unmatched = out.filter((r) => !incIds.has(r.islinkid));
    assert.ok(unmatched.length > 0);
    for (const r of unmatched)
      assert.ok(remote.has(r.remotelocation), `${r.islinkid} goes to an undeclared site`);
  });

  it('keeps each site consistent in its own IDB', async () => {
    for (const db of [getDb(), second.db]) {
      assert.deepEqual(await orphans(db), []);
      assert.deepEqual(await markerProblems(db), []);
    }
    const agents = await second.db.query<{ n: number }>(
      `SELECT count(DISTINCT agentid)::int AS n FROM g_login_session`,
    );
    assert.ok((agents.rows[0]?.n ?? 0) > 0);
  });
});

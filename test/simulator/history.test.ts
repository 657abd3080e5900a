// Acceptance of the bulk simulator (issue 3) on both databases: a day of mixed traffic gives
// consistent IDB rows, the same seed gives the same rows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb, makeTestDb } from '../helpers/databases.ts';
import type { TestDb } from '../helpers/databases.ts';
import { migrate } from '../../src/db/migrate.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import type { SimulateResult } from '../../src/simulator/history.ts';
import { TABLE_NAMES } from '../../src/simulator/tables.ts';
import {
  agentStateProblems,
  historyOrder,
  markerProblems,
  orphans,
  tableDigest,
  timeTwins,
  unknownCodes,
} from './checks.ts';

const OPTIONS = { from: '2024-03-05', days: 1, callsPerDay: 1200, seed: 42, multiSite: 0.05 } as const;

describeEachDb('simulator: bulk history', (getDb, kind) => {
  let result: SimulateResult;
  before(async () => {
    await migrate(getDb(), 'idb');
    result = await simulateInto([getDb()], OPTIONS);
  });

  it('produces every traffic model', () => {
    const seen = new Set(result.traffic.truth.interactions.map((t) => t.scenario));
    for (const s of [
      'inbound-answered',
      'abandoned-in-queue',
      'abandoned-while-ringing',
      'ring-no-answer',
      'blind-transfer',
      'consult-transfer',
      'conference',
      'simple-consult',
      'multi-site',
      'internal',
      'outbound',
      'chat',
      'email',
      'email-deferred',
    ]) {
      assert.ok(seen.has(s as never), `no ${s} interaction`);
    }
    assert.ok(result.sessions > 0);
  });

  it('every party references a call, every call an IR, every history row its owner', async () => {
    assert.deepEqual(await orphans(getDb()), []);
    const n = await getDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM g_party`);
    assert.ok((n.rows[0]?.n ?? 0) > 1000);
  });

  it('every X_TS equals the epoch of X', async () => {
    assert.deepEqual(await timeTwins(getDb()), []);
  });

  it('every code comes from the code book', async () => {
    assert.deepEqual(await unknownCodes(getDb()), []);
  });

  it('histories are in sequence order', async () => {
    assert.deepEqual(await historyOrder(getDb()), []);
  });

  it('change markers only grow and G_PROV_CONTROL bounds every marker', async () => {
    assert.deepEqual(await markerProblems(getDb()), []);
    const seq = await getDb().query<{ v: string }>(`SELECT last_value::text AS v FROM gsys_seq_gen`);
    assert.equal(Number(seq.rows[0]?.v), result.idbs[0]?.seq);
  });

  it('agents are Busy and logged in whenever they talk to a customer', async () => {
    assert.deepEqual(await agentStateProblems(getDb()), []);
  });

  it('writes the worked-example shapes: inbound via RP and VQ, consult then transfer', async () => {
    const db = getDb();
    const ib = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM g_party a
         JOIN g_party rp ON rp.partyid = a.parentpartyid AND rp.type = 4 AND rp.prole = 2
         JOIN g_party c ON c.callid = a.callid AND c.type = 6 AND c.prole = 1
         JOIN g_virtual_queue vq ON vq.partyid = rp.partyid AND vq.result = 1 AND vq.targetagentid = a.agentid
        WHERE a.type = 1 AND a.parentlinktype = 1`,
    );
    assert.ok((ib.rows[0]?.n ?? 0) > 100);
    // The consult receiver moves to the main call: ChangeType 4 on the consult call, then the same
    // PartyGUID continues on the main call with the next PSeq, in the state it had.
    const moved = await db.query<{ ok: boolean }>(
      `SELECT (c4.state = 3 AND c4.mergecallid = p2.callid AND c4.mergetype IN (1, 2) AND c4.parentcallid = p2.callid
               AND h2.pseq = h1.pseq + 1 AND h2.changetype = 1 AND h2.state = h1.state) AS ok
         FROM g_party_history h1
         JOIN g_party p1 ON p1.partyid = h1.partyid
         JOIN g_call c4 ON c4.callid = p1.callid
         JOIN g_party p2 ON p2.partyguid = p1.partyguid AND p2.partyid <> p1.partyid
         JOIN g_party_history h2 ON h2.partyid = p2.partyid AND h2.changetype = 1
        WHERE h1.changetype = 4`,
    );
    assert.ok(moved.rows.length > 0);
    assert.ok(moved.rows.every((r) => r.ok));
  });

  it('keeps long-living e-mails open and records the ground truth apart from the IDB tables', async () => {
    const db = getDb();
    const open = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM g_call WHERE mediatype = 2 AND terminated_ts IS NULL`,
    );
    assert.ok((open.rows[0]?.n ?? 0) > 0);
    const truth = await db.query<{ n: number; answered: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE t.answered_by IS NOT NULL)::int AS answered
         FROM sim_truth.interactions t JOIN g_call c ON c.callid = t.id`,
    );
    assert.equal(truth.rows[0]?.n, result.interactions);
    // Answered inbound calls: the truth's agent is the one whose party connected first.
    const mismatch = await db.query(
      `SELECT t.id FROM sim_truth.interactions t
        WHERE t.scenario = 'inbound-answered' AND t.end_ts < $1
          AND t.answered_by IS DISTINCT FROM (
            SELECT p.agentid FROM g_party p JOIN g_party_history h ON h.partyid = p.partyid
             WHERE p.callid = t.id AND p.type = 1 AND h.state = 12 ORDER BY h.added_ts, h.phid LIMIT 1)
        LIMIT 3`,
      [result.until],
    );
    assert.deepEqual(mismatch.rows, []);
  });

  it('writes configuration history: agents hired, renamed and removed, with their associations', async () => {
    const db = getDb();
    const r = await db.query<{ hired: number; removed: number; renamed: number }>(
      `SELECT count(*) FILTER (WHERE created_ts >= $1)::int AS hired,
              count(*) FILTER (WHERE status = 2 AND deleted_ts >= $1 AND deleted_ts < $2 AND gsys_useq > gsys_seq)::int AS removed,
              count(*) FILTER (WHERE status = 1 AND gsys_useq > gsys_seq)::int AS renamed
         FROM gc_agent`,
      [result.from, result.until],
    );
    const counts = r.rows[0];
    assert.ok(counts && counts.hired > 0 && counts.removed > 0 && counts.renamed > 0, JSON.stringify(counts));
    const stale = await db.query(
      `SELECT a.id FROM gc_agent a JOIN gcx_group_agent g ON g.agentid = a.id
        WHERE a.status = 2 AND (g.status <> 2 OR g.deleted_ts <> a.deleted_ts)
       UNION ALL
       SELECT a.id FROM gc_agent a JOIN g_login_session l ON l.agentid = a.id
        WHERE l.created_ts < a.created_ts OR l.terminated_ts > a.deleted_ts OR l.terminated_ts IS NULL AND a.deleted_ts IS NOT NULL`,
    );
    assert.deepEqual(stale.rows, []);
  });

  it('records ring, talk and hold seconds in the ground truth that match the party history', async () => {
    const r = await getDb().query(
      `SELECT t.id, t.ring, t.talk, t.hold, h.a, h.c, h.r FROM sim_truth.interactions t
         JOIN g_party p ON p.callid = t.id AND p.type = 1
         CROSS JOIN LATERAL (
           SELECT min(added_ts) FILTER (WHERE state = 10) AS a, min(added_ts) FILTER (WHERE state = 12) AS c,
                  max(added_ts) FILTER (WHERE changetype = 2) AS r
             FROM g_party_history WHERE partyid = p.partyid) h
        WHERE t.scenario = 'inbound-answered' AND t.end_ts < $1
          AND (h.c - h.a <> t.ring OR h.r - h.c <> t.talk + t.hold)
        LIMIT 3`,
      [result.until],
    );
    assert.deepEqual(r.rows, []);
  });

  it('records per-session state seconds in the ground truth that match the state rows', async () => {
    const r = await getDb().query(
      `WITH seg AS (
         SELECT h.loginsessionid AS id, h.state,
                COALESCE(lead(h.added_ts) OVER (PARTITION BY h.loginsessionid ORDER BY h.seq), l.terminated_ts) - h.added_ts AS secs
           FROM g_agent_state_history h JOIN g_login_session l ON l.loginsessionid = h.loginsessionid
          WHERE l.terminated_ts IS NOT NULL AND h.mediatype = 1),
       idb AS (
         SELECT id, sum(secs) FILTER (WHERE state = 3) AS ready, sum(secs) FILTER (WHERE state = 2) AS not_ready,
                sum(secs) FILTER (WHERE state = 5) AS busy, sum(secs) FILTER (WHERE state = 4) AS acw
           FROM seg GROUP BY id)
       SELECT t.login_session_id, t.ready, i.ready AS i_ready, t.not_ready, i.not_ready AS i_not_ready,
              t.busy, i.busy AS i_busy, t.acw, i.acw AS i_acw
         FROM sim_truth.sessions t JOIN idb i ON i.id = t.login_session_id
        WHERE t.ready <> COALESCE(i.ready, 0) OR t.not_ready <> COALESCE(i.not_ready, 0)
           OR t.busy <> COALESCE(i.busy, 0) OR t.acw <> COALESCE(i.acw, 0)
        LIMIT 3`,
    );
    assert.deepEqual(r.rows, []);
    const n = await getDb().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sim_truth.sessions WHERE end_ts IS NOT NULL AND media_types = '1' AND busy > 0 AND not_ready > 0`,
    );
    assert.ok((n.rows[0]?.n ?? 0) > 5);
  });

  describe('same seed', () => {
    let again: TestDb;
    let other: TestDb;
    before(async () => {
      again = await makeTestDb(kind);
      other = await makeTestDb(kind);
      await migrate(again.db, 'idb');
      await migrate(other.db, 'idb');
      await simulateInto([again.db], OPTIONS);
      await simulateInto([other.db], { ...OPTIONS, seed: 43 });
    });
    after(async () => {
      await again?.dispose();
      await other?.dispose();
    });

    it('gives the same rows for the same seed and other rows for another seed', async () => {
      let differs = 0;
      for (const table of [...TABLE_NAMES, 'g_prov_control', 'g_dss_gcc_provider']) {
        const first = await tableDigest(getDb(), table);
        assert.equal(await tableDigest(again.db, table), first, `${table} differs for the same seed`);
        if ((await tableDigest(other.db, table)) !== first) differs += 1;
      }
      assert.ok(differs > 20, `only ${differs} tables differ for another seed`);
    });
  });
});

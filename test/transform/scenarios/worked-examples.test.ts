// Acceptance: worked examples 1, 2 and 3 of data-model section 7 through Job_TransformGIM (every
// INTERACTION_FACT / IRF / MSF / IXN_RESOURCE_STATE_FACT value written there), then through
// Job_AggregateGIM's engine (the AG2_* rows written there). Expected values come from the spec.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../helpers/databases.ts';
import { aggConfig, aggregateUntilIdle, readTable } from '../../aggregate/fixtures.ts';
import { setupInfoMart } from '../fixtures.ts';
import { at, writeConfig } from './builder.ts';
import { transform } from './run.ts';
import { writeExamples, writeExampleSessions } from './examples.ts';
import { ifRows, irf, irfGuids, msfRows, stateRows } from './queries.ts';

const K10 = 1709632800;
const K11 = 1709636400;
const K12 = 1709640000;

const GRAIN = [
  'DATE_TIME_KEY',
  'TENANT_KEY',
  'MEDIA_TYPE_KEY',
  'RESOURCE_KEY',
  'INTERACTION_TYPE_KEY',
  'INTERACTION_DESCRIPTOR_KEY',
  'GROUP_KEY',
  'QUEUE_RESOURCE_KEY',
  'TIME_RANGE_KEY',
  'CREATE_AUDIT_KEY',
  'UPDATE_AUDIT_KEY',
];

function nonZero(row: Record<string, number> | undefined): Record<string, number> {
  assert.ok(row, 'aggregate row missing');
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => !GRAIN.includes(k) && v !== 0));
}

const st = (state: number, a: number, b: number, count: number, resource: string) => ({
  state,
  start: a,
  end: b,
  dur: b - a,
  count,
  resource,
});

describeEachDb('interaction transform acceptance: worked examples 1-3 (data-model 7)', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeConfig(db);
    await writeExampleSessions(db);
    await writeExamples(db);
    const r = await transform(db, { aggregation: true });
    assert.equal(r.unitsWaiting, 0);
  });

  it('ex. 1: INTERACTION_FACT', async () => {
    const rows = await ifRows(getDb(), 'E1');
    assert.equal(rows.length, 1);
    const x = rows[0];
    assert.ok(x);
    assert.deepEqual(
      { ...x, id: 0 },
      {
        guid: 'E1C1',
        id: 0,
        start: at(10, 0),
        end: at(10, 5),
        startKey: K10,
        endKey: K10,
        type: 2,
        media: 1,
        tenant: 101,
        source: '5551234',
        target: '8005550000',
        status: 0,
        ixnId: 1000,
        rootGuid: 'E1C1',
      },
    );
  });

  it('ex. 1: one IRF (G3) with its keys and measures; the RP has none', async () => {
    const db = getDb();
    assert.deepEqual(await irfGuids(db, 'E1'), ['E1G3']);
    assert.deepEqual(await irf(db, 'E1G3'), {
      guid: 'E1G3',
      ixnGuid: 'E1C1',
      resource: 'agent:5001',
      place: 'place:6001',
      td: 4110,
      start: at(10, 0, 10),
      end: at(10, 5),
      lastVq: 'dn:3101',
      lastQueue: 'none',
      lastRp: 'dn:4001',
      receivedFrom: null,
      last: 1,
      mediation: 10,
      type: 2,
      media: 1,
      sdtOk: true,
      m: { RING: [1, 8], TALK: [1, 237], HOLD: [1, 45], AFTER_CALL_WORK: [1, 30] },
    });
  });

  it('ex. 1: the VQ MSF targets G3', async () => {
    assert.deepEqual(await msfRows(getDb(), 'E1'), [
      {
        guid: `VQ:E1C1:3101:${at(10, 0, 2)}`,
        resource: 'dn:3101',
        td: 9110,
        start: at(10, 0, 2),
        end: at(10, 0, 10),
        mediation: 8,
        target: 'E1G3',
        ixnResource: null,
        ixnGuid: 'E1C1',
      },
    ]);
  });

  it('ex. 1: IXN_RESOURCE_STATE_FACT rows', async () => {
    const a = 'agent:5001';
    assert.deepEqual(await stateRows(getDb(), 'E1G3'), [
      st(20, at(10, 0, 10), at(10, 0, 18), 1, a),
      st(30, at(10, 0, 18), at(10, 2), 1, a),
      st(40, at(10, 2), at(10, 2, 45), 1, a),
      st(30, at(10, 2, 45), at(10, 5), 0, a),
      st(50, at(10, 5), at(10, 5, 30), 1, a),
    ]);
  });

  it('ex. 2: IF, the mediation IRF of the ACD queue, its MSF', async () => {
    const db = getDb();
    const ifs = await ifRows(db, 'E2');
    assert.deepEqual(
      ifs.map((x) => [x.guid, x.start, x.end, x.startKey, x.endKey, x.type, x.status]),
      [['E2C2', at(11, 0), at(11, 1, 35), K11, K11, 2, 0]],
    );
    assert.deepEqual(await irfGuids(db, 'E2'), ['E2P3']);
    assert.deepEqual(await irf(db, 'E2P3'), {
      guid: 'E2P3',
      ixnGuid: 'E2C2',
      resource: 'dn:3001',
      place: 'none',
      td: 1310,
      start: at(11, 0, 5),
      end: at(11, 1, 35),
      lastVq: 'none',
      lastQueue: 'dn:3001',
      lastRp: 'dn:4001',
      receivedFrom: null,
      // LAST_INTERACTION_RESOURCE marks a *handling* IRF (5.5); a mediation IRF is not one.
      last: 0,
      mediation: 95,
      type: 2,
      media: 1,
      sdtOk: true,
      m: {},
    });
    assert.deepEqual(await msfRows(db, 'E2'), [
      {
        guid: 'E2P3',
        resource: 'dn:3001',
        td: 1310,
        start: at(11, 0, 5),
        end: at(11, 1, 35),
        mediation: 90,
        target: null,
        ixnResource: 'E2P3',
        ixnGuid: 'E2C2',
      },
    ]);
    assert.deepEqual(await stateRows(db, 'E2P3'), []);
  });

  it('ex. 3: one IF rooted at C3; IRFs G2 and G5 (P4 folded into G2)', async () => {
    const db = getDb();
    const ifs = await ifRows(db, 'E3');
    assert.deepEqual(
      ifs.map((x) => [x.guid, x.start, x.end, x.startKey, x.endKey, x.type, x.status]),
      [['E3C3', at(12, 0), at(12, 4), K12, K12, 2, 0]],
    );
    assert.deepEqual(await irfGuids(db, 'E3'), ['E3G2', 'E3G5']);
    assert.deepEqual(await msfRows(db, 'E3'), []);
    assert.deepEqual(await irf(db, 'E3G2'), {
      guid: 'E3G2',
      ixnGuid: 'E3C3',
      resource: 'agent:5001',
      place: 'place:6001',
      td: 16010,
      start: at(12, 0),
      end: at(12, 2),
      lastVq: 'none',
      lastQueue: 'none',
      lastRp: 'none',
      receivedFrom: null,
      last: 0,
      mediation: 0,
      type: 2,
      media: 1,
      sdtOk: true,
      m: {
        RING: [1, 5],
        TALK: [1, 55],
        HOLD: [1, 60],
        CONS_INIT_DIAL: [1, 6],
        CONS_INIT_TALK: [1, 54],
        AFTER_CALL_WORK: [1, 20],
      },
    });
    assert.deepEqual(await irf(db, 'E3G5'), {
      guid: 'E3G5',
      ixnGuid: 'E3C3',
      resource: 'agent:5002',
      place: 'none',
      td: 4133,
      start: at(12, 1),
      end: at(12, 4),
      lastVq: 'none',
      lastQueue: 'none',
      lastRp: 'none',
      receivedFrom: 'E3G2',
      last: 1,
      mediation: 0,
      type: 2,
      media: 1,
      sdtOk: true,
      m: {
        CONS_RCV_RING: [1, 6],
        CONS_RCV_TALK: [1, 54],
        POST_CONS_XFER_TALK: [1, 120],
        AFTER_CALL_WORK: [1, 40],
      },
    });
  });

  it('ex. 3: state facts of G2 (own and folded consult segments) and G5 (5.7)', async () => {
    const db = getDb();
    const a = 'agent:5001';
    assert.deepEqual(await stateRows(db, 'E3G2'), [
      st(20, at(12, 0), at(12, 0, 5), 1, a),
      st(30, at(12, 0, 5), at(12, 1), 1, a),
      st(11, at(12, 1), at(12, 1, 6), 1, a),
      st(40, at(12, 1), at(12, 2), 1, a),
      st(31, at(12, 1, 6), at(12, 2), 1, a),
      st(50, at(12, 2), at(12, 2, 20), 1, a),
    ]);
    const b = 'agent:5002';
    assert.deepEqual(await stateRows(db, 'E3G5'), [
      st(22, at(12, 1), at(12, 1, 6), 1, b),
      st(32, at(12, 1, 6), at(12, 2), 1, b),
      st(33, at(12, 2), at(12, 4), 1, b),
      st(50, at(12, 4), at(12, 4, 40), 1, b),
    ]);
  });

  it('aggregates of examples 1, 2 and 3 (AG2_* rows of section 7)', async () => {
    const db = getDb();
    const pend = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM pending_agg WHERE source = 'TRANSFORM'`,
    );
    assert.ok(Number(pend.rows[0]?.n) >= 1, 'the transform queued its range');
    await aggregateUntilIdle(db, aggConfig('UTC'));
    const key = async (type: number, dbid: number): Promise<number> => {
      const r = await db.query<{ k: number }>(
        `SELECT resource_key AS k FROM resource_ WHERE resource_cfg_type_id = $1 AND resource_cfg_dbid = $2`,
        [type, dbid],
      );
      return Number(r.rows[0]?.k);
    };
    const [a5001, a5002, vq, acdq] = [
      await key(3, 5001),
      await key(3, 5002),
      await key(2, 3101),
      await key(2, 3001),
    ];
    // Ex. 1
    const agent = await readTable(db, 'AG2_AGENT_SUBHR', `DATE_TIME_KEY = ${K10}`);
    assert.deepEqual(
      agent.map((r) => r.RESOURCE_KEY),
      [a5001],
    );
    assert.deepEqual(nonZero(agent[0]), {
      OFFERED: 1,
      ACCEPTED: 1,
      ACCEPTED_TIME: 8,
      INVITE_TIME: 8,
      ENGAGE: 1,
      ENGAGE_TIME: 237,
      HOLD: 1,
      HOLD_TIME: 45,
      WRAP: 1,
      WRAP_TIME: 30,
      HANDLE_TIME: 312,
    });
    const queue = await readTable(db, 'AG2_QUEUE_SUBHR', `DATE_TIME_KEY = ${K10}`);
    assert.deepEqual(
      queue.map((r) => r.RESOURCE_KEY),
      [vq],
    );
    assert.deepEqual(nonZero(queue[0]), {
      ENTERED: 1,
      DISTRIBUTED: 1,
      DISTRIBUTED_TIME: 8,
      ACCEPTED_AGENT: 1,
      ACCEPTED_AGENT_TIME: 16,
      ACCEPTED_TIME_MAX: 16,
      ACCEPTED_AGENT_THR: 1,
      ENGAGE_TIME: 237,
      HOLD_TIME: 45,
      WRAP_TIME: 30,
    });
    const acc = await readTable(db, 'AG2_QUEUE_ACC_AGENT_SUBHR', `DATE_TIME_KEY = ${K10}`);
    assert.deepEqual(
      acc.map((r) => [r.RESOURCE_KEY, r.TIME_RANGE_KEY]),
      [[vq, 204]],
    );
    assert.deepEqual(nonZero(acc[0]), { ACCEPTED_AGENT: 1, ACCEPTED_AGENT_TIME: 16 });
    const id = await readTable(db, 'AG2_ID_SUBHR', `DATE_TIME_KEY = ${K10}`);
    assert.equal(id.length, 1);
    assert.deepEqual(nonZero(id[0]), {
      ENTERED: 1,
      ACCEPTED: 1,
      ACCEPTED_TIME: 18,
      ACCEPTED_THR: 1,
      ENGAGE_TIME: 237,
      HOLD_TIME: 45,
      WRAP_TIME: 30,
      HANDLE_TIME: 312,
    });
    // Ex. 2
    const q2 = await readTable(db, 'AG2_QUEUE_SUBHR', `DATE_TIME_KEY = ${K11}`);
    assert.deepEqual(
      q2.map((r) => r.RESOURCE_KEY),
      [acdq],
    );
    assert.deepEqual(nonZero(q2[0]), { ENTERED: 1, ABANDONED: 1, ABANDONED_TIME: 90 });
    const abn = await readTable(db, 'AG2_QUEUE_ABN_SUBHR', `DATE_TIME_KEY = ${K11}`);
    assert.deepEqual(
      abn.map((r) => [r.RESOURCE_KEY, r.TIME_RANGE_KEY]),
      [[acdq, 111]],
    );
    assert.deepEqual(nonZero(abn[0]), { ABANDONED: 1, ABANDONED_TIME: 90 });
    const id2 = await readTable(db, 'AG2_ID_SUBHR', `DATE_TIME_KEY = ${K11}`);
    assert.equal(id2.length, 1);
    assert.deepEqual(nonZero(id2[0]), { ENTERED: 1, ABANDONED: 1, ABANDONED_TIME: 95 });
    assert.equal((await readTable(db, 'AG2_AGENT_SUBHR', `DATE_TIME_KEY = ${K11}`)).length, 0);
    // Ex. 3
    const a3 = await readTable(db, 'AG2_AGENT_SUBHR', `DATE_TIME_KEY = ${K12}`);
    assert.equal(a3.length, 2);
    assert.deepEqual(nonZero(a3.find((r) => r.RESOURCE_KEY === a5001)), {
      OFFERED: 1,
      ACCEPTED: 1,
      ACCEPTED_TIME: 5,
      INVITE_TIME: 5,
      ENGAGE: 1,
      ENGAGE_TIME: 55,
      HOLD: 1,
      HOLD_TIME: 60,
      WRAP: 1,
      WRAP_TIME: 20,
      HANDLE_TIME: 135,
      TRANSFER_INIT_AGENT: 1,
      CONSULT_INITIATED: 1,
      CONSULT_INITIATED_TIME: 54,
    });
    assert.deepEqual(nonZero(a3.find((r) => r.RESOURCE_KEY === a5002)), {
      ENGAGE: 1,
      ENGAGE_TIME: 120,
      WRAP: 1,
      WRAP_TIME: 40,
      HANDLE_TIME: 160,
      XFER_RECEIVED_ACCEPTED: 1,
      CONSULT_RECEIVED_OFFERED: 1,
      CONSULT_RECEIVED_ACCEPTED: 1,
      CONSULT_RECEIVED_WARM: 1,
      CONSULT_RECEIVED_TIME: 54,
    });
  });
});

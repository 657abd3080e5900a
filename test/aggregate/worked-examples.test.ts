// Worked examples 1, 2, 3 and 4 of data-model section 7: the aggregate rows written there, exactly.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import {
  aggConfig,
  aggregateUntilIdle,
  insertRows,
  irfRow,
  notify,
  readTable,
  se,
  setupInfoMart,
} from './fixtures.ts';
import type { Db } from '../../src/db/types.ts';

const D = 1709596800; // 2024-03-05 00:00 UTC
const t = (hh: number, mm: number, ss = 0): number => D + hh * 3600 + mm * 60 + ss;
const AG5001 = 11;
const AG5002 = 12;
const VQ3101 = 21;
const ACDQ3001 = 22;
const RP4001 = 23;
const config = aggConfig('UTC');

async function dimensions(db: Db): Promise<void> {
  await insertRows(db, 'RESOURCE_', [
    {
      RESOURCE_KEY: AG5001,
      TENANT_KEY: 1,
      RESOURCE_TYPE_CODE: 'AGENT',
      RESOURCE_NAME: 'jdoe',
      RESOURCE_CFG_DBID: 5001,
      RESOURCE_CFG_TYPE_ID: 3,
    },
    {
      RESOURCE_KEY: AG5002,
      TENANT_KEY: 1,
      RESOURCE_TYPE_CODE: 'AGENT',
      RESOURCE_NAME: 'bsmith',
      RESOURCE_CFG_DBID: 5002,
      RESOURCE_CFG_TYPE_ID: 3,
    },
    {
      RESOURCE_KEY: VQ3101,
      TENANT_KEY: 1,
      RESOURCE_TYPE_CODE: 'QUEUE',
      RESOURCE_NAME: '3101',
      RESOURCE_CFG_DBID: 3101,
      RESOURCE_CFG_TYPE_ID: 2,
    },
    {
      RESOURCE_KEY: ACDQ3001,
      TENANT_KEY: 1,
      RESOURCE_TYPE_CODE: 'QUEUE',
      RESOURCE_NAME: '3001',
      RESOURCE_CFG_DBID: 3001,
      RESOURCE_CFG_TYPE_ID: 2,
    },
    {
      RESOURCE_KEY: RP4001,
      TENANT_KEY: 1,
      RESOURCE_TYPE_CODE: 'ROUTINGPOINT',
      RESOURCE_NAME: '4000',
      RESOURCE_CFG_DBID: 4001,
      RESOURCE_CFG_TYPE_ID: 2,
    },
  ]);
}

function ifRow(id: number, guid: string, start: number, end: number): Record<string, string | number | null> {
  return {
    INTERACTION_ID: id,
    TENANT_KEY: 1,
    INTERACTION_TYPE_KEY: 2,
    MEDIA_TYPE_KEY: 1,
    MEDIA_SERVER_IXN_GUID: guid,
    STATUS: 0,
    ...se(start, end),
  };
}

function msfRow(o: {
  id: number;
  ixn: number;
  ixnSdt: number;
  queue: number;
  td: number;
  start: number;
  end: number;
  med: number;
  target: number | null;
  targetSdt: number | null;
  ixnRes?: number | null;
  guid: string;
}): Record<string, string | number | null> {
  return {
    MEDIATION_SEGMENT_ID: o.id,
    TENANT_KEY: 1,
    INTERACTION_ID: o.ixn,
    INTERACTION_SDT_KEY: o.ixnSdt,
    MEDIA_TYPE_KEY: 1,
    INTERACTION_TYPE_KEY: 2,
    RESOURCE_KEY: o.queue,
    TECHNICAL_DESCRIPTOR_KEY: o.td,
    TARGET_IXN_RESOURCE_ID: o.target,
    TARGET_IXN_RESOURCE_SDT_KEY: o.targetSdt,
    IXN_RESOURCE_ID: o.ixnRes ?? null,
    MEDIATION_DURATION: o.med,
    MEDIATION_GUID: o.guid,
    ...se(o.start, o.end),
  };
}

async function facts(db: Db): Promise<void> {
  // Ex. 1
  await insertRows(db, 'INTERACTION_FACT', [
    ifRow(1, 'C1', t(10, 0), t(10, 5)),
    ifRow(2, 'C2', t(11, 0), t(11, 1, 35)),
    ifRow(3, 'C3', t(12, 0), t(12, 4)),
  ]);
  await insertRows(db, 'INTERACTION_RESOURCE_FACT', [
    irfRow({
      id: 11,
      interactionId: 1,
      interactionSdt: t(10, 0),
      resource: AG5001,
      td: 4110,
      start: t(10, 0, 10),
      end: t(10, 5),
      guid: 'G3',
      mediation: 10,
      m: { RING: [1, 8], TALK: [1, 237], HOLD: [1, 45], AFTER_CALL_WORK: [1, 30] },
    }),
    // Ex. 2: the mediation IRF of the ACD queue.
    irfRow({
      id: 21,
      interactionId: 2,
      interactionSdt: t(11, 0),
      resource: ACDQ3001,
      td: 1310,
      start: t(11, 0, 5),
      end: t(11, 1, 35),
      guid: 'G2-3',
      mediation: 95,
    }),
    // Ex. 3
    irfRow({
      id: 31,
      interactionId: 3,
      interactionSdt: t(12, 0),
      resource: AG5001,
      td: 16010,
      start: t(12, 0),
      end: t(12, 2),
      guid: 'G3-2',
      m: {
        RING: [1, 5],
        TALK: [1, 55],
        HOLD: [1, 60],
        CONS_INIT_DIAL: [1, 6],
        CONS_INIT_TALK: [1, 54],
        AFTER_CALL_WORK: [1, 20],
      },
    }),
    irfRow({
      id: 32,
      interactionId: 3,
      interactionSdt: t(12, 0),
      resource: AG5002,
      td: 4133,
      start: t(12, 1),
      end: t(12, 4),
      guid: 'G3-5',
      m: {
        CONS_RCV_RING: [1, 6],
        CONS_RCV_TALK: [1, 54],
        POST_CONS_XFER_TALK: [1, 120],
        AFTER_CALL_WORK: [1, 40],
      },
    }),
  ]);
  await insertRows(db, 'MEDIATION_SEGMENT_FACT', [
    msfRow({
      id: 1,
      ixn: 1,
      ixnSdt: t(10, 0),
      queue: VQ3101,
      td: 9110,
      start: t(10, 0, 2),
      end: t(10, 0, 10),
      med: 8,
      target: 11,
      targetSdt: t(10, 0),
      guid: 'VQ:C1',
    }),
    msfRow({
      id: 2,
      ixn: 2,
      ixnSdt: t(11, 0),
      queue: ACDQ3001,
      td: 1310,
      start: t(11, 0, 5),
      end: t(11, 1, 35),
      med: 90,
      target: null,
      targetSdt: null,
      ixnRes: 21,
      guid: 'G2-3',
    }),
  ]);
  const irsf = (
    id: number,
    state: number,
    count: number,
    s: number,
    e: number,
  ): Record<string, string | number | null> => ({
    IXN_RESOURCE_STATE_FACT_KEY: id,
    TENANT_KEY: 1,
    MEDIA_TYPE_KEY: 1,
    RESOURCE_KEY: AG5001,
    PLACE_KEY: -2,
    INTERACTION_RESOURCE_STATE_KEY: state,
    INTERACTION_TYPE_KEY: 2,
    INTERACTION_RESOURCE_ID: 11,
    INTERACTION_RESOURCE_SDT_KEY: t(10, 0),
    TOTAL_DURATION: e - s,
    STATE_COUNT: count,
    ...se(s, e),
  });
  await insertRows(db, 'IXN_RESOURCE_STATE_FACT', [
    irsf(1, 20, 1, t(10, 0, 10), t(10, 0, 18)),
    irsf(2, 30, 1, t(10, 0, 18), t(10, 2)),
    irsf(3, 40, 1, t(10, 2), t(10, 2, 45)),
    irsf(4, 30, 0, t(10, 2, 45), t(10, 5)),
    irsf(5, 50, 1, t(10, 5), t(10, 5, 30)),
  ]);
  // Ex. 1's agent 5001 session is still open: active facts never reach the aggregates.
  await insertRows(db, 'SM_RES_SESSION_FACT', [
    {
      SM_RES_SESSION_FACT_KEY: 1,
      TENANT_KEY: 1,
      MEDIA_TYPE_KEY: 1,
      RESOURCE_KEY: AG5001,
      ACTIVE_FLAG: 1,
      ...se(t(9, 0), null),
    },
    // Ex. 4
    {
      SM_RES_SESSION_FACT_KEY: 2,
      TENANT_KEY: 1,
      MEDIA_TYPE_KEY: 1,
      RESOURCE_KEY: AG5002,
      TOTAL_DURATION: 2400,
      LEAD_CLIP_DURATION: 900,
      TRAIL_CLIP_DURATION: 600,
      ACTIVE_FLAG: 0,
      ...se(t(9, 0), t(9, 40)),
    },
  ]);
  const states: [number, number, number][] = [
    [3, t(9, 0), t(9, 10)],
    [2, t(9, 10), t(9, 20)],
    [3, t(9, 20), t(9, 25)],
    [5, t(9, 25), t(9, 28)],
    [4, t(9, 28), t(9, 29)],
    [3, t(9, 29), t(9, 40)],
  ];
  await insertRows(
    db,
    'SM_RES_STATE_FACT',
    states.map(([st, s, e], i) => ({
      SM_RES_STATE_FACT_KEY: i + 1,
      TENANT_KEY: 1,
      MEDIA_TYPE_KEY: 1,
      RESOURCE_KEY: AG5002,
      RESOURCE_STATE_KEY: st,
      SM_RES_SESSION_FACT_KEY: 2,
      TOTAL_DURATION: e - s,
      ACTIVE_FLAG: 0,
      ...se(s, e),
    })),
  );
  await insertRows(db, 'SM_RES_STATE_REASON_FACT', [
    {
      SM_RES_STATE_REASON_FACT_KEY: 1,
      TENANT_KEY: 1,
      MEDIA_TYPE_KEY: 1,
      RESOURCE_KEY: AG5002,
      RESOURCE_STATE_KEY: 2,
      RESOURCE_STATE_REASON_KEY: 7,
      TOTAL_DURATION: 600,
      ACTIVE_FLAG: 0,
      ...se(t(9, 10), t(9, 20)),
    },
  ]);
}

/** The non-zero measures of a row (besides its grain). */
function nonZero(row: Record<string, number> | undefined, grain: readonly string[]): Record<string, number> {
  assert.ok(row, 'row missing');
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => !grain.includes(k) && v !== 0));
}

const G = [
  'DATE_TIME_KEY',
  'TENANT_KEY',
  'MEDIA_TYPE_KEY',
  'RESOURCE_KEY',
  'INTERACTION_TYPE_KEY',
  'INTERACTION_DESCRIPTOR_KEY',
  'GROUP_KEY',
  'QUEUE_RESOURCE_KEY',
  'TIME_RANGE_KEY',
  'RESOURCE_STATE_KEY',
  'RESOURCE_STATE_REASON_KEY',
];

describeEachDb('aggregation: worked examples (data-model 7)', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db, 'UTC', 2024);
    await dimensions(db);
    await facts(db);
    await notify(db, D, D + 86400);
    await aggregateUntilIdle(db, config);
  });

  it('ex. 1: AG2_AGENT, AG2_QUEUE, AG2_QUEUE_ACC_AGENT and AG2_ID SUBHR rows', async () => {
    const db = getDb();
    const agent = await readTable(db, 'AG2_AGENT_SUBHR', `DATE_TIME_KEY = ${t(10, 0)}`);
    assert.equal(agent.length, 1);
    assert.equal(agent[0]?.RESOURCE_KEY, AG5001);
    assert.deepEqual(nonZero(agent[0], G), {
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
    const queue = await readTable(db, 'AG2_QUEUE_SUBHR', `DATE_TIME_KEY = ${t(10, 0)}`);
    assert.equal(queue.length, 1);
    assert.equal(queue[0]?.RESOURCE_KEY, VQ3101);
    assert.deepEqual(nonZero(queue[0], G), {
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
    const acc = await readTable(db, 'AG2_QUEUE_ACC_AGENT_SUBHR');
    assert.equal(acc.length, 1);
    assert.equal(acc[0]?.TIME_RANGE_KEY, 204);
    assert.deepEqual(nonZero(acc[0], G), { ACCEPTED_AGENT: 1, ACCEPTED_AGENT_TIME: 16 });
    const id = await readTable(db, 'AG2_ID_SUBHR', `DATE_TIME_KEY = ${t(10, 0)}`);
    assert.equal(id.length, 1);
    assert.deepEqual(nonZero(id[0], G), {
      ENTERED: 1,
      ACCEPTED: 1,
      ACCEPTED_TIME: 18,
      ACCEPTED_THR: 1,
      ENGAGE_TIME: 237,
      HOLD_TIME: 45,
      WRAP_TIME: 30,
      HANDLE_TIME: 312,
    });
    // Interval crediting of the IXN_RESOURCE_STATE_FACT rows (all inside 10:00-10:15).
    const ia = await readTable(db, 'AG2_I_AGENT_SUBHR');
    assert.equal(ia.length, 1);
    assert.deepEqual(nonZero(ia[0], G), {
      INVITE: 1,
      INVITE_TIME: 8,
      ENGAGE: 1,
      ENGAGE_TIME: 237,
      HOLD: 1,
      HOLD_TIME: 45,
      WRAP: 1,
      WRAP_TIME: 30,
      BUSY_TIME: 282,
    });
  });

  it('ex. 2: abandoned in queue', async () => {
    const db = getDb();
    const queue = await readTable(db, 'AG2_QUEUE_SUBHR', `DATE_TIME_KEY = ${t(11, 0)}`);
    assert.equal(queue.length, 1);
    assert.equal(queue[0]?.RESOURCE_KEY, ACDQ3001);
    assert.deepEqual(nonZero(queue[0], G), { ENTERED: 1, ABANDONED: 1, ABANDONED_TIME: 90 });
    const abn = await readTable(db, 'AG2_QUEUE_ABN_SUBHR');
    assert.equal(abn.length, 1);
    assert.equal(abn[0]?.TIME_RANGE_KEY, 111);
    assert.deepEqual(nonZero(abn[0], G), { ABANDONED: 1, ABANDONED_TIME: 90 });
    const id = await readTable(db, 'AG2_ID_SUBHR', `DATE_TIME_KEY = ${t(11, 0)}`);
    assert.equal(id.length, 1);
    assert.deepEqual(nonZero(id[0], G), { ENTERED: 1, ABANDONED: 1, ABANDONED_TIME: 95 });
    // The ACD queue is no agent: no agent row in that hour.
    assert.equal((await readTable(db, 'AG2_AGENT_SUBHR', `DATE_TIME_KEY = ${t(11, 0)}`)).length, 0);
  });

  it('ex. 3: consult then transfer, per agent', async () => {
    const db = getDb();
    const rows = await readTable(db, 'AG2_AGENT_SUBHR', `DATE_TIME_KEY = ${t(12, 0)}`);
    assert.equal(rows.length, 2);
    assert.deepEqual(
      nonZero(
        rows.find((r) => r.RESOURCE_KEY === AG5001),
        G,
      ),
      {
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
      },
    );
    assert.deepEqual(
      nonZero(
        rows.find((r) => r.RESOURCE_KEY === AG5002),
        G,
      ),
      {
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
      },
    );
  });

  it('ex. 4: agent session states and reasons, SUBHR and HOUR; the open session is left out', async () => {
    const db = getDb();
    const sess = await readTable(db, 'AG2_I_SESS_STATE_SUBHR');
    assert.deepEqual(
      sess.map((r) => [r.DATE_TIME_KEY, r.RESOURCE_KEY]),
      [
        [t(9, 0), AG5002],
        [t(9, 15), AG5002],
        [t(9, 30), AG5002],
      ],
    );
    assert.deepEqual(nonZero(sess[0], G), {
      ACTIVE: 1,
      ACTIVE_TIME: 900,
      READY: 1,
      READY_TIME: 600,
      NOT_READY: 1,
      NOT_READY_TIME: 300,
    });
    assert.deepEqual(nonZero(sess[1], G), {
      ACTIVE_TIME: 900,
      NOT_READY_TIME: 300,
      READY: 2,
      READY_TIME: 360,
      BUSY: 1,
      BUSY_TIME: 180,
      WRAP: 1,
      WRAP_TIME: 60,
    });
    assert.deepEqual(nonZero(sess[2], G), { ACTIVE_TIME: 600, READY_TIME: 600 });
    const hour = await readTable(db, 'AG2_I_SESS_STATE_HOUR');
    assert.equal(hour.length, 1);
    assert.equal(hour[0]?.DATE_TIME_KEY, t(9, 0));
    assert.deepEqual(nonZero(hour[0], G), {
      ACTIVE: 1,
      ACTIVE_TIME: 2400,
      READY: 3,
      READY_TIME: 1560,
      NOT_READY: 1,
      NOT_READY_TIME: 600,
      BUSY: 1,
      BUSY_TIME: 180,
      WRAP: 1,
      WRAP_TIME: 60,
    });
    const rsn = await readTable(db, 'AG2_I_STATE_RSN_SUBHR');
    assert.deepEqual(
      rsn.map((r) => [
        r.DATE_TIME_KEY,
        r.RESOURCE_STATE_KEY,
        r.RESOURCE_STATE_REASON_KEY,
        r.STATE_RSN,
        r.STATE_RSN_TIME,
      ]),
      [
        [t(9, 0), 2, 7, 1, 300],
        [t(9, 15), 2, 7, 0, 300],
      ],
    );
  });

  it('rolls every example up to DAY, MONTH, QRTR and YEAR of the calendar', async () => {
    const db = getDb();
    for (const level of ['DAY', 'MONTH', 'QRTR', 'YEAR']) {
      const agent = await readTable(db, `AG2_AGENT_${level}`);
      const expectedKey = {
        DAY: D,
        MONTH: Date.UTC(2024, 2, 1) / 1000,
        QRTR: Date.UTC(2024, 0, 1) / 1000,
        YEAR: Date.UTC(2024, 0, 1) / 1000,
      }[level];
      assert.deepEqual(
        agent.map((r) => [r.DATE_TIME_KEY, r.RESOURCE_KEY, r.OFFERED, r.ENGAGE_TIME]),
        [
          [expectedKey, AG5001, 2, 292],
          [expectedKey, AG5002, 0, 120],
        ],
        level,
      );
      const q = await readTable(db, `AG2_QUEUE_${level}`);
      assert.deepEqual(
        q.map((r) => [r.RESOURCE_KEY, r.ENTERED, r.ACCEPTED_TIME_MAX]).sort(),
        [
          [VQ3101, 1, 16],
          [ACDQ3001, 1, 0],
        ].sort(),
        level,
      );
    }
    const pending = await db.query(`SELECT * FROM PENDING_AGG WHERE STATUS <> 2`);
    assert.equal(pending.rows.length, 0);
  });
});

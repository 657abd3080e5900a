// Acceptance: the voice rows of the scenario table (data-model 5.8) — each scenario's IDB rows,
// its TECHNICAL_DESCRIPTOR_KEYs, which parties have IRFs / MSFs, and the measures 5.3 / 5.5 imply.
// Multimedia and outbound rows: scenario-table-mm.test.ts.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../helpers/databases.ts';
import { setupInfoMart } from '../fixtures.ts';
import { acdq, ag, at, ext, rp, type Scenario, writeConfig, writeScenario } from './builder.ts';
import { transform } from './run.ts';
import { consultShape, example3 } from './examples.ts';
import { ifRows, irf, irfRows, msfRows, pick, tdOf } from './queries.ts';

const M = ['td', 'm', 'mediation', 'receivedFrom', 'last'] as const;
const Q = ['guid', 'resource', 'td', 'mediation', 'target'] as const;

describeEachDb('interaction transform acceptance: scenario table 5.8 (voice)', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
  });

  async function run(s: Scenario): Promise<void> {
    await writeScenario(getDb(), s);
    await transform(getDb());
  }
  const call = (created: string, terminated: string, type = 2) => ({ id: 'C1', type, created, terminated });

  it('inbound answered: RP -> ACD queue -> agent [4110]; queue MSF Diverted/AnsweredByAgent [9110]', async () => {
    const db = getDb();
    await run({
      p: 'S1',
      calls: [call('10:00:00', '10:03:00')],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:03:00 2/0'),
        rp('P2', 'C1', '1: 10:00:00 1/2048; 2: 10:00:05 2/0'),
        acdq('P3', 'C1', '1: 10:00:05 1/9; 2: 10:00:20 2/0', { parent: 'P2', link: 1 }),
        ag('P4', 'jdoe', 'C1', '1: 10:00:20 1/10; 2: 10:00:25 3/12; 3: 10:03:00 2/0', {
          parent: 'P3',
          link: 1,
        }),
      ],
    });
    assert.deepEqual(
      (await ifRows(db, 'S1')).map((x) => [x.guid, x.type, x.status]),
      [['S1C1', 2, 0]],
    );
    assert.deepEqual(await tdOf(db, 'S1'), { S1P4: 4110 });
    const a = await irf(db, 'S1P4');
    assert.deepEqual(pick(a, [...M, 'lastQueue', 'lastRp', 'lastVq', 'start', 'end']), {
      td: 4110,
      m: { RING: [1, 5], TALK: [1, 155] },
      mediation: 20,
      receivedFrom: null,
      last: 1,
      lastQueue: 'dn:3001',
      lastRp: 'dn:4001',
      lastVq: 'none',
      start: at(10, 0, 20),
      end: at(10, 3),
    });
    assert.deepEqual(
      (await msfRows(db, 'S1')).map((x) => pick(x, Q)),
      [{ guid: 'S1P3', resource: 'dn:3001', td: 9110, mediation: 15, target: 'S1P4' }],
    );
  });

  it('abandoned in queue, customer released first: MSF and mediation IRF [1310]', async () => {
    const db = getDb();
    await run({
      p: 'S2',
      calls: [call('10:00:00', '10:01:01')],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:01:00 2/0'),
        rp('P2', 'C1', '1: 10:00:00 1/2048; 2: 10:00:05 2/0'),
        acdq('P3', 'C1', '1: 10:00:05 1/9; 2: 10:01:01 2/0', { parent: 'P2', link: 1 }),
      ],
    });
    assert.deepEqual(await tdOf(db, 'S2'), { S2P3: 1310 });
    assert.deepEqual(pick(await irf(db, 'S2P3'), ['m', 'mediation', 'lastQueue', 'lastRp', 'resource']), {
      m: {},
      mediation: 61,
      lastQueue: 'dn:3001',
      lastRp: 'dn:4001',
      resource: 'dn:3001',
    });
    const msf = await msfRows(db, 'S2');
    assert.deepEqual(
      msf.map((x) => pick(x, [...Q, 'ixnResource'])),
      [{ guid: 'S2P3', resource: 'dn:3001', td: 1310, mediation: 56, target: null, ixnResource: 'S2P3' }],
    );
  });

  it('abandoned while ringing: agent [1210]; MSF Diverted/AbandonedWhileRinging [9210]', async () => {
    const db = getDb();
    await run({
      p: 'S3',
      calls: [call('10:00:00', '10:00:30')],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:00:30 2/0'),
        acdq('P2', 'C1', '1: 10:00:00 1/9; 2: 10:00:10 2/0'),
        ag('P3', 'jdoe', 'C1', '1: 10:00:10 1/10; 2: 10:00:30 2/0', { parent: 'P2', link: 1 }),
      ],
    });
    assert.deepEqual(await tdOf(db, 'S3'), { S3P3: 1210 });
    assert.deepEqual(pick(await irf(db, 'S3P3'), M), {
      td: 1210,
      m: { RING: [1, 20] },
      mediation: 10,
      receivedFrom: null,
      last: 1,
    });
    assert.deepEqual(
      (await msfRows(db, 'S3')).map((x) => pick(x, Q)),
      [{ guid: 'S3P2', resource: 'dn:3001', td: 9210, mediation: 10, target: 'S3P3' }],
    );
  });

  it('redirect on no answer via the RP: agent1 [14410], agent2 [4110], VQ MSFs [9410] and [9110]', async () => {
    const db = getDb();
    await run({
      p: 'S4',
      calls: [call('10:00:00', '10:02:00')],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:02:00 2/0'),
        rp('P2', 'C1', '1: 10:00:00 1/2048; 2: 10:00:18 2/0'),
        ag('P3', 'jdoe', 'C1', '1: 10:00:05 1/10; 2: 10:00:17 2/0', { parent: 'P2', link: 1 }),
        ag('P4', 'bsmith', 'C1', '1: 10:00:18 1/10; 2: 10:00:22 3/12; 3: 10:02:00 2/0', {
          parent: 'P2',
          link: 1,
        }),
      ],
      vqs: [
        { call: 'C1', party: 'P2', added: '10:00:01', terminated: '10:00:05', result: 1 },
        { call: 'C1', party: 'P2', added: '10:00:17', terminated: '10:00:18', result: 1 },
      ],
    });
    assert.deepEqual(await tdOf(db, 'S4'), { S4P3: 14410, S4P4: 4110 });
    assert.deepEqual(pick(await irf(db, 'S4P3'), [...M, 'lastRp', 'lastVq']), {
      td: 14410,
      m: { RING: [1, 12] },
      mediation: 5,
      receivedFrom: null,
      last: 0,
      lastRp: 'dn:4001',
      lastVq: 'dn:3101',
    });
    assert.deepEqual(pick(await irf(db, 'S4P4'), M), {
      td: 4110,
      m: { RING: [1, 4], TALK: [1, 98] },
      mediation: 18,
      receivedFrom: null,
      last: 1,
    });
    assert.deepEqual(
      (await msfRows(db, 'S4')).map((x) => pick(x, Q)),
      [
        { guid: `VQ:S4C1:3101:${at(10, 0, 1)}`, resource: 'dn:3101', td: 9410, mediation: 4, target: 'S4P3' },
        {
          guid: `VQ:S4C1:3101:${at(10, 0, 17)}`,
          resource: 'dn:3101',
          td: 9110,
          mediation: 1,
          target: 'S4P4',
        },
      ],
    );
  });

  it('redirect on no answer via link 5: agent1 [14410], agent2 takes agent1 role [4110]', async () => {
    const db = getDb();
    await run({
      p: 'S5',
      calls: [call('10:00:00', '10:01:00')],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:01:00 2/0'),
        acdq('P2', 'C1', '1: 10:00:00 1/9; 2: 10:00:05 2/0'),
        ag('P3', 'jdoe', 'C1', '1: 10:00:05 1/10; 2: 10:00:17 2/0', { parent: 'P2', link: 1 }),
        ag('P4', 'bsmith', 'C1', '1: 10:00:17 1/10; 2: 10:00:20 3/12; 3: 10:01:00 2/0', {
          parent: 'P3',
          link: 5,
        }),
      ],
    });
    assert.deepEqual(await tdOf(db, 'S5'), { S5P3: 14410, S5P4: 4110 });
    assert.deepEqual(pick(await irf(db, 'S5P3'), [...M, 'lastQueue']), {
      td: 14410,
      m: { RING: [1, 12] },
      mediation: 5,
      receivedFrom: null,
      last: 0,
      lastQueue: 'dn:3001',
    });
    // Parent P3 is no mediation party: empty mediation chain, MEDIATION_DURATION 0.
    assert.deepEqual(pick(await irf(db, 'S5P4'), [...M, 'lastQueue']), {
      td: 4110,
      m: { RING: [1, 3], TALK: [1, 40] },
      mediation: 0,
      receivedFrom: 'S5P3',
      last: 1,
      lastQueue: 'none',
    });
    assert.deepEqual(
      (await msfRows(db, 'S5')).map((x) => pick(x, Q)),
      [{ guid: 'S5P2', resource: 'dn:3001', td: 9410, mediation: 5, target: 'S5P3' }],
    );
  });

  it('blind transfer: agent1 Transferred [16010], agent2 ReceivedTransfer [4120]', async () => {
    const db = getDb();
    await run({
      p: 'S6',
      calls: [call('10:00:00', '10:03:00')],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:03:00 2/0'),
        ag('P2', 'jdoe', 'C1', '1: 10:00:00 1/10; 2: 10:00:04 3/12; 3: 10:01:00 2/0'),
        ag('P3', 'bsmith', 'C1', '1: 10:01:00 1/10; 2: 10:01:05 3/12; 3: 10:03:00 2/0', {
          parent: 'P2',
          link: 2,
        }),
      ],
    });
    assert.deepEqual(await tdOf(db, 'S6'), { S6P2: 16010, S6P3: 4120 });
    assert.deepEqual(pick(await irf(db, 'S6P2'), M), {
      td: 16010,
      m: { RING: [1, 4], TALK: [1, 56] },
      mediation: 0,
      receivedFrom: null,
      last: 0,
    });
    assert.deepEqual(pick(await irf(db, 'S6P3'), M), {
      td: 4120,
      m: { RING: [1, 5], TALK: [1, 115] },
      mediation: 0,
      receivedFrom: 'S6P2',
      last: 1,
    });
    assert.deepEqual(await msfRows(db, 'S6'), []);
  });

  it('consult + transfer: initiator [16010] with CONS_INIT_*, receiver [4133] with CONS_RCV_* then POST_CONS_XFER_*', async () => {
    const db = getDb();
    await run(example3('S7', 10));
    assert.equal((await ifRows(db, 'S7')).length, 1);
    assert.deepEqual(await tdOf(db, 'S7'), { S7G2: 16010, S7G5: 4133 });
    assert.deepEqual((await irf(db, 'S7G2')).m, {
      RING: [1, 5],
      TALK: [1, 55],
      HOLD: [1, 60],
      CONS_INIT_DIAL: [1, 6],
      CONS_INIT_TALK: [1, 54],
    });
    assert.deepEqual((await irf(db, 'S7G5')).m, {
      CONS_RCV_RING: [1, 6],
      CONS_RCV_TALK: [1, 54],
      POST_CONS_XFER_TALK: [1, 120],
    });
  });

  it('consult + conference: initiator Conferenced/ConferenceInitiator [5011], receiver [4132] with CONF_JOIN_*', async () => {
    const db = getDb();
    await run(consultShape('S8', 2));
    assert.deepEqual(await tdOf(db, 'S8'), { S8G2: 5011, S8G5: 4132 });
    assert.deepEqual(pick(await irf(db, 'S8G2'), M), {
      td: 5011,
      m: { RING: [1, 5], TALK: [1, 235], HOLD: [1, 60], CONS_INIT_DIAL: [1, 6], CONS_INIT_TALK: [1, 54] },
      mediation: 0,
      receivedFrom: null,
      last: 1,
    });
    assert.deepEqual(pick(await irf(db, 'S8G5'), M), {
      td: 4132,
      m: { CONS_RCV_RING: [1, 6], CONS_RCV_TALK: [1, 54], CONF_JOIN_TALK: [1, 120] },
      mediation: 0,
      receivedFrom: 'S8G2',
      last: 0,
    });
  });

  it('simple consult (never merged): receiver [4130], initiator keeps [4110] and CONS_INIT_*', async () => {
    const db = getDb();
    await run(consultShape('S9', null));
    assert.equal((await ifRows(db, 'S9')).length, 1);
    assert.deepEqual(await tdOf(db, 'S9'), { S9G2: 4110, S9G5: 4130 });
    assert.deepEqual((await irf(db, 'S9G2')).m, {
      RING: [1, 5],
      TALK: [1, 235],
      HOLD: [1, 60],
      CONS_INIT_DIAL: [1, 6],
      CONS_INIT_TALK: [1, 54],
    });
    assert.deepEqual(pick(await irf(db, 'S9G5'), ['m', 'receivedFrom', 'start', 'end']), {
      m: { CONS_RCV_RING: [1, 6], CONS_RCV_TALK: [1, 54] },
      receivedFrom: 'S9G2',
      start: at(10, 1),
      end: at(10, 2),
    });
  });

  function internal(p: string, caller: string, callee: string, end: string): Scenario {
    return {
      p,
      calls: [{ id: 'C1', type: 1, created: '10:00:00', terminated: end }],
      parties: [
        ag('P1', 'jdoe', 'C1', caller, { guid: 'G1', prole: 1 }),
        ag('P2', 'bsmith', 'C1', callee, { guid: 'G2' }),
      ],
    };
  }

  it('internal call answered: IF type 6, caller Initiated [4040] with DIAL_*, callee [4110]', async () => {
    const db = getDb();
    await run(
      internal(
        'SA',
        '1: 10:00:00 1/65536; 2: 10:00:07 3/12; 3: 10:01:00 2/0',
        '1: 10:00:00 1/10; 2: 10:00:07 3/12; 3: 10:01:00 2/0',
        '10:01:00',
      ),
    );
    assert.deepEqual(
      (await ifRows(db, 'SA')).map((x) => [x.guid, x.type]),
      [['SAC1', 6]],
    );
    const rows = await irfRows(db, 'SA');
    assert.deepEqual(
      rows.map((x) => pick(x, ['guid', 'td', 'm', 'last', 'type'])),
      [
        { guid: 'SAG1', td: 4040, m: { DIAL: [1, 7], TALK: [1, 53] }, last: 0, type: 6 },
        // Equal END_TS and START_TS: the greatest PARTYGUID is the last resource (5.5).
        { guid: 'SAG2', td: 4110, m: { RING: [1, 7], TALK: [1, 53] }, last: 1, type: 6 },
      ],
    );
  });

  it('internal call unanswered: caller [1040], callee abandoned while ringing [1210]', async () => {
    const db = getDb();
    await run(
      internal('SB', '1: 10:00:00 1/65536; 2: 10:00:20 2/0', '1: 10:00:00 1/10; 2: 10:00:20 2/0', '10:00:20'),
    );
    const rows = await irfRows(db, 'SB');
    assert.deepEqual(
      rows.map((x) => pick(x, ['guid', 'td', 'm'])),
      [
        { guid: 'SBG1', td: 1040, m: { DIAL: [1, 20] } },
        { guid: 'SBG2', td: 1210, m: { RING: [1, 20] } },
      ],
    );
  });

  it('internal call to a busy DN: caller DestinationBusy [8040], callee Incomplete [10010]', async () => {
    const db = getDb();
    await run(
      internal('SC', '1: 10:00:00 1/65536; 2: 10:00:03 2/0', '1: 10:00:00 1/11; 2: 10:00:03 2/0', '10:00:03'),
    );
    const rows = await irfRows(db, 'SC');
    assert.deepEqual(
      rows.map((x) => pick(x, ['guid', 'td', 'm'])),
      [
        { guid: 'SCG1', td: 8040, m: { DIAL: [1, 3] } },
        { guid: 'SCG2', td: 10010, m: {} },
      ],
    );
  });
});

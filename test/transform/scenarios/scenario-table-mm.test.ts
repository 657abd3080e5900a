// Acceptance: the chat, email and outbound rows of the scenario table (data-model 5.8): IDB rows,
// TECHNICAL_DESCRIPTOR_KEYs, which parties have IRFs / MSFs, and the implied measures.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../helpers/databases.ts';
import { setupInfoMart } from '../fixtures.ts';
import { AGENT, ag, at, ext, iq, wb, writeConfig, writeScenario } from './builder.ts';
import { transform, writeSession } from './run.ts';
import { cafRows, writeAttempt, writeCampaignConfig } from './outbound.ts';
import { ifRows, irf, irfRows, msfRows, pick, stateRows, tdOf } from './queries.ts';

const M = ['td', 'm', 'mediation', 'receivedFrom', 'last', 'lastQueue', 'media'] as const;
const Q = ['guid', 'resource', 'td', 'mediation', 'target'] as const;

describeEachDb('interaction transform acceptance: scenario table 5.8 (chat, email, outbound)', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
    await writeCampaignConfig(getDb());
  });

  it('chat answered: like inbound voice, agent [4110], interaction-queue MSF [9110]', async () => {
    const db = getDb();
    await writeScenario(db, {
      p: 'M1',
      fam: 'mm',
      calls: [{ id: 'C1', type: 2, media: 3, created: '10:00:00', terminated: '10:05:00' }],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:05:00 2/0'),
        iq('P2', 'C1', '1: 10:00:00 1/9; 2: 10:00:10 2/0'),
        ag('P3', 'jdoe', 'C1', '1: 10:00:10 1/10; 2: 10:00:15 3/12; 3: 10:05:00 2/0', {
          parent: 'P2',
          link: 1,
        }),
      ],
    });
    await transform(db);
    assert.deepEqual(
      (await ifRows(db, 'M1')).map((x) =>
        pick(x, ['guid', 'type', 'media', 'status', 'ixnId', 'rootGuid', 'end']),
      ),
      [{ guid: 'M1C1', type: 2, media: 3, status: 0, ixnId: null, rootGuid: 'M1C1', end: at(10, 5) }],
    );
    assert.deepEqual(await tdOf(db, 'M1'), { M1P3: 4110 });
    assert.deepEqual(pick(await irf(db, 'M1P3'), [...M, 'resource']), {
      td: 4110,
      m: { RING: [1, 5], TALK: [1, 285] },
      mediation: 10,
      receivedFrom: null,
      last: 1,
      lastQueue: 'dn:3201',
      media: 3,
      resource: 'agent:5001',
    });
    assert.deepEqual(
      (await msfRows(db, 'M1')).map((x) => pick(x, Q)),
      [{ guid: 'M1P2', resource: 'dn:3201', td: 9110, mediation: 10, target: 'M1P3' }],
    );
  });

  it('chat ACW: the multimedia session state rows of the same MediaType credit the chat IRF', async () => {
    const db = getDb();
    await writeSession(
      db,
      {
        ls: 'LSM4',
        agent: AGENT.bsmith,
        dn: 0,
        media: 3,
        from: '10:50:00',
        states: [
          ['10:50:00', 3],
          ['11:00:10', 5],
          ['11:02:00', 4],
          ['11:02:45', 3],
        ],
      },
      'mm',
    );
    await writeScenario(db, {
      p: 'M4',
      fam: 'mm',
      calls: [{ id: 'C1', type: 2, media: 3, created: '11:00:00', terminated: '11:02:00' }],
      parties: [
        ext('P1', 'C1', '1: 11:00:00 1/12; 2: 11:02:00 2/0'),
        iq('P2', 'C1', '1: 11:00:00 1/9; 2: 11:00:10 2/0'),
        ag('P3', 'bsmith', 'C1', '1: 11:00:10 1/10; 2: 11:00:20 3/12; 3: 11:02:00 2/0', {
          parent: 'P2',
          link: 1,
        }),
      ],
    });
    await transform(db);
    assert.deepEqual(pick(await irf(db, 'M4P3'), ['td', 'm', 'place']), {
      td: 4110,
      m: { RING: [1, 10], TALK: [1, 100], AFTER_CALL_WORK: [1, 45] },
      place: 'none',
    });
    assert.deepEqual(
      (await stateRows(db, 'M4P3')).map((x) => [x.state, x.start, x.dur, x.count]),
      [
        [20, at(11, 0, 10), 10, 1],
        [30, at(11, 0, 20), 100, 1],
        [50, at(11, 2), 45, 1],
      ],
    );
  });

  it('chat abandoned in queue: the customer leaves while queued [1310]', async () => {
    const db = getDb();
    await writeScenario(db, {
      p: 'M2',
      fam: 'mm',
      calls: [{ id: 'C1', type: 2, media: 3, created: '10:00:00', terminated: '10:01:00' }],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:01:00 2/0'),
        iq('P2', 'C1', '1: 10:00:00 1/9; 2: 10:01:00 2/0'),
      ],
    });
    await transform(db);
    assert.deepEqual(await tdOf(db, 'M2'), { M2P2: 1310 });
    assert.deepEqual(pick(await irf(db, 'M2P2'), ['mediation', 'lastQueue', 'm']), {
      mediation: 60,
      lastQueue: 'dn:3201',
      m: {},
    });
    assert.deepEqual(
      (await msfRows(db, 'M2')).map((x) => pick(x, [...Q, 'ixnResource'])),
      [{ guid: 'M2P2', resource: 'dn:3201', td: 1310, mediation: 60, target: null, ixnResource: 'M2P2' }],
    );
  });

  it('email: agent1 Deferred to a workbin [7010], workbin MSF Pulled [13010], puller [4150]', async () => {
    const db = getDb();
    await writeScenario(db, {
      p: 'M3',
      fam: 'mm',
      calls: [{ id: 'C1', type: 2, media: 2, created: '10:00:00', terminated: '10:30:00' }],
      parties: [
        iq('P1', 'C1', '1: 10:00:00 1/9; 2: 10:00:30 2/0'),
        ag('P2', 'jdoe', 'C1', '1: 10:00:30 1/10; 2: 10:00:40 3/12; 3: 10:03:00 2/0', {
          parent: 'P1',
          link: 1,
        }),
        wb('P3', 'C1', '1: 10:03:00 1/9; 2: 10:20:00 2/0', { parent: 'P2', link: 7 }),
        ag('P4', 'bsmith', 'C1', '1: 10:20:00 1/10; 2: 10:20:05 3/12; 3: 10:30:00 2/0', {
          parent: 'P3',
          link: 8,
        }),
      ],
    });
    await transform(db);
    assert.deepEqual(
      (await ifRows(db, 'M3')).map((x) => pick(x, ['guid', 'type', 'media', 'status'])),
      [{ guid: 'M3C1', type: 2, media: 2, status: 0 }],
    );
    assert.deepEqual(await tdOf(db, 'M3'), { M3P2: 7010, M3P4: 4150 });
    assert.deepEqual(pick(await irf(db, 'M3P2'), M), {
      td: 7010,
      m: { RING: [1, 10], TALK: [1, 140] },
      mediation: 30,
      receivedFrom: null,
      last: 0,
      lastQueue: 'dn:3201',
      media: 2,
    });
    assert.deepEqual(pick(await irf(db, 'M3P4'), M), {
      td: 4150,
      m: { RING: [1, 5], TALK: [1, 595] },
      mediation: 1020,
      receivedFrom: 'M3P2',
      last: 1,
      lastQueue: 'dn:3301',
      media: 2,
    });
    assert.deepEqual(
      (await msfRows(db, 'M3')).map((x) => pick(x, Q)),
      [
        { guid: 'M3P1', resource: 'dn:3201', td: 9110, mediation: 30, target: 'M3P2' },
        { guid: 'M3P3', resource: 'dn:3301', td: 13010, mediation: 1020, target: 'M3P4' },
      ],
    );
  });

  it('outbound campaign call: IF type 4, agent Initiated [4040], CAF linked through GOX_CHAIN_CALL', async () => {
    const db = getDb();
    await writeScenario(db, {
      p: 'O1',
      calls: [{ id: 'C1', type: 3, created: '10:00:00', terminated: '10:02:00' }],
      parties: [
        ag('P1', 'jdoe', 'C1', '1: 10:00:00 1/65536; 2: 10:00:15 3/12; 3: 10:02:00 2/0', { prole: 1 }),
        ext('P2', 'C1', '1: 10:00:00 1/10; 2: 10:00:15 3/12; 3: 10:02:00 2/0', { prole: 2 }),
      ],
    });
    await writeAttempt(db, 'O1');
    await transform(db);
    assert.deepEqual(
      (await ifRows(db, 'O1')).map((x) => pick(x, ['guid', 'type', 'status'])),
      [{ guid: 'O1C1', type: 4, status: 0 }],
    );
    assert.deepEqual(
      (await irfRows(db, 'O1')).map((x) => pick(x, ['guid', 'td', 'm', 'resource'])),
      [{ guid: 'O1P1', td: 4040, m: { DIAL: [1, 15], TALK: [1, 105] }, resource: 'agent:5001' }],
    );
    assert.deepEqual(await cafRows(db, 'O1'), [
      {
        attempt: 'O1A',
        start: at(9, 59, 55),
        end: at(10, 2, 5),
        result: 33,
        disposition: 256 * 2 + 1,
        dialMode: 2,
        session: 'O1S',
        recordId: 11,
        campaign: 801,
        ixnGuid: 'O1C1',
        resource: 5001,
      },
    ]);
  });
});

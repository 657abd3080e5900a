// Acceptance: multi-site merge via G_IS_LINK (data-model 5.10, 5.1) and HA duplicates (3.3): two
// halves from two data sources give one interaction rooted at the outgoing side with the stubs
// dropped; an unmonitored remote location is not waited for; rows delivered twice give no
// duplicate facts.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../helpers/databases.ts';
import { setupInfoMart, writeGidb } from '../fixtures.ts';
import { ag, at, ext, rp, type Scenario, writeConfig, writeScenario } from './builder.ts';
import { transform } from './run.ts';
import { ifRows, irf, irfRows, pick, tdOf, unsafeCount } from './queries.ts';

/** Site 1 (data source 1): agent 5001 answers, then transfers the caller to site 2 (stub P3). */
function site1(p: string, remote = 'SITE2'): Scenario {
  return {
    p,
    dataSourceKey: 1,
    calls: [
      { id: 'C1', type: 2, created: '10:00:00', terminated: '10:03:00', ani: '5551234', dnis: '8005550000' },
    ],
    parties: [
      ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:03:00 2/0'),
      ag('P2', 'jdoe', 'C1', '1: 10:00:00 1/10; 2: 10:00:05 3/12; 3: 10:01:00 2/0'),
      ext('P3', 'C1', '1: 10:01:00 1/12; 2: 10:03:00 2/0', { prole: 2, parent: 'P2', link: 2 }),
    ],
    links: [{ link: 'L1', call: 'C1', party: 'P3', linkType: 1, added: '10:01:00', remote }],
  };
}

/** Site 2 (data source 2): the incoming call, its stub P4 for site 1, agent 5002 answering. */
function site2(p: string): Scenario {
  return {
    p,
    dataSourceKey: 2,
    calls: [{ id: 'C2', type: 2, created: '10:01:00', terminated: '10:03:00', ani: '7001', dnis: '7002' }],
    parties: [
      ext('P4', 'C2', '1: 10:01:00 1/12; 2: 10:03:00 2/0'),
      ag('P5', 'bsmith', 'C2', '1: 10:01:00 1/10; 2: 10:01:04 3/12; 3: 10:03:00 2/0'),
    ],
    links: [{ link: 'L1', call: 'C2', party: 'P4', linkType: 2, added: '10:01:00', remote: 'SITE1' }],
  };
}

describeEachDb('interaction transform acceptance: multi-site merge and HA duplicates', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
  });

  it('a call transferred from site 1 to site 2 is one interaction rooted at the outgoing side', async () => {
    const db = getDb();
    await writeScenario(db, site1('X1'));
    await transform(db, { refTs: at(10, 30) });
    assert.deepEqual(await ifRows(db, 'X1'), [], 'the outgoing half waits for its partner');
    await writeScenario(db, site2('X1'));
    await transform(db, { refTs: at(10, 40) });
    assert.deepEqual(
      (await ifRows(db, 'X1')).map((x) =>
        pick(x, ['guid', 'start', 'end', 'type', 'source', 'target', 'status']),
      ),
      [
        {
          guid: 'X1C1',
          start: at(10, 0),
          end: at(10, 3),
          type: 2,
          source: '5551234',
          target: '8005550000',
          status: 0,
        },
      ],
    );
    // The stubs P3 and P4 are dropped; P5 takes the outgoing stub's parent (P2) and link (2).
    assert.deepEqual(await tdOf(db, 'X1'), { X1P2: 16010, X1P5: 4120 });
    assert.deepEqual(pick(await irf(db, 'X1P5'), ['ixnGuid', 'receivedFrom', 'last', 'm']), {
      ixnGuid: 'X1C1',
      receivedFrom: 'X1P2',
      last: 1,
      m: { RING: [1, 4], TALK: [1, 116] },
    });
  });

  it('every parentless party of the incoming call takes the outgoing stub parent and link', async () => {
    const db = getDb();
    await writeScenario(db, site1('X4'));
    await writeScenario(db, {
      ...site2('X4'),
      parties: [
        ext('P4', 'C2', '1: 10:01:00 1/12; 2: 10:03:00 2/0'),
        rp('P5', 'C2', '1: 10:01:00 1/2048; 2: 10:01:06 2/0'),
        ag('P6', 'bsmith', 'C2', '1: 10:01:06 1/10; 2: 10:01:10 3/12; 3: 10:03:00 2/0', {
          parent: 'P5',
          link: 1,
        }),
      ],
    });
    await transform(db, { refTs: at(10, 40) });
    assert.deepEqual(
      (await ifRows(db, 'X4')).map((x) => [x.guid, x.status]),
      [['X4C1', 0]],
    );
    // The RP of site 2 now hangs under agent 5001 by link 2: P6 is ReceivedTransfer via the RP.
    assert.deepEqual(await tdOf(db, 'X4'), { X4P2: 16010, X4P6: 4120 });
    assert.deepEqual(pick(await irf(db, 'X4P6'), ['mediation', 'receivedFrom', 'lastRp', 'm']), {
      mediation: 6,
      receivedFrom: 'X4P2',
      lastRp: 'dn:4001',
      m: { RING: [1, 4], TALK: [1, 110] },
    });
  });

  it('a half whose RemoteLocation is in GSYS_DNPREMOTELOCATION is not waited for', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_gsys_dnpremotelocation_v', [{ id: 1, remotelocation: 'UNMONITORED' }]);
    await writeScenario(db, site1('X2', 'UNMONITORED'));
    await transform(db, { refTs: at(10, 30) });
    const ifs = await ifRows(db, 'X2');
    assert.deepEqual(
      ifs.map((x) => [x.guid, x.status & 5]),
      [['X2C1', 0]],
    );
    assert.deepEqual(await tdOf(db, 'X2'), { X2P2: 16010 });
  });

  it('the same rows delivered again from the HA partner (another DATA_SOURCE_KEY) give no duplicate facts', async () => {
    const db = getDb();
    const call: Scenario = {
      p: 'X3',
      dataSourceKey: 1,
      calls: [{ id: 'C1', type: 2, created: '10:00:00', terminated: '10:01:00' }],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:01:00 2/0'),
        ag('P2', 'jdoe', 'C1', '1: 10:00:00 1/10; 2: 10:00:04 3/12; 3: 10:01:00 2/0'),
      ],
    };
    await writeScenario(db, call);
    await transform(db, { refTs: at(11, 0) });
    const snapshot = async () => ({
      ifs: (await ifRows(db, 'X3')).map((x) => [x.guid, x.id, x.status]),
      irfs: (await irfRows(db, 'X3')).map((x) => [x.guid, x.td, x.m]),
      states: await unsafeCount(
        db,
        'ixn_resource_state_fact s JOIN interaction_resource_fact f USING (interaction_resource_id)',
        `f.partyguid LIKE 'X3%'`,
      ),
    });
    const first = await snapshot();
    assert.equal(first.ifs.length, 1);
    assert.deepEqual(first.irfs, [['X3P2', 4110, { RING: [1, 4], TALK: [1, 56] }]]);
    await writeScenario(db, { ...call, dataSourceKey: 3 });
    await transform(db, { refTs: at(11, 30) });
    assert.deepEqual(await snapshot(), first);
    assert.equal(first.states, 2);
  });
});

// Acceptance: partial data and error policies (data-model 5.10, 5.12, 5.14) — a party without a
// call, a dangling IS link, a missing merge call and a missing campaign group, each under every
// value of its policy option and of error-policy-irf-exception: IF STATUS bits, discard rows,
// job failure with rollback. Waiting rules: policies-waiting.test.ts.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../helpers/databases.ts';
import type { Db } from '../../../src/db/types.ts';
import { setupInfoMart } from '../fixtures.ts';
import { ag, at, ext, type Scenario, writeConfig, writeScenario } from './builder.ts';
import { REF, transform } from './run.ts';
import { cafRows, writeAttempt, writeCampaignConfig } from './outbound.ts';
import { discards, ifRows, irfRows, tdOf, unsafeCount } from './queries.ts';

const backlog = (db: Db): Promise<number> => unsafeCount(db, 'stg_ixn_backlog');

function goodCall(p: string): Scenario {
  return {
    p,
    calls: [{ id: 'C1', type: 2, created: '10:00:00', terminated: '10:01:00' }],
    parties: [
      ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:01:00 2/0'),
      ag('P2', 'jdoe', 'C1', '1: 10:00:00 1/10; 2: 10:00:04 3/12; 3: 10:01:00 2/0'),
    ],
  };
}

describeEachDb('interaction policies acceptance: party without call (5.14)', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
  });
  const orphan = (p: string): Scenario => ({
    p,
    calls: [],
    parties: [ag('P1', 'jdoe', 'C9', '1: 10:00:00 1/10; 2: 10:00:30 2/0')],
  });

  it('log_db_resume: waits max-call-duration from Created_TS, then one discard row and no IF', async () => {
    const db = getDb();
    await writeScenario(db, orphan('A1'));
    await transform(db, { refTs: at(10, 30) });
    assert.deepEqual(await discards(db, 'A1'), []);
    assert.ok((await backlog(db)) >= 1, 'the party waits in the backlog');
    await transform(db);
    assert.deepEqual(await discards(db, 'A1'), [
      { table: 'gidb_g_party_v', interactionId: -2, guid: 'A1P1', code: 'PARTY_WITHOUT_CALL', etlTs: REF },
    ]);
    assert.deepEqual(await irfRows(db, 'A1'), []);
    assert.equal(await backlog(db), 0);
  });

  it('resume: the party is dropped without a discard row', async () => {
    const db = getDb();
    await writeScenario(db, orphan('A2'));
    await writeScenario(db, goodCall('A2OK'));
    await transform(db, { errorPolicy: { irfException: 'resume' } });
    assert.deepEqual(await discards(db, 'A2'), []);
    assert.deepEqual(await irfRows(db, 'A2P'), []);
    // The run did process the backlog: the good call of the same time is written.
    assert.deepEqual(await tdOf(db, 'A2OK'), { A2OKP2: 4110 });
    assert.equal(await backlog(db), 0);
  });

  it('exception: the job fails and its commit is rolled back; resume then clears it', async () => {
    const db = getDb();
    await writeScenario(db, orphan('A3'));
    await writeScenario(db, goodCall('A4'));
    await assert.rejects(transform(db, { errorPolicy: { irfException: 'exception' } }));
    assert.deepEqual(await discards(db, 'A3'), []);
    // The good call of the same commit (same start time, one chunk) was rolled back with it.
    assert.deepEqual(await ifRows(db, 'A4'), []);
    await transform(db, { errorPolicy: { irfException: 'resume' } });
    assert.equal((await ifRows(db, 'A4')).length, 1);
    assert.deepEqual(await discards(db, 'A3'), []);
  });
});

describeEachDb('interaction policies acceptance: dangling IS link (5.10)', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
  });
  // Agent 5001 transfers the caller to a remote site; only the outgoing half of the link exists.
  const dangling = (p: string): Scenario => ({
    p,
    calls: [{ id: 'C1', type: 2, created: '10:00:00', terminated: '10:02:00' }],
    parties: [
      ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:02:00 2/0'),
      ag('P2', 'jdoe', 'C1', '1: 10:00:00 1/10; 2: 10:00:05 3/12; 3: 10:01:00 2/0'),
      ext('P3', 'C1', '1: 10:01:00 1/12; 2: 10:02:00 2/0', { prole: 2, parent: 'P2', link: 2 }),
    ],
    links: [{ link: 'L1', call: 'C1', party: 'P3', linkType: 1, added: '10:01:00', remote: 'SITE2' }],
  });

  it('resume (default): waits max-call-duration, then the stub is an External party and STATUS 8', async () => {
    const db = getDb();
    await writeScenario(db, dangling('B1'));
    await transform(db, { refTs: at(10, 30) });
    assert.deepEqual(await ifRows(db, 'B1'), []);
    await transform(db);
    assert.deepEqual(
      (await ifRows(db, 'B1')).map((x) => [x.guid, x.type, x.status]),
      [['B1C1', 2, 8]],
    );
    assert.deepEqual(await tdOf(db, 'B1'), { B1P2: 16010 });
    assert.deepEqual(await discards(db, 'B1'), []);
  });

  it('exception + log_db_resume: only the IF with STATUS 4, one ISLINK_DANGLING discard row', async () => {
    const db = getDb();
    await writeScenario(db, dangling('B2'));
    await transform(db, { errorPolicy: { islinkDangling: 'exception' } });
    const ifs = await ifRows(db, 'B2');
    assert.deepEqual(
      ifs.map((x) => [x.guid, x.status]),
      [['B2C1', 4]],
    );
    assert.deepEqual(await irfRows(db, 'B2'), []);
    const d = await discards(db, 'B2');
    assert.deepEqual(
      d.map((x) => [x.interactionId, x.guid, x.code, x.etlTs]),
      [[ifs[0]?.id, 'B2C1', 'ISLINK_DANGLING', REF]],
    );
  });

  it('exception + resume: the IF with STATUS 4 and no discard row', async () => {
    const db = getDb();
    await writeScenario(db, dangling('B3'));
    await transform(db, { errorPolicy: { islinkDangling: 'exception', irfException: 'resume' } });
    assert.deepEqual(
      (await ifRows(db, 'B3')).map((x) => x.status),
      [4],
    );
    assert.deepEqual(await irfRows(db, 'B3'), []);
    assert.deepEqual(await discards(db, 'B3'), []);
  });

  it('exception + exception: the job fails, nothing of the unit is written', async () => {
    const db = getDb();
    await writeScenario(db, dangling('B4'));
    await assert.rejects(
      transform(db, { errorPolicy: { islinkDangling: 'exception', irfException: 'exception' } }),
    );
    assert.deepEqual(await ifRows(db, 'B4'), []);
    assert.deepEqual(await discards(db, 'B4'), []);
    await transform(db);
    assert.deepEqual(
      (await ifRows(db, 'B4')).map((x) => x.status),
      [8],
    );
  });
});

describeEachDb('interaction policies acceptance: missing merge call (5.14)', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
  });
  // A consult call whose MergeCallID names a call that never arrives.
  const consult = (p: string): Scenario => ({
    p,
    calls: [
      { id: 'C3', type: 2, created: '10:00:00', terminated: '10:05:00' },
      {
        id: 'C4',
        type: 4,
        parent: 'C3',
        created: '10:01:00',
        terminated: '10:02:00',
        merge: 'CX',
        mergeType: 1,
      },
    ],
    parties: [
      ext('P1', 'C3', '1: 10:00:00 1/12; 2: 10:05:00 2/0'),
      ag(
        'P2',
        'jdoe',
        'C3',
        '1: 10:00:00 1/10; 2: 10:00:05 3/12; 3: 10:01:00 3/14; 4: 10:02:00 3/12; 5: 10:05:00 2/0',
        {
          guid: 'G2',
        },
      ),
      ag('P4', 'jdoe', 'C4', '1: 10:01:00 1/65536; 2: 10:01:06 3/12; 3: 10:02:00 2/0', {
        guid: 'G4',
        prole: 1,
        parent: 'P2',
        link: 6,
      }),
      ag('P5', 'bsmith', 'C4', '1: 10:01:00 1/10; 2: 10:01:06 3/12; 3: 10:02:00 2/0', {
        guid: 'G5',
        parent: 'P4',
        link: 3,
      }),
    ],
  });

  it('resume (default): the merge edge is ignored (a simple consult) and STATUS 16', async () => {
    const db = getDb();
    await writeScenario(db, consult('D1'));
    await transform(db);
    assert.deepEqual(
      (await ifRows(db, 'D1')).map((x) => [x.guid, x.status]),
      [['D1C3', 16]],
    );
    assert.deepEqual(await tdOf(db, 'D1'), { D1G2: 4110, D1G5: 4130 });
    assert.deepEqual(await discards(db, 'D1'), []);
  });

  it('exception + log_db_resume: IF STATUS 4 and a MERGECALL_MISSING discard row', async () => {
    const db = getDb();
    await writeScenario(db, consult('D2'));
    await transform(db, { errorPolicy: { callMergecallMissing: 'exception' } });
    const ifs = await ifRows(db, 'D2');
    assert.deepEqual(
      ifs.map((x) => [x.guid, x.status]),
      [['D2C3', 4]],
    );
    assert.deepEqual(await irfRows(db, 'D2'), []);
    assert.deepEqual(
      (await discards(db, 'D2')).map((x) => [x.interactionId, x.guid, x.code, x.etlTs]),
      [[ifs[0]?.id, 'D2C3', 'MERGECALL_MISSING', REF]],
    );
  });

  it('exception + resume: IF STATUS 4, no discard row', async () => {
    const db = getDb();
    await writeScenario(db, consult('D3'));
    await transform(db, { errorPolicy: { callMergecallMissing: 'exception', irfException: 'resume' } });
    assert.deepEqual(
      (await ifRows(db, 'D3')).map((x) => x.status),
      [4],
    );
    assert.deepEqual(await discards(db, 'D3'), []);
  });

  it('exception + exception: the job fails; resume later writes the interaction with STATUS 16', async () => {
    const db = getDb();
    await writeScenario(db, consult('D4'));
    await assert.rejects(
      transform(db, { errorPolicy: { callMergecallMissing: 'exception', irfException: 'exception' } }),
    );
    assert.deepEqual(await ifRows(db, 'D4'), []);
    await transform(db);
    assert.deepEqual(
      (await ifRows(db, 'D4')).map((x) => x.status),
      [16],
    );
  });
});

describeEachDb('interaction policies acceptance: missing campaign group session (5.12)', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
    await writeCampaignConfig(getDb());
  });
  const outbound = async (db: Db, p: string): Promise<void> => {
    await writeScenario(db, {
      p,
      calls: [{ id: 'C1', type: 3, created: '10:00:00', terminated: '10:02:00' }],
      parties: [
        ag('P1', 'jdoe', 'C1', '1: 10:00:00 1/65536; 2: 10:00:15 3/12; 3: 10:02:00 2/0', { prole: 1 }),
        ext('P2', 'C1', '1: 10:00:00 1/10; 2: 10:00:15 3/12; 3: 10:02:00 2/0', { prole: 2 }),
      ],
    });
    await writeAttempt(db, p, { withoutSession: true });
  };

  it('exception (default) + log_db_resume: no CAF, one CAMPAIGN_GROUP_MISSING discard row', async () => {
    const db = getDb();
    await outbound(db, 'F1');
    await transform(db);
    assert.deepEqual(await cafRows(db, 'F1'), []);
    assert.deepEqual(
      (await discards(db, 'F1')).map((x) => [x.table, x.guid, x.code, x.etlTs]),
      [['gidb_go_chain', 'F1CH', 'CAMPAIGN_GROUP_MISSING', REF]],
    );
    // The call's own interaction is another unit and is written normally.
    assert.deepEqual(
      (await ifRows(db, 'F1')).map((x) => x.status),
      [0],
    );
  });

  it('exception + resume: no CAF and no discard row', async () => {
    const db = getDb();
    await outbound(db, 'F2');
    await transform(db, { errorPolicy: { irfException: 'resume' } });
    assert.deepEqual(await cafRows(db, 'F2'), []);
    assert.deepEqual(await discards(db, 'F2'), []);
    assert.deepEqual(
      (await ifRows(db, 'F2')).map((x) => x.status),
      [0],
    );
  });

  it('resume: the CAF is written with the session keys -1', async () => {
    const db = getDb();
    await outbound(db, 'F3');
    await transform(db, { errorPolicy: { campaignGroupMissing: 'resume' } });
    const caf = await cafRows(db, 'F3');
    assert.deepEqual(
      caf.map((x) => [x.attempt, x.dialMode, x.result, x.ixnGuid]),
      [['F3A', -1, 33, 'F3C1']],
    );
    assert.deepEqual(await discards(db, 'F3'), []);
  });

  it('exception + exception: the job fails; resume then writes the CAF', async () => {
    const db = getDb();
    await outbound(db, 'F4');
    await assert.rejects(transform(db, { errorPolicy: { irfException: 'exception' } }));
    assert.deepEqual(await cafRows(db, 'F4'), []);
    await transform(db, { errorPolicy: { campaignGroupMissing: 'resume' } });
    assert.equal((await cafRows(db, 'F4')).length, 1);
  });
});

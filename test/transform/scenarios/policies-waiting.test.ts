// Acceptance: the waiting rules of data-model 5.1 / 5.9 / 5.14 — an unterminated voice call waits
// and is closed after extract-data-stuck-threshold (STATUS 64); a multimedia interaction is written
// active (STATUS 1) and completed later (STATUS 0); artificial termination after
// days-to-keep-active-facts (STATUS 2); a late DN configuration row (key -1, STATUS 32, corrected).
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../helpers/databases.ts';
import { setupInfoMart, writeGidb } from '../fixtures.ts';
import { ag, at, DAY0, ext, iq, type Scenario, TENANT, writeConfig, writeScenario } from './builder.ts';
import { transform } from './run.ts';
import { ifRows, irf, irfRows, msfRows, pick, tdOf } from './queries.ts';

const DAY = 86400;
const FAR = 2147482800;

describeEachDb('interaction transform acceptance: waiting rules', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
  });

  it('a voice call not terminated waits; after extract-data-stuck-threshold it is closed, STATUS 64', async () => {
    const db = getDb();
    await writeScenario(db, {
      p: 'W1',
      calls: [{ id: 'C1', type: 2, created: '10:00:00', terminated: null }],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12'),
        ag('P2', 'jdoe', 'C1', '1: 10:00:00 1/10; 2: 10:00:05 3/12'),
      ],
    });
    await transform(db, { refTs: at(10, 30) });
    assert.deepEqual(await ifRows(db, 'W1'), []);
    await transform(db, { refTs: at(10, 0, 5) + 28860 });
    assert.deepEqual(await ifRows(db, 'W1'), [], 'not older than the threshold yet');
    await transform(db, { refTs: at(10, 0, 5) + 28861 });
    assert.deepEqual(
      (await ifRows(db, 'W1')).map((x) => pick(x, ['guid', 'start', 'end', 'status'])),
      [{ guid: 'W1C1', start: at(10, 0), end: at(10, 0, 5), status: 64 }],
    );
    // The open agent party ends at the last event time with AbnormalStop/Unspecified/Received.
    assert.deepEqual(pick(await irf(db, 'W1P2'), ['td', 'end', 'm']), {
      td: 2010,
      end: at(10, 0, 5),
      m: { RING: [1, 5], TALK: [1, 0] },
    });
  });

  const chat = (p: string, shift: number, done: boolean): Scenario => ({
    p,
    fam: 'mm',
    shift,
    calls: [{ id: 'C1', type: 2, media: 3, created: '10:00:00', terminated: done ? '10:20:00' : null }],
    parties: [
      ext('P1', 'C1', `1: 10:00:00 1/12${done ? '; 2: 10:20:00 2/0' : ''}`),
      iq('P2', 'C1', '1: 10:00:00 1/9; 2: 10:00:10 2/0'),
      ag('P3', 'jdoe', 'C1', `1: 10:00:10 1/10; 2: 10:00:15 3/12${done ? '; 3: 10:20:00 2/0' : ''}`, {
        parent: 'P2',
        link: 1,
      }),
    ],
  });

  it('an MM interaction is written active (STATUS 1, far-future end), then completed (STATUS 0)', async () => {
    const db = getDb();
    const s = DAY;
    await writeScenario(db, chat('W3', s, false));
    await transform(db, { refTs: at(10, 30) + s });
    const active = await ifRows(db, 'W3');
    assert.deepEqual(
      active.map((x) => pick(x, ['guid', 'end', 'endKey', 'status'])),
      [{ guid: 'W3C1', end: null, endKey: FAR, status: 1 }],
    );
    // Only ended parties / stays have facts: the queue stay, not the open agent party.
    assert.deepEqual(await irfRows(db, 'W3'), []);
    assert.deepEqual(
      (await msfRows(db, 'W3')).map((x) => [x.guid, x.td]),
      [['W3P2', 9110]],
    );
    await writeScenario(db, chat('W3', s, true));
    await transform(db, { refTs: at(10, 40) + s });
    const done = await ifRows(db, 'W3');
    assert.deepEqual(
      done.map((x) => pick(x, ['guid', 'id', 'end', 'status'])),
      [{ guid: 'W3C1', id: active[0]?.id, end: at(10, 20) + s, status: 0 }],
    );
    assert.deepEqual(pick(await irf(db, 'W3P3'), ['td', 'm']), {
      td: 4110,
      m: { RING: [1, 5], TALK: [1, 1185] },
    });
  });

  it('an MM interaction still active after days-to-keep-active-facts is ended artificially, STATUS 2', async () => {
    const db = getDb();
    const s = 2 * DAY;
    await writeScenario(db, chat('W4', s, false));
    const start = at(10, 0) + s;
    await transform(db, { refTs: start + DAY - 60, daysToKeepActiveFacts: 1 });
    assert.deepEqual(
      (await ifRows(db, 'W4')).map((x) => x.status),
      [1],
    );
    await transform(db, { refTs: start + DAY + 60, daysToKeepActiveFacts: 1 });
    assert.deepEqual(
      (await ifRows(db, 'W4')).map((x) => pick(x, ['end', 'status'])),
      [{ end: start + DAY, status: 2 }],
    );
    // The open agent party ends then with AbnormalStop/Unspecified/Received.
    assert.deepEqual(pick(await irf(db, 'W4P3'), ['td', 'end']), { td: 2010, end: start + DAY });
    // Later IDB rows of an artificially ended interaction are ignored.
    await writeScenario(db, chat('W4', s, true));
    await transform(db, { refTs: start + DAY + 600, daysToKeepActiveFacts: 1 });
    assert.deepEqual(
      (await ifRows(db, 'W4')).map((x) => pick(x, ['end', 'status'])),
      [{ end: start + DAY, status: 2 }],
    );
    assert.equal((await irf(db, 'W4P3')).td, 2010);
  });

  it('a DN configuration row arriving late: waits, then key -1 and STATUS 32, corrected when it arrives', async () => {
    const db = getDb();
    const s = 5 * DAY;
    await writeScenario(db, {
      p: 'W5',
      shift: s,
      calls: [{ id: 'C1', type: 2, created: '10:00:00', terminated: '10:01:00' }],
      parties: [
        ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:01:00 2/0'),
        // An agent-less extension (Type 2) on DN 7009, which configuration does not know yet.
        {
          id: 'P2',
          call: 'C1',
          type: 2,
          prole: 2,
          endpoint: 7009,
          dn: '7009',
          hist: '1: 10:00:00 1/10; 2: 10:00:05 3/12; 3: 10:01:00 2/0',
        },
      ],
    });
    await transform(db, { refTs: at(10, 5) + s });
    assert.deepEqual(await ifRows(db, 'W5'), [], 'waits while ref_ts - END_TS <= delayed-data-threshold');
    await transform(db, { refTs: at(10, 20) + s });
    assert.deepEqual(
      (await ifRows(db, 'W5')).map((x) => x.status),
      [32],
    );
    const before = await irf(db, 'W5P2');
    assert.deepEqual(pick(before, ['resource', 'td']), { resource: 'unknown', td: 4110 });
    const ids = await db.query<{ id: string }>(
      `SELECT interaction_resource_id AS id FROM interaction_resource_fact WHERE partyguid = 'W5P2'`,
    );
    await writeGidb(db, 'gidb_gc_endpoint', [
      {
        id: 7009,
        dn: '7009',
        type: 1,
        switchid: 1,
        tenantid: TENANT,
        status: 1,
        state: 1,
        created_ts: DAY0 - DAY,
      },
    ]);
    await transform(db, { refTs: at(10, 30) + s });
    assert.deepEqual(
      (await ifRows(db, 'W5')).map((x) => x.status),
      [0],
    );
    assert.deepEqual(await tdOf(db, 'W5'), { W5P2: 4110 });
    assert.equal((await irf(db, 'W5P2')).resource, 'dn:7009');
    const after = await db.query<{ id: string }>(
      `SELECT interaction_resource_id AS id FROM interaction_resource_fact WHERE partyguid = 'W5P2'`,
    );
    assert.deepEqual(after.rows, ids.rows, 'the IRF keeps its surrogate id');
  });
});

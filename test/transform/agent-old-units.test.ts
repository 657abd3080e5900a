// "Old units are ignored" (data-model 5.1): a change under agent facts that all ended and started
// before ref_ts − days-to-keep-gidb-facts·86400 leaves those facts as they are, even when the GIDB
// rows beneath them are partly purged; a change under recent facts is recomputed.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/types.ts';
import { describeEachDb } from '../helpers/databases.ts';
import { at, DAY0, setupInfoMart, transformAt, writeGidb } from './fixtures.ts';
import { writeExample4Activity, writeExample4Config } from './example-4.ts';

const DAY20 = 20 * 86400;
const KEEP = { daysToKeepGidbFacts: 14 };
const TABLES = [
  'sm_res_session_fact',
  'sm_res_state_fact',
  'sm_res_state_reason_fact',
  'sm_media_neutral_state_fact',
];

/** Every column of every fact row that starts in [from, to), as text (audit keys included). */
async function factsIn(db: Db, from: number, to: number): Promise<string[]> {
  const out: string[] = [];
  for (const t of TABLES) {
    const r = await db.query<{ x: string }>(
      `SELECT f::text AS x FROM ${t} f WHERE f.start_ts >= $1 AND f.start_ts < $2 ORDER BY 1`,
      [from, to],
    );
    out.push(...r.rows.map((x) => `${t} ${x.x}`));
  }
  return out;
}

async function stateStarts(db: Db, from: number): Promise<number[]> {
  const r = await db.query<{ a: number }>(
    `SELECT start_ts AS a FROM sm_res_state_fact WHERE start_ts >= $1 ORDER BY 1`,
    [from],
  );
  return r.rows.map((x) => x.a);
}

const stateRow = (ls: string, seq: number, t: number, state: number) => ({
  loginsessionid: ls,
  agentid: 5002,
  endpointid: 7002,
  mediatype: 1,
  type: 5,
  seq,
  state,
  added_ts: t,
});

describeEachDb('Job_TransformGIM ignores changes under old agent facts', (getDb) => {
  const oldDay: [number, number] = [DAY0, DAY0 + 86400];
  let oldFacts: string[] = [];

  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeExample4Config(db);
    await writeExample4Activity(db);
    await transformAt(db, at(12, 0), { env: KEEP });
    // A second session of the same agent 20 days later, on DN 7002 as well.
    await writeGidb(db, 'gidb_g_login_session_v', [
      {
        loginsessionid: 'LS20',
        agentid: 5002,
        created_ts: at(9, 0) + DAY20,
        terminated_ts: at(9, 40) + DAY20,
      },
    ]);
    await writeGidb(db, 'gidb_gx_session_endpoint_v', [
      {
        loginsessionid: 'LS20',
        agentid: 5002,
        endpointid: 7002,
        mediatype: 1,
        created_ts: at(9, 0) + DAY20,
        terminated_ts: at(9, 40) + DAY20,
      },
    ]);
    await writeGidb(db, 'gidb_g_agent_state_history_v', [
      stateRow('LS20', 1, at(9, 0) + DAY20, 3),
      stateRow('LS20', 2, at(9, 20) + DAY20, 5),
    ]);
    const r = await transformAt(db, at(12, 0) + DAY20, { env: KEEP });
    assert.equal(r.unitsDone, 1, 'a change under no facts yet is not ignored');
    oldFacts = await factsIn(db, ...oldDay);
    assert.equal(oldFacts.filter((x) => x.startsWith('sm_res_state_fact ')).length, 6);
    assert.deepEqual(await stateStarts(db, DAY0 + DAY20), [at(9, 0) + DAY20, at(9, 20) + DAY20]);
  });

  it('leaves old facts as they are when rows under them change and others are purged', async () => {
    const db = getDb();
    await db.exec(`DELETE FROM gidb_g_agent_state_history_v WHERE loginsessionid = 'LS2' AND seq < 6`);
    await writeGidb(db, 'gidb_g_agent_state_history_v', [stateRow('LS2', 7, at(9, 35), 2)]);
    const r = await transformAt(db, at(13, 0) + DAY20, { env: KEEP });
    assert.equal(r.unitsDone, 0);
    assert.equal(r.unitsWaiting, 0, 'the ignored unit does not wait in the backlog');
    assert.deepEqual(await factsIn(db, ...oldDay), oldFacts);
  });

  it('recomputes a change under recent facts', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_g_agent_state_history_v', [stateRow('LS20', 3, at(9, 30) + DAY20, 2)]);
    const r = await transformAt(db, at(14, 0) + DAY20, { env: KEEP });
    assert.equal(r.unitsDone, 1);
    assert.deepEqual(await stateStarts(db, DAY0 + DAY20), [
      at(9, 0) + DAY20,
      at(9, 20) + DAY20,
      at(9, 30) + DAY20,
    ]);
    assert.deepEqual(await factsIn(db, ...oldDay), oldFacts);
  });

  it('recomputes only the recent part when one run changes rows under old and recent facts', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_g_agent_state_history_v', [
      stateRow('LS2', 8, at(9, 36), 3),
      stateRow('LS20', 4, at(9, 35) + DAY20, 3),
    ]);
    const r = await transformAt(db, at(15, 0) + DAY20, { env: KEEP });
    assert.equal(r.unitsDone, 1);
    assert.deepEqual(await stateStarts(db, DAY0 + DAY20), [
      at(9, 0) + DAY20,
      at(9, 20) + DAY20,
      at(9, 30) + DAY20,
      at(9, 35) + DAY20,
    ]);
    assert.deepEqual(await factsIn(db, ...oldDay), oldFacts);
  });

  it('recomputes the old facts from what is left when days-to-keep-gidb-facts is not applied', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_g_agent_state_history_v', [stateRow('LS2', 9, at(9, 37), 2)]);
    const r = await transformAt(db, at(16, 0) + DAY20);
    assert.equal(r.unitsDone, 1);
    assert.notDeepEqual(await factsIn(db, ...oldDay), oldFacts);
  });
});

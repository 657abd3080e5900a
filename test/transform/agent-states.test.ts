// Summarized states over several media (priority rule), DND with and without
// factor-dnd-into-sm-resource-states, and active sessions ended later (data-model 5.11).
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/types.ts';
import { describeEachDb } from '../helpers/databases.ts';
import { at, setupInfoMart, transformAt, writeGidb } from './fixtures.ts';

const state = (ls: string, ep: number, media: number, seq: number, t: number, st: number) => ({
  loginsessionid: ls,
  agentid: 5003,
  endpointid: ep,
  mediatype: media,
  type: 5,
  seq,
  state: st,
  added_ts: t,
});

async function periods(db: Db, table: string, media: number | null): Promise<[string, string, number][]> {
  const r = await db.query<{ a: number; b: number | null; s: number }>(
    `SELECT f.start_ts AS a, f.end_ts AS b, f.resource_state_key AS s FROM ${table} f
       JOIN resource_ r ON r.resource_key = f.resource_key AND r.resource_cfg_dbid = 5003
      ${media === null ? '' : `WHERE f.media_type_key = ${media}`} ORDER BY f.start_ts`,
  );
  const hm = (t: number | null) => (t === null ? 'open' : new Date(t * 1000).toISOString().slice(11, 16));
  return r.rows.map((x) => [hm(x.a), hm(x.b), x.s]);
}

describeEachDb('Job_TransformGIM agent states across media, DND, active sessions', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeGidb(db, 'gidb_gc_tenant', [{ id: 101, name: 'T', status: 1, created_ts: at(0, 0) }]);
    await writeGidb(db, 'gidb_gc_agent', [
      { id: 5003, tenantid: 101, username: 'multi', type: 2, status: 1, created_ts: at(0, 0) },
    ]);
    await writeGidb(db, 'gidb_g_login_session_v', [
      { loginsessionid: 'LS3', agentid: 5003, created_ts: at(9, 0), terminated_ts: at(10, 0) },
    ]);
    await writeGidb(db, 'gidb_gx_session_endpoint_v', [
      {
        loginsessionid: 'LS3',
        agentid: 5003,
        endpointid: 7003,
        mediatype: 1,
        created_ts: at(9, 0),
        terminated_ts: at(10, 0),
      },
      {
        loginsessionid: 'LS3',
        agentid: 5003,
        endpointid: 0,
        mediatype: 3,
        created_ts: at(9, 0),
        terminated_ts: at(10, 0),
      },
    ]);
    await writeGidb(db, 'gidb_g_agent_state_history_v', [
      state('LS3', 7003, 1, 1, at(9, 0), 3),
      state('LS3', 7003, 1, 2, at(9, 20), 5),
      state('LS3', 7003, 1, 3, at(9, 30), 3),
      state('LS3', 0, 3, 1, at(9, 0), 3),
      state('LS3', 0, 3, 2, at(9, 10), 2),
      state('LS3', 0, 3, 3, at(9, 25), 3),
    ]);
    await writeGidb(db, 'gidb_g_dnd_history_v', [
      {
        loginsessionid: 'LS3',
        agentid: 5003,
        endpointid: 7003,
        mediatype: 1,
        agentstate: 3,
        dndstate: 1,
        added_ts: at(9, 40),
      },
      {
        loginsessionid: 'LS3',
        agentid: 5003,
        endpointid: 7003,
        mediatype: 1,
        agentstate: 3,
        dndstate: 0,
        added_ts: at(9, 50),
      },
    ]);
  });

  it('summarizes by priority per media and over all media', async () => {
    const db = getDb();
    await transformAt(db, at(12, 0));
    assert.deepEqual(await periods(db, 'sm_res_state_fact', 1), [
      ['09:00', '09:20', 3],
      ['09:20', '09:30', 5],
      ['09:30', '10:00', 3],
    ]);
    assert.deepEqual(await periods(db, 'sm_res_state_fact', 3), [
      ['09:00', '09:10', 3],
      ['09:10', '09:25', 2],
      ['09:25', '10:00', 3],
    ]);
    assert.deepEqual(await periods(db, 'sm_media_neutral_state_fact', null), [
      ['09:00', '09:10', 3],
      ['09:10', '09:20', 2],
      ['09:20', '09:30', 5],
      ['09:30', '10:00', 3],
    ]);
  });

  it('counts Ready under DND as NotReady when factor-dnd-into-sm-resource-states is true', async () => {
    const db = getDb();
    await db.exec(`DELETE FROM ctl_transform_history; DELETE FROM stg_ixn_backlog`);
    await transformAt(db, at(12, 10), { env: { factorDndIntoStates: true } });
    assert.deepEqual(await periods(db, 'sm_res_state_fact', 1), [
      ['09:00', '09:20', 3],
      ['09:20', '09:30', 5],
      ['09:30', '09:40', 3],
      ['09:40', '09:50', 2],
      ['09:50', '10:00', 3],
    ]);
    assert.deepEqual(await periods(db, 'sm_media_neutral_state_fact', null), [
      ['09:00', '09:10', 3],
      ['09:10', '09:20', 2],
      ['09:20', '09:30', 5],
      ['09:30', '09:40', 3],
      ['09:40', '09:50', 2],
      ['09:50', '10:00', 3],
    ]);
  });

  it('writes an open session as active facts and ends them when the session ends', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_g_login_session_v', [
      { loginsessionid: 'LS4', agentid: 5003, created_ts: at(11, 0), terminated_ts: null },
    ]);
    await writeGidb(db, 'gidb_gx_session_endpoint_v', [
      {
        loginsessionid: 'LS4',
        agentid: 5003,
        endpointid: 7003,
        mediatype: 1,
        created_ts: at(11, 0),
        terminated_ts: null,
      },
    ]);
    await writeGidb(db, 'gidb_g_agent_state_history_v', [state('LS4', 7003, 1, 1, at(11, 5), 3)]);
    await transformAt(db, at(11, 30));
    const open = await db.query(
      `SELECT start_ts, end_ts, end_date_time_key, total_duration, active_flag::int AS active, lead_clip_duration
         FROM sm_res_session_fact WHERE start_ts = $1`,
      [at(11, 0)],
    );
    assert.deepEqual(open.rows, [
      {
        start_ts: at(11, 0),
        end_ts: null,
        end_date_time_key: 2147482800,
        total_duration: null,
        active: 1,
        lead_clip_duration: 900,
      },
    ]);
    const k = await db.query<{ k: string }>(
      `SELECT sm_res_session_fact_key AS k FROM sm_res_session_fact WHERE start_ts = $1`,
      [at(11, 0)],
    );
    assert.deepEqual((await periods(db, 'sm_res_state_fact', 1)).slice(-2), [
      ['11:00', '11:05', 1],
      ['11:05', 'open', 3],
    ]);
    await writeGidb(db, 'gidb_g_login_session_v', [
      { loginsessionid: 'LS4', agentid: 5003, created_ts: at(11, 0), terminated_ts: at(11, 45) },
    ]);
    await writeGidb(db, 'gidb_gx_session_endpoint_v', [
      {
        loginsessionid: 'LS4',
        agentid: 5003,
        endpointid: 7003,
        mediatype: 1,
        created_ts: at(11, 0),
        terminated_ts: at(11, 45),
      },
    ]);
    await transformAt(db, at(12, 30));
    const ended = await db.query<{ k: string; end_ts: number; active: number; total_duration: number }>(
      `SELECT sm_res_session_fact_key AS k, end_ts, active_flag::int AS active, total_duration
         FROM sm_res_session_fact WHERE start_ts = $1`,
      [at(11, 0)],
    );
    assert.deepEqual(ended.rows, [{ k: k.rows[0]?.k, end_ts: at(11, 45), active: 0, total_duration: 2700 }]);
    assert.deepEqual((await periods(db, 'sm_res_state_fact', 1)).slice(-2), [
      ['11:00', '11:05', 1],
      ['11:05', '11:45', 3],
    ]);
  });
});

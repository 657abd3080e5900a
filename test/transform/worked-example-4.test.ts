// Worked example 4 of data-model section 7: one agent session with states and a reason code.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { at, checksums, setupInfoMart, transformAt, writeGidb } from './fixtures.ts';
import { writeExample4Activity, writeExample4Config } from './example-4.ts';

describeEachDb('Job_TransformGIM worked example 4', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeExample4Config(db);
    await writeExample4Activity(db);
  });

  it('writes exactly the session, state, reason and media-neutral facts of section 7', async () => {
    const db = getDb();
    const r = await transformAt(db, at(12, 0), { aggregation: true });
    assert.equal(r.unitsWaiting, 0);
    const agent = await db.query<{ k: number; t: number }>(
      `SELECT resource_key AS k, tenant_key AS t FROM resource_ WHERE resource_cfg_type_id = 3 AND resource_cfg_dbid = 5002`,
    );
    const key = agent.rows[0]?.k;
    assert.ok(key !== undefined && key > 0);
    const sess = await db.query(
      `SELECT resource_key, media_type_key, start_ts, end_ts, total_duration, lead_clip_duration,
              trail_clip_duration, active_flag::int AS active, start_date_time_key, end_date_time_key
         FROM sm_res_session_fact`,
    );
    assert.deepEqual(sess.rows, [
      {
        resource_key: key,
        media_type_key: 1,
        start_ts: at(9, 0),
        end_ts: at(9, 40),
        total_duration: 2400,
        lead_clip_duration: 900,
        trail_clip_duration: 600,
        active: 0,
        start_date_time_key: at(9, 0),
        end_date_time_key: at(9, 30),
      },
    ]);
    const states = await db.query<{ s: number; a: number; b: number; d: number }>(
      `SELECT resource_state_key AS s, start_ts AS a, end_ts AS b, total_duration AS d FROM sm_res_state_fact
        WHERE resource_key = $1 ORDER BY start_ts`,
      [key],
    );
    const want = [
      { s: 3, a: at(9, 0), b: at(9, 10), d: 600 },
      { s: 2, a: at(9, 10), b: at(9, 20), d: 600 },
      { s: 3, a: at(9, 20), b: at(9, 25), d: 300 },
      { s: 5, a: at(9, 25), b: at(9, 28), d: 180 },
      { s: 4, a: at(9, 28), b: at(9, 29), d: 60 },
      { s: 3, a: at(9, 29), b: at(9, 40), d: 660 },
    ];
    assert.deepEqual(states.rows, want);
    const linked = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM sm_res_state_fact s JOIN sm_res_session_fact f
          ON f.sm_res_session_fact_key = s.sm_res_session_fact_key`,
    );
    assert.equal(Number(linked.rows[0]?.n), 6);
    const neutral = await db.query<{ s: number; a: number; b: number; d: number }>(
      `SELECT resource_state_key AS s, start_ts AS a, end_ts AS b, total_duration AS d FROM sm_media_neutral_state_fact
        WHERE resource_key = $1 ORDER BY start_ts`,
      [key],
    );
    assert.deepEqual(neutral.rows, want);
    const reasons = await db.query(
      `SELECT f.resource_state_key, d.reason_type_code, d.software_reason_key, d.software_reason_value,
              d.hardware_reason, d.workmode_code, f.start_ts, f.end_ts, f.total_duration, f.tenant_key = d.tenant_key AS same_tenant
         FROM sm_res_state_reason_fact f JOIN resource_state_reason d USING (resource_state_reason_key)`,
    );
    assert.deepEqual(reasons.rows, [
      {
        resource_state_key: 2,
        reason_type_code: 'SOFTWARE',
        software_reason_key: 'ReasonCode',
        software_reason_value: 'Break',
        hardware_reason: null,
        workmode_code: 'AUXWORK',
        start_ts: at(9, 10),
        end_ts: at(9, 20),
        total_duration: 600,
        same_tenant: true,
      },
    ]);
    const pending = await db.query(
      `SELECT hierarchy, agg_level, flavor, start_date_time_key, end_date_time_key, source FROM pending_agg`,
    );
    assert.deepEqual(pending.rows, [
      {
        hierarchy: 'ALL',
        agg_level: 'SUBHR',
        flavor: 'ALL',
        start_date_time_key: at(9, 0),
        end_date_time_key: at(9, 45),
        source: 'TRANSFORM',
      },
    ]);
  });

  it('changes nothing when run again', async () => {
    const db = getDb();
    const before = await checksums(db);
    const r = await transformAt(db, at(12, 30));
    assert.equal(r.commits, 0);
    assert.deepEqual(await checksums(db), before);
  });

  it('recomputes the unit when a state row is corrected, keeping fact keys stable', async () => {
    const db = getDb();
    const keys = await db.query<{ k: string; a: number }>(
      `SELECT sm_res_state_fact_key AS k, start_ts AS a FROM sm_res_state_fact ORDER BY start_ts`,
    );
    // Busy is now reported from 09:26 instead of 09:25.
    await writeGidb(db, 'gidb_g_agent_state_history_v', [
      {
        loginsessionid: 'LS2',
        agentid: 5002,
        endpointid: 7002,
        mediatype: 1,
        type: 5,
        seq: 4,
        state: 5,
        added_ts: at(9, 26),
      },
    ]);
    const r = await transformAt(db, at(13, 0));
    assert.equal(r.commits, 1);
    const after = await db.query<{ k: string; a: number; d: number }>(
      `SELECT sm_res_state_fact_key AS k, start_ts AS a, total_duration AS d FROM sm_res_state_fact ORDER BY start_ts`,
    );
    assert.deepEqual(
      after.rows.map((x) => [x.a, x.d]),
      [
        [at(9, 0), 600],
        [at(9, 10), 600],
        [at(9, 20), 360],
        [at(9, 26), 120],
        [at(9, 28), 60],
        [at(9, 29), 660],
      ],
    );
    // Facts whose natural key survived kept their surrogate key.
    const before = new Map(keys.rows.map((x) => [x.a, x.k]));
    for (const x of after.rows) if (before.has(x.a)) assert.equal(x.k, before.get(x.a));
  });
});

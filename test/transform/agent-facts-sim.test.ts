// Agent activity facts over simulator data (several days, voice, chat and e-mail agents) against
// the simulator's ground truth (sim_truth.sessions), on both databases.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { checksums, DAY0, setupInfoMart, transformAt } from './fixtures.ts';
import { loadGidbFromIdb, simulateIntoInfoMart } from './sim-load.ts';

const DAYS = 3;
const END = DAY0 + DAYS * 86400;

const TRUTH = `
  SELECT s.login_session_id, s.agent_id, r.resource_key, s.start_ts, s.end_ts, s.media_types, s.ready,
         s.not_ready, s.busy, s.acw, s.reasons
    FROM sim_truth.sessions s
    JOIN resource_ r ON r.resource_cfg_type_id = 3 AND r.resource_cfg_dbid = s.agent_id`;

describeEachDb('Job_TransformGIM agent facts over simulator data', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await simulateIntoInfoMart(db, { from: DAY0, days: DAYS, callsPerDay: 1500, seed: 11 });
    await loadGidbFromIdb(db);
    const r = await transformAt(db, END + 3600);
    assert.ok(r.unitsDone > 0);
  });

  it('covers many agents, several days and voice, chat and e-mail', async () => {
    const r = await getDb().query<{ agents: string; media: number[]; days: string; ended: string }>(
      `SELECT count(DISTINCT resource_key) AS agents, array_agg(DISTINCT media_type_key ORDER BY media_type_key) AS media,
              count(DISTINCT start_ts / 86400) AS days, count(*) FILTER (WHERE active_flag = 0) AS ended
         FROM sm_res_session_fact`,
    );
    const x = r.rows[0];
    assert.ok(x && Number(x.agents) >= 20, `agents ${x?.agents}`);
    assert.deepEqual(
      x?.media.map(Number).filter((m) => [1, 2, 3].includes(m)),
      [1, 2, 3],
    );
    assert.ok(Number(x?.days) >= DAYS, `days ${x?.days}`);
  });

  it('writes one session fact per media of every simulated login session, active ones open', async () => {
    const r = await getDb().query<{ missing: string; extra: string; truth: string }>(
      `WITH t AS (SELECT x.resource_key, m::int AS media, x.start_ts, x.end_ts
                    FROM (${TRUTH}) x CROSS JOIN LATERAL unnest(string_to_array(x.media_types, ' ')) m),
            f AS (SELECT resource_key, media_type_key AS media, start_ts, end_ts FROM sm_res_session_fact)
       SELECT (SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM f) a) AS missing,
              (SELECT count(*) FROM (SELECT * FROM f EXCEPT SELECT * FROM t) b) AS extra,
              (SELECT count(*) FROM t) AS truth`,
    );
    assert.ok(Number(r.rows[0]?.truth) > 100);
    assert.equal(Number(r.rows[0]?.missing), 0);
    assert.equal(Number(r.rows[0]?.extra), 0);
  });

  it('tiles every session fact with its state facts, without gaps or overlaps', async () => {
    const r = await getDb().query<{ bad: string; orphans: string; empty: string }>(
      `WITH x AS (
         SELECT s.start_ts AS ss, s.end_ts AS se, f.start_ts, f.end_ts, f.total_duration,
                lag(f.end_ts) OVER w AS pe, row_number() OVER w AS rn,
                row_number() OVER (PARTITION BY s.sm_res_session_fact_key ORDER BY f.start_ts DESC) AS rd
           FROM sm_res_session_fact s JOIN sm_res_state_fact f ON f.sm_res_session_fact_key = s.sm_res_session_fact_key
         WINDOW w AS (PARTITION BY s.sm_res_session_fact_key ORDER BY f.start_ts))
       SELECT (SELECT count(*) FROM x WHERE (rn = 1 AND start_ts <> ss) OR (rn > 1 AND pe <> start_ts)
                 OR (rd = 1 AND end_ts IS DISTINCT FROM se) OR total_duration <= 0) AS bad,
              (SELECT count(*) FROM sm_res_state_fact WHERE sm_res_session_fact_key IS NULL) AS orphans,
              (SELECT count(*) FROM sm_res_session_fact s WHERE NOT EXISTS
                 (SELECT 1 FROM sm_res_state_fact f WHERE f.sm_res_session_fact_key = s.sm_res_session_fact_key)) AS empty`,
    );
    const x = r.rows[0];
    assert.deepEqual([Number(x?.bad), Number(x?.orphans), Number(x?.empty)], [0, 0, 0]);
  });

  it('gives the simulator seconds per state for every ended login session', async () => {
    const r = await getDb().query<Record<string, unknown>>(
      `WITH t AS (${TRUTH}),
            f AS (SELECT t.login_session_id,
                         COALESCE(sum(n.total_duration) FILTER (WHERE n.resource_state_key = 3), 0) AS ready,
                         COALESCE(sum(n.total_duration) FILTER (WHERE n.resource_state_key = 2), 0) AS not_ready,
                         COALESCE(sum(n.total_duration) FILTER (WHERE n.resource_state_key = 5), 0) AS busy,
                         COALESCE(sum(n.total_duration) FILTER (WHERE n.resource_state_key = 4), 0) AS acw,
                         COALESCE(sum(n.total_duration), 0) AS total
                    FROM t JOIN sm_media_neutral_state_fact n ON n.resource_key = t.resource_key
                     AND n.start_ts >= t.start_ts AND n.end_ts <= t.end_ts
                   WHERE t.end_ts IS NOT NULL GROUP BY t.login_session_id)
       SELECT t.login_session_id, t.ready, f.ready AS f_ready, t.not_ready, f.not_ready AS f_not_ready,
              t.busy, f.busy AS f_busy, t.acw, f.acw AS f_acw, t.end_ts - t.start_ts AS len, f.total
         FROM t LEFT JOIN f USING (login_session_id)
        WHERE t.end_ts IS NOT NULL
          AND (f.login_session_id IS NULL OR (t.ready, t.not_ready, t.busy, t.acw, t.end_ts - t.start_ts)
               IS DISTINCT FROM (f.ready::int, f.not_ready::int, f.busy::int, f.acw::int, f.total::int))
        LIMIT 5`,
    );
    assert.deepEqual(r.rows, []);
  });

  it('gives the simulator reason periods, per media of the session', async () => {
    const r = await getDb().query<{ missing: string; extra: string; truth: string }>(
      `WITH t AS (SELECT x.resource_key, m::int AS media, p.reason, p."startTs" AS start_ts, p."endTs" AS end_ts
                    FROM (${TRUTH}) x
                    CROSS JOIN LATERAL jsonb_to_recordset(x.reasons) AS p(reason text, "startTs" int, "endTs" int)
                    CROSS JOIN LATERAL unnest(string_to_array(x.media_types, ' ')) m),
            f AS (SELECT f.resource_key, f.media_type_key AS media, d.software_reason_value AS reason, f.start_ts, f.end_ts
                    FROM sm_res_state_reason_fact f JOIN resource_state_reason d USING (resource_state_reason_key)
                   WHERE f.resource_state_key = 2 AND d.reason_type_code = 'SOFTWARE' AND d.workmode_code = 'AUXWORK')
       SELECT (SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM f) a) AS missing,
              (SELECT count(*) FROM (SELECT * FROM f EXCEPT SELECT * FROM t) b) AS extra,
              (SELECT count(*) FROM t) AS truth`,
    );
    assert.ok(Number(r.rows[0]?.truth) > 50, `truth reasons ${r.rows[0]?.truth}`);
    assert.equal(Number(r.rows[0]?.missing), 0);
    assert.equal(Number(r.rows[0]?.extra), 0);
  });

  it('leaves every fact table unchanged when run again', async () => {
    const db = getDb();
    const before = await checksums(db);
    await transformAt(db, END + 7200);
    assert.deepEqual(await checksums(db), before);
  });
});

// Outbound facts over simulator data (data-model 5.12): one CONTACT_ATTEMPT_FACT per completed
// attempt of the simulated IDB with its call result, and every ended campaign-group session tiled
// by its state facts, on both databases. The interaction kind is not run: attempts are written
// after max-call-duration with INTERACTION_ID NULL.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { DAY0, setupInfoMart } from './fixtures.ts';
import { outboundChecksums, transformOutbound } from './outbound-fixtures.ts';
import { loadGidbFromIdb, SIM_TABLES, simulateIntoInfoMart } from './sim-load.ts';

const END = DAY0 + 86400;
const TABLES: readonly (readonly [string, string])[] = [
  ...SIM_TABLES.filter(([idb]) => idb.startsWith('gc')),
  ['go_campaign', 'gidb_go_campaign'],
  ['go_campaignhistory', 'gidb_go_campaignhistory'],
  ['go_chain', 'gidb_go_chain'],
  ['go_chainrec_hist', 'gidb_go_chainrec_hist'],
  ['gox_chain_call', 'gidb_gox_chain_call'],
  ['go_fieldhist', 'gidb_go_fieldhist'],
];

describeEachDb('Job_TransformGIM outbound facts over simulator data', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await simulateIntoInfoMart(db, { from: DAY0, days: 1, callsPerDay: 800, seed: 5 });
    const loaded = await loadGidbFromIdb(db, TABLES);
    assert.ok((loaded.gidb_go_chainrec_hist ?? 0) > 50, `chainrec rows ${loaded.gidb_go_chainrec_hist}`);
    await transformOutbound(db, END + 2 * 3600, { ocsRecordFieldNames: ['FirstName', 'Balance'] });
  });

  it('writes one contact attempt fact per completed attempt, with its call result', async () => {
    const r = await getDb().query<{ missing: string; extra: string; truth: string; fields: string }>(
      `WITH t AS (SELECT DISTINCT ON (callattid) callattid, added_ts AS end_ts,
                         CASE WHEN callresult IN (6,7,8,9,17,19,21,26,27,28,32,33,35,41,42) THEN callresult ELSE 28 END AS res
                    FROM go_chainrec_hist WHERE callattid IS NOT NULL AND state IN (0, 3)
                   ORDER BY callattid, added_ts, state),
            f AS (SELECT call_attempt_id, end_ts, call_result_key FROM contact_attempt_fact)
       SELECT (SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM f) a) AS missing,
              (SELECT count(*) FROM (SELECT * FROM f EXCEPT SELECT * FROM t) b) AS extra,
              (SELECT count(*) FROM t) AS truth,
              (SELECT count(*) FROM contact_attempt_fact WHERE record_field_1 IS NOT NULL AND record_field_2 IS NOT NULL) AS fields`,
    );
    const x = r.rows[0];
    assert.ok(Number(x?.truth) > 50, `attempts ${x?.truth}`);
    assert.equal(Number(x?.missing), 0);
    assert.equal(Number(x?.extra), 0);
    assert.ok(Number(x?.fields) > 0);
    const keys = await getDb().query<{ bad: string }>(
      `SELECT count(*) AS bad FROM contact_attempt_fact
        WHERE campaign_key < 0 OR group_key < 0 OR calling_list_key < 0 OR time_zone_key = -1 OR dialing_mode_key = 0`,
    );
    assert.equal(Number(keys.rows[0]?.bad), 0);
  });

  it('tiles every ended campaign-group session with its state facts', async () => {
    const r = await getDb().query<{ sessions: string; bad: string }>(
      `WITH x AS (
         SELECT s.campaign_group_session_id AS id, s.start_ts AS ss, s.end_ts AS se, f.start_ts, f.end_ts,
                lag(f.end_ts) OVER (PARTITION BY s.campaign_group_session_id ORDER BY f.start_ts) AS prev_end,
                row_number() OVER (PARTITION BY s.campaign_group_session_id ORDER BY f.start_ts) AS n,
                row_number() OVER (PARTITION BY s.campaign_group_session_id ORDER BY f.start_ts DESC) AS m,
                f.camp_group_session_fact_key = s.camp_group_session_fact_key AS linked
           FROM campaign_group_session_fact s
           JOIN campaign_group_state_fact f ON f.campaign_group_session_id = s.campaign_group_session_id
          WHERE s.end_ts IS NOT NULL)
       SELECT count(DISTINCT id) AS sessions,
              count(*) FILTER (WHERE (n = 1 AND start_ts <> ss) OR (m = 1 AND end_ts IS DISTINCT FROM se)
                                  OR (n > 1 AND start_ts <> prev_end) OR NOT linked) AS bad
         FROM x`,
    );
    assert.ok(Number(r.rows[0]?.sessions) >= 2, `sessions ${r.rows[0]?.sessions}`);
    assert.equal(Number(r.rows[0]?.bad), 0);
  });

  it('changes nothing when run again', async () => {
    const db = getDb();
    const first = await outboundChecksums(db);
    await transformOutbound(db, END + 3 * 3600, { ocsRecordFieldNames: ['FirstName', 'Balance'] });
    assert.deepEqual(await outboundChecksums(db), first);
  });
});

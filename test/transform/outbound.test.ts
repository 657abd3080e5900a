// Outbound facts (data-model 5.12, 5.14): CAMPAIGN_GROUP_SESSION_FACT and _STATE_FACT of a
// campaign-group session, CONTACT_ATTEMPT_FACT of complete attempts (results, dispositions,
// record fields, time zone, interaction link and its wait), the campaign-group-missing policies
// and idempotent re-runs, on both databases.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/types.ts';
import { describeEachDb } from '../helpers/databases.ts';
import { at, setupInfoMart, writeGidb } from './fixtures.ts';
import {
  backlog,
  caf,
  chainRec,
  dimKey,
  discards,
  outboundChecksums,
  resourceKey,
  standInInteraction,
  transformOutbound,
  writeOutboundConfig,
} from './outbound-fixtures.ts';

const FIELDS = { ocsRecordFieldNames: ['Balance', 'FirstName', 'Missing'] };
const FAR = 2147482800;

/** Rewrites an attempt's completing row (same values, a new audit key) so its unit is recomputed. */
async function touch(db: Db, row: Record<string, string | number | null>): Promise<void> {
  await writeGidb(db, 'gidb_go_chainrec_hist', [row]);
}

describeEachDb('Job_TransformGIM outbound facts', (getDb) => {
  const a9done = chainRec('CH9', 9, 3, at(10, 0), 'A9', { callresult: 33 });
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeOutboundConfig(db);
    await writeGidb(db, 'gidb_go_campaign', [
      {
        sessid: 'S1',
        campaignid: 801,
        groupid: 601,
        tenantid: 101,
        dialmode: 2,
        state: 0,
        created_ts: at(9, 0),
        terminated_ts: at(12, 0),
      },
      {
        sessid: 'S2',
        campaignid: 801,
        groupid: 601,
        tenantid: 101,
        dialmode: 1,
        state: 2,
        created_ts: at(10, 0),
      },
    ]);
    const hist = (s: string, state: number, prev: number, t: number) => ({
      sessid: s,
      campaignid: 801,
      groupid: 601,
      state,
      prevstate: prev,
      dialmode: 2,
      added_ts: t,
    });
    await writeGidb(db, 'gidb_go_campaignhistory', [
      hist('S1', 1, 0, at(9, 0)),
      hist('S1', 2, 1, at(9, 1)),
      hist('S1', 3, 2, at(11, 59)),
      hist('S1', 0, 3, at(12, 0)),
      hist('S2', 1, 0, at(10, 0)),
      hist('S2', 2, 1, at(10, 5)),
    ]);
    const chain = (guid: string, sess: string, group: number, chainId: number) => ({
      chainguid: guid,
      sessid: sess,
      campaignid: 801,
      groupid: group,
      callinglistid: 901,
      chainid: chainId,
      state: 2,
      created_ts: at(9, 0),
    });
    await writeGidb(db, 'gidb_go_chain', [
      chain('CH1', 'S1', 601, 7),
      chain('CH8', 'S1', 0, 8),
      chain('CH9', 'S-MISSING', 601, 9),
    ]);
    await writeGidb(db, 'gidb_go_chainrec_hist', [
      chainRec('CH1', 1, 2, at(9, 10), 'A1'),
      chainRec('CH1', 1, 3, at(9, 15), 'A1', {
        callresult: 33,
        attemptcause: 1,
        attemptcauseby: 1,
        recordstatus: 3,
        contactinfo: '15551234',
        contactinfotype: 4,
      }),
      chainRec('CH1', 1, 2, at(10, 0), 'A2', { attemptnumber: 2 }),
      chainRec('CH1', 1, 3, at(10, 0, 25), 'A2', {
        attemptnumber: 2,
        callresult: 7,
        attemptcause: 2,
        attemptcauseby: 2,
        timezoneid: null,
      }),
      chainRec('CH1', 2, 2, at(9, 30), 'A3'),
      chainRec('CH1', 2, 0, at(9, 31), 'A3', { callresult: 99, attemptcause: 9, attemptcauseby: 5 }),
      chainRec('CH1', 3, 2, at(9, 40), 'A4'),
      chainRec('CH8', 8, 2, at(9, 50), 'A8'),
      chainRec('CH8', 8, 3, at(9, 51), 'A8'),
      chainRec('CH9', 9, 2, at(9, 55), 'A9'),
      a9done,
    ]);
    await writeGidb(db, 'gidb_gox_chain_call', [
      { callid: 'CALL-A1', chainguid: 'CH1', callattid: 'A1', added_ts: at(9, 10) },
      { callid: 'CALL-A2', chainguid: 'CH1', callattid: 'A2', added_ts: at(10, 0) },
    ]);
    const field = (name: string, value: string, t: number) => ({
      chainguid: 'CH1',
      recordhandle: 1,
      callattid: null,
      fieldname: name,
      fieldvalue: value,
      added_ts: t,
    });
    await writeGidb(db, 'gidb_go_fieldhist', [
      field('FirstName', 'Ada', at(9, 5)),
      field('Balance', '100', at(9, 5)),
      field('Balance', '250', at(9, 12)),
      field('Balance', '999', at(9, 20)),
    ]);
  });

  it('waits for completion, configuration and the interaction, then writes what is ready', async () => {
    const db = getDb();
    // A first run at 09:00 (configuration dimensions; A3 and A8 are ready already).
    await transformOutbound(db, at(9, 0), FIELDS);
    // Stands in for the interaction kind: CALL-A1 belongs to interaction 900 whose earliest agent
    // IRF is ann's (a DN party and bob start around it).
    const ann = await resourceKey(db, 3, 5001);
    const bob = await resourceKey(db, 3, 5002);
    const dn = await resourceKey(db, 2, 7001);
    await standInInteraction(db, 'CALL-A1', 900, at(9, 0), [
      { partyGuid: 'P-DN', resourceKey: dn, startTs: at(9, 10), endTs: at(9, 15) },
      { partyGuid: 'P-ANN', resourceKey: ann, startTs: at(9, 10, 5), endTs: at(9, 15) },
      { partyGuid: 'P-BOB', resourceKey: bob, startTs: at(9, 12), endTs: at(9, 15) },
    ]);
    await transformOutbound(db, at(10, 5), FIELDS);
    assert.deepEqual(await backlog(db), { A2: 'WAIT_INTERACTION', A4: 'WAIT_COMPLETE', A9: 'WAIT_CONFIG' });
    const a1 = await caf(db, 'A1');
    assert.ok(a1, 'A1 written');
    assert.equal(Number(a1.start_ts), at(9, 10));
    assert.equal(Number(a1.end_ts), at(9, 15));
    assert.equal(Number(a1.start_date_time_key), at(9, 0));
    assert.equal(Number(a1.end_date_time_key), at(9, 15));
    assert.equal(Number(a1.call_result_key), 33);
    assert.equal(Number(a1.attempt_disposition_key), 256 + 1);
    assert.equal(Number(a1.record_type_key), 2);
    assert.equal(Number(a1.record_status_key), 3);
    assert.equal(Number(a1.contact_info_type_key), 4);
    assert.equal(a1.contact_info, '15551234');
    assert.equal(Number(a1.dialing_mode_key), 2);
    assert.equal(a1.campaign_group_session_id, 'S1');
    assert.equal(Number(a1.media_type_key), 1);
    assert.equal(Number(a1.record_id), 1);
    assert.equal(Number(a1.chain_id), 7);
    assert.equal(Number(a1.daily_from), 9 * 3600);
    assert.equal(Number(a1.time_zone_key), await dimKey(db, 'time_zone', 'time_zone_key', 701));
    assert.equal(Number(a1.campaign_key), await dimKey(db, 'campaign', 'campaign_key', 801));
    assert.equal(Number(a1.calling_list_key), await dimKey(db, 'calling_list', 'calling_list_key', 901));
    assert.equal(Number(a1.group_key), await dimKey(db, 'group_', 'group_key', 601));
    assert.equal(Number(a1.tenant_key), await dimKey(db, 'tenant', 'tenant_key', 101));
    assert.deepEqual(
      [a1.record_field_1, a1.record_field_2, a1.record_field_3, a1.record_field_4],
      ['250', 'Ada', null, null],
    );
    assert.equal(Number(a1.interaction_id), 900);
    assert.equal(Number(a1.interaction_sdt_key), at(9, 0));
    assert.equal(Number(a1.resource_key), ann);

    const a3 = await caf(db, 'A3');
    assert.ok(a3, 'A3 (no linked call, does not wait) written');
    assert.equal(Number(a3.call_result_key), 28);
    assert.equal(Number(a3.attempt_disposition_key), 0);
    assert.equal(a3.interaction_id, null);
    assert.equal(Number(a3.resource_key), -2);
    assert.equal(await caf(db, 'A4'), undefined);
    assert.equal(await caf(db, 'A9'), undefined);
  });

  it('writes the campaign-group session and its states, tiled and linked', async () => {
    const db = getDb();
    const s = await db.query<Record<string, unknown>>(
      `SELECT * FROM campaign_group_session_fact ORDER BY campaign_group_session_id`,
    );
    assert.equal(s.rows.length, 2);
    const [s1, s2] = s.rows;
    assert.equal(Number(s1?.start_ts), at(9, 0));
    assert.equal(Number(s1?.end_ts), at(12, 0));
    assert.equal(Number(s1?.total_duration), 3 * 3600);
    assert.equal(Number(s1?.active_flag), 0);
    assert.equal(Number(s1?.group_key), await dimKey(db, 'group_', 'group_key', 601));
    assert.equal(Number(s1?.campaign_key), await dimKey(db, 'campaign', 'campaign_key', 801));
    assert.equal(s2?.end_ts, null);
    assert.equal(Number(s2?.end_date_time_key), FAR);
    assert.equal(Number(s2?.active_flag), 1);
    const st = await db.query<{
      sess: string;
      state: number;
      a: number;
      b: number | null;
      d: number | null;
      ok: boolean;
    }>(
      `SELECT f.campaign_group_session_id AS sess, f.campaign_group_state_key AS state, f.start_ts AS a, f.end_ts AS b,
              f.total_duration AS d,
              (f.camp_group_session_fact_key = s.camp_group_session_fact_key
               AND f.camp_group_sess_fact_sdt_key = s.start_date_time_key) AS ok
         FROM campaign_group_state_fact f JOIN campaign_group_session_fact s USING (campaign_group_session_id)
        ORDER BY 1, 3`,
    );
    assert.deepEqual(
      st.rows.map((r) => [r.sess, Number(r.state), Number(r.a), r.b === null ? null : Number(r.b), r.ok]),
      [
        ['S1', 1, at(9, 0), at(9, 1), true],
        ['S1', 2, at(9, 1), at(11, 59), true],
        ['S1', 3, at(11, 59), at(12, 0), true],
        ['S2', 1, at(10, 0), at(10, 5), true],
        ['S2', 2, at(10, 5), null, true],
      ],
    );
    assert.equal(Number(st.rows[1]?.d), at(11, 59) - at(9, 1));
  });

  it('changes nothing when run again', async () => {
    const db = getDb();
    const before1 = await outboundChecksums(db);
    const r = await transformOutbound(db, at(10, 5), FIELDS);
    assert.equal(r.rowCounts.contact_attempt_fact ?? 0, 0);
    assert.deepEqual(await outboundChecksums(db), before1);
  });

  it('writes an attempt whose call never appears after max-call-duration, and fails a missing session', async () => {
    const db = getDb();
    await transformOutbound(db, at(11, 5), FIELDS);
    assert.deepEqual(await backlog(db), { A4: 'WAIT_COMPLETE' });
    const a2 = await caf(db, 'A2');
    assert.ok(a2, 'A2 written');
    assert.equal(a2.interaction_id, null);
    assert.equal(Number(a2.resource_key), -2);
    assert.equal(Number(a2.call_result_key), 7);
    assert.equal(Number(a2.attempt_disposition_key), 2 * 256 + 2);
    assert.equal(Number(a2.time_zone_key), -2);
    // Balance at A2's end (10:00:25) is the 09:20 value.
    assert.equal(a2.record_field_1, '999');
    // Default policies: exception + log_db_resume -> one discard row per failing attempt, no fact.
    assert.equal(await caf(db, 'A9'), undefined);
    assert.equal(await caf(db, 'A8'), undefined);
    assert.deepEqual(await discards(db), [
      {
        table_name: 'GIDB_GO_CHAIN',
        guid: 'CH8',
        code: 'CAMPAIGN_GROUP_MISSING',
        reason: 'attempt A8: campaign group group missing',
      },
      {
        table_name: 'GIDB_GO_CHAIN',
        guid: 'CH9',
        code: 'CAMPAIGN_GROUP_MISSING',
        reason: 'attempt A9: campaign group session missing',
      },
    ]);
    const again = await outboundChecksums(db);
    await transformOutbound(db, at(11, 6), FIELDS);
    assert.deepEqual(await outboundChecksums(db), again);
  });

  it('recomputes an attempt when its call appears in an interaction later', async () => {
    const db = getDb();
    const bob = await resourceKey(db, 3, 5002);
    await standInInteraction(db, 'CALL-A2', 901, at(10, 0), [
      { partyGuid: 'P2-BOB', resourceKey: bob, startTs: at(10, 0), endTs: at(10, 0, 25) },
    ]);
    await transformOutbound(db, at(11, 10), FIELDS);
    const a2 = await caf(db, 'A2');
    assert.equal(Number(a2?.interaction_id), 901);
    assert.equal(Number(a2?.resource_key), bob);
  });

  it('applies error-policy-campaign-group-missing and error-policy-irf-exception', async () => {
    const db = getDb();
    const nDiscards = (await discards(db)).length;
    // exception + resume: still no fact, no discard row.
    await touch(db, a9done);
    await transformOutbound(db, at(11, 20), {
      ...FIELDS,
      errorPolicy: { campaignGroupMissing: 'exception', irfException: 'resume' },
    });
    assert.equal(await caf(db, 'A9'), undefined);
    assert.equal((await discards(db)).length, nDiscards);
    // resume: the fact is written with -1 keys for what is missing.
    await touch(db, a9done);
    await transformOutbound(db, at(11, 25), { ...FIELDS, errorPolicy: { campaignGroupMissing: 'resume' } });
    const a9 = await caf(db, 'A9');
    assert.ok(a9, 'A9 written under resume');
    assert.equal(a9.campaign_group_session_id, 'S-MISSING');
    assert.equal(Number(a9.group_key), await dimKey(db, 'group_', 'group_key', 601));
    assert.equal(Number(a9.dialing_mode_key), -1);
    assert.equal(Number(a9.campaign_key), await dimKey(db, 'campaign', 'campaign_key', 801));
    // exception + exception: the run fails, its commit rolls back (the fact stays, the unit waits).
    await touch(db, a9done);
    const kept = await outboundChecksums(db);
    await assert.rejects(
      transformOutbound(db, at(11, 30), {
        ...FIELDS,
        errorPolicy: { campaignGroupMissing: 'exception', irfException: 'exception' },
      }),
      /CAMPAIGN_GROUP_MISSING/,
    );
    assert.deepEqual(await outboundChecksums(db), kept);
    assert.ok('A9' in (await backlog(db)));
    // Back to the defaults: the fact no longer produced is deleted, the failure is not logged twice.
    await transformOutbound(db, at(11, 35), FIELDS);
    assert.equal(await caf(db, 'A9'), undefined);
    assert.equal((await discards(db)).length, nDiscards);
  });

  it('writes a missing group as -1 under resume', async () => {
    const db = getDb();
    await touch(db, chainRec('CH8', 8, 3, at(9, 51), 'A8'));
    await transformOutbound(db, at(11, 40), { ...FIELDS, errorPolicy: { campaignGroupMissing: 'resume' } });
    const a8 = await caf(db, 'A8');
    assert.equal(Number(a8?.group_key), -1);
    assert.equal(Number(a8?.dialing_mode_key), 2);
  });
});

// Campaign-group sessions over several runs (data-model 5.12): an active session ended later, a
// late campaign (wait, -1, corrected) and an attempt failed for a missing group redone when the
// group arrives, on both databases.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/types.ts';
import { describeEachDb } from '../helpers/databases.ts';
import { at, setupInfoMart, writeGidb } from './fixtures.ts';
import {
  caf,
  chainRec,
  dimKey,
  discards,
  transformOutbound,
  writeOutboundConfig,
} from './outbound-fixtures.ts';

describeEachDb('Job_TransformGIM campaign-group sessions over time', (getDb) => {
  const session = (sess: string, campaign: number, over: Record<string, number | null> = {}) => ({
    sessid: sess,
    campaignid: campaign,
    groupid: 601,
    tenantid: 101,
    dialmode: 1,
    state: 1,
    created_ts: at(10, 0),
    ...over,
  });
  const hist = (sess: string, state: number, t: number) => ({
    sessid: sess,
    campaignid: 801,
    groupid: 601,
    state,
    prevstate: 0,
    dialmode: 1,
    added_ts: t,
  });
  async function facts(db: Db, sess: string): Promise<unknown[][]> {
    const r = await db.query<{ t: string; k: number; a: number; b: number | null; act: number; c: number }>(
      `SELECT 'session' AS t, 0 AS k, start_ts AS a, end_ts AS b, active_flag AS act, campaign_key AS c
         FROM campaign_group_session_fact WHERE campaign_group_session_id = $1
       UNION ALL
       SELECT 'state', campaign_group_state_key, start_ts, end_ts, active_flag, campaign_key
         FROM campaign_group_state_fact WHERE campaign_group_session_id = $1
       ORDER BY 1, 3`,
      [sess],
    );
    return r.rows.map((x) => [
      x.t,
      Number(x.k),
      Number(x.a),
      x.b === null ? null : Number(x.b),
      Number(x.act),
      Number(x.c),
    ]);
  }

  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeOutboundConfig(db);
  });

  it('ends an active session and its last state when the session terminates later', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_go_campaign', [session('S5', 801)]);
    await writeGidb(db, 'gidb_go_campaignhistory', [hist('S5', 1, at(10, 0)), hist('S5', 2, at(10, 1))]);
    await transformOutbound(db, at(10, 30));
    const camp = await dimKey(db, 'campaign', 'campaign_key', 801);
    assert.deepEqual(await facts(db, 'S5'), [
      ['session', 0, at(10, 0), null, 1, camp],
      ['state', 1, at(10, 0), at(10, 1), 0, camp],
      ['state', 2, at(10, 1), null, 1, camp],
    ]);
    await writeGidb(db, 'gidb_go_campaign', [session('S5', 801, { state: 0, terminated_ts: at(11, 0) })]);
    await writeGidb(db, 'gidb_go_campaignhistory', [hist('S5', 0, at(11, 0))]);
    await transformOutbound(db, at(11, 30));
    assert.deepEqual(await facts(db, 'S5'), [
      ['session', 0, at(10, 0), at(11, 0), 0, camp],
      ['state', 1, at(10, 0), at(10, 1), 0, camp],
      ['state', 2, at(10, 1), at(11, 0), 0, camp],
    ]);
  });

  it('waits for an unknown campaign, writes -1, and corrects it when the campaign arrives', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_go_campaign', [session('S6', 802, { created_ts: at(12, 0) })]);
    await writeGidb(db, 'gidb_go_campaignhistory', [hist('S6', 1, at(12, 0))]);
    await transformOutbound(db, at(12, 10));
    assert.deepEqual(await facts(db, 'S6'), []);
    await transformOutbound(db, at(12, 20));
    assert.deepEqual(await facts(db, 'S6'), [
      ['session', 0, at(12, 0), null, 1, -1],
      ['state', 1, at(12, 0), null, 1, -1],
    ]);
    await writeGidb(db, 'gidb_gc_campaign', [
      { id: 802, tenantid: 101, name: 'Late', status: 1, created_ts: at(0, 0) },
    ]);
    await transformOutbound(db, at(12, 30));
    const camp = await dimKey(db, 'campaign', 'campaign_key', 802);
    assert.ok(camp > 0);
    assert.deepEqual(await facts(db, 'S6'), [
      ['session', 0, at(12, 0), null, 1, camp],
      ['state', 1, at(12, 0), null, 1, camp],
    ]);
  });

  it('redoes an attempt failed for a missing group when the group arrives', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_go_chain', [
      {
        chainguid: 'CH7',
        sessid: 'S5',
        campaignid: 801,
        groupid: 602,
        callinglistid: 901,
        chainid: 70,
        state: 2,
        created_ts: at(10, 0),
      },
    ]);
    await writeGidb(db, 'gidb_go_chainrec_hist', [
      chainRec('CH7', 70, 2, at(10, 10), 'A7'),
      chainRec('CH7', 70, 3, at(10, 11), 'A7'),
    ]);
    await transformOutbound(db, at(13, 0));
    assert.equal(await caf(db, 'A7'), undefined);
    assert.deepEqual(
      (await discards(db)).map((d) => [d.guid, d.reason]),
      [['CH7', 'attempt A7: campaign group group missing']],
    );
    await writeGidb(db, 'gidb_gc_group', [
      { id: 602, tenantid: 101, name: 'Late', type: 1, status: 1, created_ts: at(0, 0) },
    ]);
    await transformOutbound(db, at(13, 10));
    const a7 = await caf(db, 'A7');
    assert.equal(Number(a7?.group_key), await dimKey(db, 'group_', 'group_key', 602));
    assert.ok(Number(a7?.group_key) > 0);
  });
});

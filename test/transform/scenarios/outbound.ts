// Outbound scenario rows (data-model 2.5, 5.12): campaign configuration, a campaign-group session,
// a chain with one attempt (processing -> processed, Answer) and the GOX_CHAIN_CALL link to a voice
// call, plus the CONTACT_ATTEMPT_FACT read helper.
import type { Db } from '../../../src/db/types.ts';
import { writeGidb } from '../fixtures.ts';
import { hms, TENANT } from './builder.ts';

export const CAMPAIGN = 801;
export const CAMPAIGN_GROUP = 901;
export const CALLING_LIST = 701;

export async function writeCampaignConfig(db: Db): Promise<void> {
  const cfg = { tenantid: TENANT, status: 1, state: 1, created_ts: hms('00:00:00') - 86400 };
  await writeGidb(db, 'gidb_gc_campaign', [{ id: CAMPAIGN, name: 'Camp801', ...cfg }]);
  await writeGidb(db, 'gidb_gc_group', [{ id: CAMPAIGN_GROUP, name: 'Grp901', type: 1, ...cfg }]);
  await writeGidb(db, 'gidb_gc_calling_list', [
    { id: CALLING_LIST, name: 'List701', tablename: 'cl701', ...cfg },
  ]);
}

/**
 * Session `<p>S` (unless `withoutSession`), chain `<p>CH` and attempt `<p>A` (09:59:55 processing,
 * 10:02:05 processed with CallResult 33) linked to CallID `<p><callId>`.
 */
export async function writeAttempt(
  db: Db,
  p: string,
  opts: { callId?: string; withoutSession?: boolean } = {},
): Promise<void> {
  const ids = { SessID: `${p}S`, CampaignID: CAMPAIGN, GroupID: CAMPAIGN_GROUP };
  if (!opts.withoutSession) {
    await writeGidb(db, 'gidb_go_campaign', [
      {
        ...ids,
        tenantid: TENANT,
        dialmode: 2,
        state: 0,
        created_ts: hms('09:00:00'),
        terminated_ts: hms('11:00:00'),
      },
    ]);
  }
  await writeGidb(db, 'gidb_go_chain', [
    {
      ...ids,
      chainguid: `${p}CH`,
      callinglistid: CALLING_LIST,
      chainid: 1,
      state: 0,
      created_ts: hms('09:59:50'),
      terminated_ts: hms('10:02:10'),
    },
  ]);
  const rec = {
    chainguid: `${p}CH`,
    recordhandle: 11,
    callattid: `${p}A`,
    chainn: 1,
    attemptnumber: 1,
    recordtype: 2,
    recordstatus: 2,
    contactinfo: '5551234',
    contactinfotype: 1,
  };
  await writeGidb(db, 'gidb_go_chainrec_hist', [
    { ...rec, state: 2, prevstate: 1, added_ts: hms('09:59:55') },
    {
      ...rec,
      state: 3,
      prevstate: 2,
      callresult: 33,
      attemptcause: 1,
      attemptcauseby: 2,
      added_ts: hms('10:02:05'),
    },
  ]);
  await writeGidb(db, 'gidb_gox_chain_call', [
    { callid: p + (opts.callId ?? 'C1'), chainguid: `${p}CH`, callattid: `${p}A`, added_ts: hms('10:00:00') },
  ]);
}

export interface CafRow {
  attempt: string;
  start: number;
  end: number;
  result: number;
  disposition: number;
  dialMode: number;
  session: string | null;
  recordId: number;
  campaign: number | null;
  ixnGuid: string | null;
  resource: number | null;
}

/** CONTACT_ATTEMPT_FACT rows whose CALL_ATTEMPT_ID starts with `prefix`. */
export async function cafRows(db: Db, prefix: string): Promise<CafRow[]> {
  const r = await db.query<CafRow>(
    `SELECT c.call_attempt_id AS attempt, c.start_ts AS start, c.end_ts AS "end", c.call_result_key AS result,
            c.attempt_disposition_key AS disposition, c.dialing_mode_key AS "dialMode",
            c.campaign_group_session_id AS session, c.record_id AS "recordId",
            (SELECT k.campaign_cfg_dbid FROM campaign k WHERE k.campaign_key = c.campaign_key) AS campaign,
            (SELECT i.media_server_ixn_guid FROM interaction_fact i WHERE i.interaction_id = c.interaction_id) AS "ixnGuid",
            (SELECT r.resource_cfg_dbid FROM resource_ r WHERE r.resource_key = c.resource_key
                AND r.resource_cfg_type_id = 3) AS resource
       FROM contact_attempt_fact c WHERE c.call_attempt_id LIKE $1 || '%' ORDER BY c.call_attempt_id`,
    [prefix],
  );
  return r.rows;
}

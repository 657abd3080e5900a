// Fixtures of the outbound transform tests: configuration, a campaign-group session, chains and
// attempts as GIDB rows, a transform run with only the outbound unit kinds, and checksums of the
// outbound facts. The interaction kind is not run here: rows of TF_CALL_INTERACTION and
// INTERACTION_RESOURCE_FACT are inserted by `standInInteraction`, standing in for it.
import type { Db } from '../../src/db/types.ts';
import { OUTBOUND_UNIT_KINDS } from '../../src/jobs/transform-gim/outbound-kinds.ts';
import { runTransform, type TransformRunResult } from '../../src/jobs/transform-gim/transform.ts';
import type { TransformEnv } from '../../src/jobs/transform-gim/types.ts';
import { at, envAt, writeGidb, type Row } from './fixtures.ts';

export const OUTBOUND_TABLES = [
  'contact_attempt_fact',
  'campaign_group_session_fact',
  'campaign_group_state_fact',
  'stg_transform_discards',
] as const;

let jobSeq = 5000;
export async function transformOutbound(
  db: Db,
  refTs: number,
  env: Partial<TransformEnv> = {},
): Promise<TransformRunResult> {
  jobSeq += 1;
  return runTransform({
    db,
    jobId: `out-${jobSeq}`,
    env: envAt(refTs, env),
    chunkSize: 7200,
    aggregationEnabled: false,
    kinds: OUTBOUND_UNIT_KINDS,
    nowMs: () => refTs * 1000,
  });
}

/** md5 over every row of the outbound fact tables and the discards. */
export async function outboundChecksums(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of OUTBOUND_TABLES) {
    const r = await db.query<{ s: string | null; n: string }>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS s, count(*) AS n FROM ${t} x`,
    );
    out[t] = `${r.rows[0]?.n}:${r.rows[0]?.s ?? 'empty'}`;
  }
  return out;
}

export async function writeOutboundConfig(db: Db): Promise<void> {
  const t0 = at(0, 0);
  await writeGidb(db, 'gidb_gc_tenant', [{ id: 101, name: 'T', status: 1, created_ts: t0 }]);
  await writeGidb(db, 'gidb_gc_time_zone', [
    {
      id: 701,
      tenantid: 101,
      name: 'Paris',
      javaname: 'Europe/Paris',
      utcoffset: 60,
      status: 1,
      created_ts: t0,
    },
  ]);
  await writeGidb(db, 'gidb_gc_campaign', [
    { id: 801, tenantid: 101, name: 'Renewals', status: 1, created_ts: t0 },
  ]);
  await writeGidb(db, 'gidb_gc_calling_list', [
    { id: 901, tenantid: 101, name: 'List A', timezoneid: 701, status: 1, created_ts: t0 },
  ]);
  await writeGidb(db, 'gidb_gc_group', [
    { id: 601, tenantid: 101, name: 'Sales', type: 1, status: 1, created_ts: t0 },
  ]);
  await writeGidb(db, 'gidb_gc_agent', [
    { id: 5001, tenantid: 101, username: 'ann', type: 2, status: 1, created_ts: t0 },
    { id: 5002, tenantid: 101, username: 'bob', type: 2, status: 1, created_ts: t0 },
  ]);
  await writeGidb(db, 'gidb_gc_endpoint', [
    { id: 7001, tenantid: 101, dn: '7001', type: 1, status: 1, created_ts: t0 },
  ]);
}

/** One GO_CHAINREC_HIST row of an attempt (the columns a test does not set take plain values). */
export function chainRec(
  chain: string,
  handle: number,
  state: number,
  t: number,
  callAttId: string | null,
  over: Row = {},
): Row {
  return {
    chainguid: chain,
    recordhandle: handle,
    state,
    prevstate: state === 2 ? 1 : 2,
    callattid: callAttId,
    chainn: 1,
    attemptnumber: 1,
    callresult: 28,
    recordtype: 2,
    recordstatus: 2,
    contactinfo: '15550100',
    contactinfotype: 1,
    timezoneid: 701,
    dailyfrom: 9 * 3600,
    dailytill: 18 * 3600,
    attemptcause: 0,
    attemptcauseby: 0,
    added_ts: t,
    ...over,
  };
}

/** Resource key of an agent or DN of the configuration. */
export async function resourceKey(db: Db, cfgType: 2 | 3, dbid: number): Promise<number> {
  const r = await db.query<{ k: number }>(
    `SELECT resource_key AS k FROM resource_ WHERE resource_cfg_type_id = $1 AND resource_cfg_dbid = $2`,
    [cfgType, dbid],
  );
  const k = r.rows[0]?.k;
  if (k === undefined) throw new Error(`no resource ${cfgType}/${dbid}`);
  return Number(k);
}

export interface StandInIrf {
  readonly partyGuid: string;
  readonly resourceKey: number;
  readonly startTs: number;
  readonly endTs: number;
}

/**
 * STANDS IN FOR THE INTERACTION UNIT KIND (not run in these tests): maps `callId` to interaction
 * `interactionId` in TF_CALL_INTERACTION and writes its IRF rows with a fresh audit key, as a
 * commit of that kind would.
 */
export async function standInInteraction(
  db: Db,
  callId: string,
  interactionId: number,
  sdtKey: number,
  irfs: readonly StandInIrf[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const k = await tx.query<{ k: string }>(`SELECT nextval('ctl_audit_key_seq') AS k`);
    const key = Number(k.rows[0]?.k);
    await tx.query(
      `INSERT INTO tf_call_interaction (callid, fam, interaction_id, interaction_sdt_key, ixn_guid)
       VALUES ($1, 'V', $2, $3, $1)`,
      [callId, interactionId, sdtKey],
    );
    for (const i of irfs)
      await tx.query(
        `INSERT INTO interaction_resource_fact (interaction_id, interaction_sdt_key, resource_key, partyguid,
           start_date_time_key, end_date_time_key, start_ts, end_ts, create_audit_key, update_audit_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [
          interactionId,
          sdtKey,
          i.resourceKey,
          i.partyGuid,
          Math.floor(i.startTs / 900) * 900,
          Math.floor(i.endTs / 900) * 900,
          i.startTs,
          i.endTs,
          key,
        ],
      );
  });
}

export async function caf(db: Db, att: string): Promise<Record<string, unknown> | undefined> {
  const r = await db.query(`SELECT * FROM contact_attempt_fact WHERE call_attempt_id = $1`, [att]);
  return r.rows[0] as Record<string, unknown> | undefined;
}

export async function dimKey(db: Db, table: string, key: string, dbid: number): Promise<number> {
  const r = await db.query<{ k: number }>(
    `SELECT ${key} AS k FROM ${table} WHERE ${table.replace(/_$/, '')}_cfg_dbid = $1`,
    [dbid],
  );
  return Number(r.rows[0]?.k);
}

export async function backlog(db: Db): Promise<Record<string, string>> {
  const r = await db.query<{ unit_id: string; reason: string }>(
    `SELECT unit_id, reason FROM stg_ixn_backlog WHERE unit_type = 'OCS_ATTEMPT' ORDER BY unit_id`,
  );
  return Object.fromEntries(r.rows.map((x) => [x.unit_id, x.reason]));
}

export async function discards(
  db: Db,
): Promise<{ table_name: string; guid: string; code: string; reason: string }[]> {
  const r = await db.query<{ table_name: string; guid: string; code: string; reason: string }>(
    `SELECT table_name, guid, code, reason FROM stg_transform_discards ORDER BY guid, reason`,
  );
  return r.rows;
}

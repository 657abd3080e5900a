// Read helpers of the interaction acceptance tests: fact rows as plain objects, with dimension
// keys shown as readable labels ('agent:5001', 'dn:3001', 'none' for -2, 'unknown' for -1) and
// fact ids shown as the PartyGUID / MEDIATION_GUID they stand for.
import type { Db } from '../../../src/db/types.ts';

/** SQL label of a RESOURCE_ key column. */
function res(col: string): string {
  return `(CASE WHEN ${col} = -2 THEN 'none' WHEN ${col} = -1 THEN 'unknown' WHEN ${col} IS NULL THEN NULL
     ELSE (SELECT CASE r.resource_cfg_type_id WHEN 3 THEN 'agent:' ELSE 'dn:' END || r.resource_cfg_dbid
             FROM resource_ r WHERE r.resource_key = ${col}) END)`;
}

function place(col: string): string {
  return `(CASE WHEN ${col} = -2 THEN 'none' WHEN ${col} = -1 THEN 'unknown'
     ELSE (SELECT 'place:' || p.place_cfg_dbid FROM place p WHERE p.place_key = ${col}) END)`;
}

function irfGuid(col: string): string {
  return `(SELECT x.partyguid FROM interaction_resource_fact x WHERE x.interaction_resource_id = ${col})`;
}

export interface IfRow {
  guid: string;
  id: number;
  start: number;
  end: number | null;
  startKey: number;
  endKey: number;
  type: number;
  media: number;
  tenant: number | null;
  source: string | null;
  target: string | null;
  status: number;
  ixnId: number | null;
  rootGuid: string | null;
}

/** INTERACTION_FACT rows whose MEDIA_SERVER_IXN_GUID starts with `prefix`. */
export async function ifRows(db: Db, prefix: string): Promise<IfRow[]> {
  const r = await db.query<IfRow>(
    `SELECT media_server_ixn_guid AS guid, interaction_id AS id, start_ts AS start, end_ts AS "end",
            start_date_time_key AS "startKey", end_date_time_key AS "endKey", interaction_type_key AS type,
            media_type_key AS media, (SELECT t.tenant_cfg_dbid FROM tenant t WHERE t.tenant_key = f.tenant_key) AS tenant,
            source_address AS source, target_address AS target, status, media_server_ixn_id AS "ixnId",
            media_server_root_ixn_guid AS "rootGuid"
       FROM interaction_fact f WHERE media_server_ixn_guid LIKE $1 || '%' ORDER BY start_ts, media_server_ixn_guid`,
    [prefix],
  );
  return r.rows.map((x) => ({ ...x, id: Number(x.id), status: Number(x.status) }));
}

export const MEASURES = [
  'DIAL',
  'RING',
  'TALK',
  'HOLD',
  'AFTER_CALL_WORK',
  'CONS_INIT_DIAL',
  'CONS_INIT_TALK',
  'CONS_INIT_HOLD',
  'CONS_RCV_RING',
  'CONS_RCV_TALK',
  'CONS_RCV_HOLD',
  'POST_CONS_XFER_RING',
  'POST_CONS_XFER_TALK',
  'POST_CONS_XFER_HOLD',
  'CONF_JOIN_RING',
  'CONF_JOIN_TALK',
  'CONF_JOIN_HOLD',
] as const;

export interface IrfRow {
  guid: string;
  ixnGuid: string | null;
  resource: string | null;
  place: string | null;
  td: number;
  start: number;
  end: number;
  lastVq: string | null;
  lastQueue: string | null;
  lastRp: string | null;
  receivedFrom: string | null;
  last: number;
  mediation: number;
  type: number;
  media: number;
  sdtOk: boolean;
  /** Non-zero measures: name -> [count, duration]. */
  m: Record<string, [number, number]>;
}

/** IRF rows of the interactions whose GUID starts with `prefix`, by PARTYGUID. */
export async function irfRows(db: Db, prefix: string): Promise<IrfRow[]> {
  const ms = MEASURES.map((m) => `${m}_count AS "${m}_c", ${m}_duration AS "${m}_d"`).join(', ');
  const r = await db.query<Record<string, unknown>>(
    `SELECT f.partyguid AS guid, i.media_server_ixn_guid AS "ixnGuid", ${res('f.resource_key')} AS resource,
            ${place('f.place_key')} AS place, f.technical_descriptor_key AS td, f.start_ts AS start, f.end_ts AS "end",
            ${res('f.last_vqueue_resource_key')} AS "lastVq", ${res('f.last_queue_resource_key')} AS "lastQueue",
            ${res('f.last_rp_resource_key')} AS "lastRp", ${irfGuid('f.received_from_ixn_resource_id')} AS "receivedFrom",
            f.last_interaction_resource AS last, f.mediation_duration AS mediation,
            f.interaction_type_key AS type, f.media_type_key AS media,
            (f.interaction_sdt_key = i.start_date_time_key) AS "sdtOk", ${ms}
       FROM interaction_resource_fact f LEFT JOIN interaction_fact i ON i.interaction_id = f.interaction_id
      WHERE f.partyguid LIKE $1 || '%' ORDER BY f.partyguid`,
    [prefix],
  );
  return r.rows.map((x) => {
    const m: Record<string, [number, number]> = {};
    for (const k of MEASURES) {
      const c = Number(x[`${k}_c`] ?? 0);
      const d = Number(x[`${k}_d`] ?? 0);
      if (c !== 0 || d !== 0) m[k] = [c, d];
    }
    return {
      guid: String(x.guid),
      ixnGuid: (x.ixnGuid as string | null) ?? null,
      resource: (x.resource as string | null) ?? null,
      place: (x.place as string | null) ?? null,
      td: Number(x.td),
      start: Number(x.start),
      end: Number(x.end),
      lastVq: (x.lastVq as string | null) ?? null,
      lastQueue: (x.lastQueue as string | null) ?? null,
      lastRp: (x.lastRp as string | null) ?? null,
      receivedFrom: (x.receivedFrom as string | null) ?? null,
      last: Number(x.last),
      mediation: Number(x.mediation),
      type: Number(x.type),
      media: Number(x.media),
      sdtOk: x.sdtOk === true,
      m,
    };
  });
}

/** The IRF of `guid` (throws if it is missing). */
export async function irf(db: Db, guid: string): Promise<IrfRow> {
  const all = await irfRows(db, guid);
  const row = all.find((x) => x.guid === guid);
  if (!row) throw new Error(`no IRF for ${guid} (IRFs: ${all.map((x) => x.guid).join(', ') || 'none'})`);
  return row;
}

/** PartyGUIDs having an IRF, for interactions/parties starting with `prefix`. */
export async function irfGuids(db: Db, prefix: string): Promise<string[]> {
  return (await irfRows(db, prefix)).map((x) => x.guid);
}

export interface MsfRow {
  guid: string;
  resource: string | null;
  td: number;
  start: number;
  end: number;
  mediation: number;
  target: string | null;
  ixnResource: string | null;
  ixnGuid: string | null;
}

/** MSF rows whose interaction GUID starts with `prefix`, by START_TS. */
export async function msfRows(db: Db, prefix: string): Promise<MsfRow[]> {
  const r = await db.query<MsfRow>(
    `SELECT m.mediation_guid AS guid, ${res('m.resource_key')} AS resource, m.technical_descriptor_key AS td,
            m.start_ts AS start, m.end_ts AS "end", m.mediation_duration AS mediation,
            ${irfGuid('m.target_ixn_resource_id')} AS target, ${irfGuid('m.ixn_resource_id')} AS "ixnResource",
            i.media_server_ixn_guid AS "ixnGuid"
       FROM mediation_segment_fact m LEFT JOIN interaction_fact i ON i.interaction_id = m.interaction_id
      WHERE i.media_server_ixn_guid LIKE $1 || '%' ORDER BY m.start_ts, m.mediation_guid`,
    [prefix],
  );
  return r.rows;
}

export interface StateRow {
  state: number;
  start: number;
  end: number;
  dur: number;
  count: number;
  resource: string | null;
}

/** IXN_RESOURCE_STATE_FACT rows of the IRF of `guid`, by START_TS then state key. */
export async function stateRows(db: Db, guid: string): Promise<StateRow[]> {
  const r = await db.query<StateRow>(
    `SELECT s.interaction_resource_state_key AS state, s.start_ts AS start, s.end_ts AS "end",
            s.total_duration AS dur, s.state_count AS count, ${res('s.resource_key')} AS resource
       FROM ixn_resource_state_fact s JOIN interaction_resource_fact f
         ON f.interaction_resource_id = s.interaction_resource_id
      WHERE f.partyguid = $1 ORDER BY s.start_ts, s.interaction_resource_state_key`,
    [guid],
  );
  return r.rows;
}

export interface DiscardRow {
  table: string | null;
  interactionId: number | null;
  guid: string | null;
  code: string | null;
  etlTs: number | null;
}

/** STG_TRANSFORM_DISCARDS rows whose GUID starts with `prefix`. */
export async function discards(db: Db, prefix: string): Promise<DiscardRow[]> {
  const r = await db.query<DiscardRow>(
    `SELECT lower(table_name) AS "table", interaction_id AS "interactionId", guid, code, etl_ts AS "etlTs"
       FROM stg_transform_discards WHERE guid LIKE $1 || '%' ORDER BY guid, code`,
    [prefix],
  );
  return r.rows.map((x) => ({
    ...x,
    interactionId: x.interactionId === null ? null : Number(x.interactionId),
  }));
}

/** Number of rows of `table` satisfying `where` (test-written SQL only). */
export async function unsafeCount(
  db: Db,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const r = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(r.rows[0]?.n ?? 0);
}

/** PARTYGUID -> TECHNICAL_DESCRIPTOR_KEY of the IRFs under `prefix`. */
export async function tdOf(db: Db, prefix: string): Promise<Record<string, number>> {
  return Object.fromEntries((await irfRows(db, prefix)).map((x) => [x.guid, x.td]));
}

/** The listed fields of a row (to compare a part of it). */
export function pick<T extends object, K extends keyof T>(
  row: T | undefined,
  keys: readonly K[],
): Pick<T, K> {
  if (!row) throw new Error('row missing');
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
}

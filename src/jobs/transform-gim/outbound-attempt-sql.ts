// Set-based SQL of the OCS attempt unit kind (data-model 5.12): one unit per CallAttID, complete
// when a GO_CHAINREC_HIST row of it has State 3 or 0; its CONTACT_ATTEMPT_FACT row.
import {
  unsafeCallResultKey,
  unsafeCodeIn,
  unsafeDispositionKey,
  unsafeOutRef,
  unsafeOutResolved,
} from './outbound-refs-sql.ts';
import { unsafeKeyOf } from './sql-constants.ts';

export const ATTEMPT_UNIT = 'OCS_ATTEMPT';

const CHANGED = `x.update_audit_key > $1 AND x.update_audit_key <= $2`;
const ATT = `h.callattid IS NOT NULL AND h.callattid <> ''`;

/** Attempts of the interactions whose facts changed: through their calls, and the CAFs pointing at them. */
function viaInteraction(table: string): string {
  return `
    SELECT g.callattid AS unit_id, COALESCE(g.added_ts, g.start_date_time_key) AS from_ts,
           COALESCE(g.added_ts, g.start_date_time_key) AS to_ts, COALESCE(g.added_ts, g.start_date_time_key) AS last_ts
      FROM ${table} x JOIN tf_call_interaction ti ON ti.interaction_id = x.interaction_id
      JOIN gidb_gox_chain_call g ON g.callid = ti.callid
     WHERE ${CHANGED}
    UNION ALL
    SELECT f.call_attempt_id, f.start_ts, f.end_ts, f.end_ts
      FROM ${table} x JOIN contact_attempt_fact f ON f.interaction_id = x.interaction_id
     WHERE ${CHANGED}`;
}

/**
 * Changed rows -> attempts. GO_FIELDHIST: attempts of the same record completed at or after the
 * field's time; GO_CHAIN: every attempt of the chain; GO_CAMPAIGN: every attempt of the
 * session's chains; INTERACTION_FACT / INTERACTION_RESOURCE_FACT: see viaInteraction.
 */
export const ATTEMPT_CHANGED_SQL: Readonly<Record<string, string>> = {
  gidb_go_chainrec_hist: `
    SELECT h.callattid AS unit_id, h.added_ts AS from_ts, h.added_ts AS to_ts, h.added_ts AS last_ts
      FROM gidb_go_chainrec_hist h WHERE h.update_audit_key > $1 AND h.update_audit_key <= $2 AND ${ATT}`,
  gidb_gox_chain_call: `
    SELECT x.callattid AS unit_id, COALESCE(x.added_ts, x.start_date_time_key) AS from_ts,
           COALESCE(x.added_ts, x.start_date_time_key) AS to_ts, COALESCE(x.added_ts, x.start_date_time_key) AS last_ts
      FROM gidb_gox_chain_call x WHERE ${CHANGED}`,
  gidb_go_fieldhist: `
    SELECT h.callattid AS unit_id, h.added_ts AS from_ts, h.added_ts AS to_ts, h.added_ts AS last_ts
      FROM gidb_go_fieldhist x JOIN gidb_go_chainrec_hist h ON h.chainguid = x.chainguid
       AND h.recordhandle = x.recordhandle AND h.state IN (0, 3) AND h.added_ts >= x.added_ts AND ${ATT}
     WHERE ${CHANGED}`,
  gidb_go_chain: `
    SELECT h.callattid AS unit_id, h.added_ts AS from_ts, h.added_ts AS to_ts, h.added_ts AS last_ts
      FROM gidb_go_chain x JOIN gidb_go_chainrec_hist h ON h.chainguid = x.chainguid AND ${ATT}
     WHERE ${CHANGED}`,
  gidb_go_campaign: `
    SELECT h.callattid AS unit_id, h.added_ts AS from_ts, h.added_ts AS to_ts, h.added_ts AS last_ts
      FROM gidb_go_campaign x JOIN gidb_go_chain c ON c.sessid = x.sessid
      JOIN gidb_go_chainrec_hist h ON h.chainguid = c.chainguid AND ${ATT}
     WHERE ${CHANGED}`,
  interaction_fact: viaInteraction('interaction_fact'),
  interaction_resource_fact: viaInteraction('interaction_resource_fact'),
};

/**
 * Attempts to redo when configuration objects arrived in this run: facts holding a -1 key, and
 * complete attempts of chains of a new group that have no fact (failed as group missing).
 */
export const ATTEMPT_NEW_CONFIG = `
INSERT INTO stg_ixn_backlog (unit_type, unit_id, first_seen_ts, reason, changed_from_ts, changed_to_ts,
  last_event_ts, ready)
SELECT '${ATTEMPT_UNIT}', x.att, $1, 'NEW_CFG', min(x.t), max(x.t), max(x.t), 0
  FROM (SELECT f.call_attempt_id AS att, f.end_ts AS t FROM contact_attempt_fact f
         WHERE EXISTS (SELECT 1 FROM stg_tf_new_cfg)
           AND -1 IN (f.tenant_key, f.campaign_key, f.group_key, f.calling_list_key, f.time_zone_key)
        UNION ALL
        SELECT h.callattid, h.added_ts FROM stg_tf_new_cfg n
          JOIN gidb_go_chain c ON n.cfg_type = 'GROUP' AND c.groupid = n.cfg_dbid
          JOIN gidb_go_chainrec_hist h ON h.chainguid = c.chainguid AND h.state IN (0, 3) AND ${ATT}
         WHERE NOT EXISTS (SELECT 1 FROM contact_attempt_fact f WHERE f.call_attempt_id = h.callattid)) x
 GROUP BY x.att
ON CONFLICT (unit_type, unit_id) DO UPDATE SET
  changed_from_ts = LEAST(stg_ixn_backlog.changed_from_ts, excluded.changed_from_ts),
  changed_to_ts = GREATEST(stg_ixn_backlog.changed_to_ts, excluded.changed_to_ts),
  last_event_ts = GREATEST(stg_ixn_backlog.last_event_ts, excluded.last_event_ts)`;

/**
 * Per attempt of `units` (a SELECT of `att`): its first row's time, its completing row (the
 * first row with State 3 or 0, UK order on equal times), its GO_CHAIN and GO_CAMPAIGN rows.
 */
function unsafeAttemptBase(units: string): string {
  return `
WITH u AS (${units}),
e AS (SELECT DISTINCT ON (h.callattid) h.*
        FROM gidb_go_chainrec_hist h JOIN u ON u.att = h.callattid
       WHERE h.state IN (0, 3)
       ORDER BY h.callattid, h.added_ts, h.chainguid, h.recordhandle, h.state),
st AS (SELECT h.callattid, min(h.added_ts) AS start_ts
         FROM gidb_go_chainrec_hist h JOIN u ON u.att = h.callattid GROUP BY h.callattid),
ch AS (SELECT DISTINCT ON (c.chainguid) c.* FROM gidb_go_chain c JOIN e ON e.chainguid = c.chainguid
        ORDER BY c.chainguid, c.start_date_time_key DESC),
se AS (SELECT DISTINCT ON (s.sessid) s.* FROM gidb_go_campaign s JOIN ch ON ch.sessid = s.sessid
        ORDER BY s.sessid, s.start_date_time_key DESC)
SELECT e.callattid, e.chainguid, e.recordhandle, e.added_ts AS end_ts, st.start_ts, e.callresult, e.recordtype,
       e.recordstatus, e.contactinfo, e.contactinfotype, e.timezoneid, e.dailyfrom, e.dailytill, e.attemptcause,
       e.attemptcauseby, e.chainn, e.attemptnumber,
       ch.chainguid IS NOT NULL AS has_chain, se.sessid IS NOT NULL AS has_session, ch.sessid, ch.campaignid,
       ch.groupid, ch.callinglistid, ch.chainid, se.tenantid, se.dialmode
  FROM e JOIN st ON st.callattid = e.callattid
  LEFT JOIN ch ON ch.chainguid = e.chainguid
  LEFT JOIN se ON se.sessid = ch.sessid`;
}

/**
 * Readiness ($1 ref_ts, $2 delayed-data-threshold, $3 max-call-duration), each wait measured
 * from the attempt's END_TS: complete; chain, session and every configuration reference present
 * (else wait delayed-data-threshold); a call linked by GOX_CHAIN_CALL present in
 * TF_CALL_INTERACTION (else wait max-call-duration; an attempt without a linked call does not wait).
 */
export const ATTEMPT_READY = `
UPDATE stg_ixn_backlog b
   SET ready = CASE WHEN k.complete AND (k.cfg_ok OR $1 - k.end_ts > $2) AND (NOT k.wait_call OR $1 - k.end_ts > $3)
                    THEN 1 ELSE 0 END,
       reason = CASE WHEN NOT k.complete THEN 'WAIT_COMPLETE'
                     WHEN NOT (k.cfg_ok OR $1 - k.end_ts > $2) THEN 'WAIT_CONFIG'
                     WHEN k.wait_call AND $1 - k.end_ts <= $3 THEN 'WAIT_INTERACTION' ELSE 'READY' END
  FROM (SELECT b2.unit_id, a.callattid IS NOT NULL AS complete, a.end_ts,
               COALESCE(a.has_chain AND a.has_session AND ${unsafeOutResolved('campaign', 'a.campaignid')}
                 AND ${unsafeOutResolved('group', 'a.groupid')} AND ${unsafeOutResolved('callingList', 'a.callinglistid')}
                 AND ${unsafeOutResolved('timeZone', 'a.timezoneid')} AND ${unsafeOutResolved('tenant', 'a.tenantid')},
                 false) AS cfg_ok,
               (EXISTS (SELECT 1 FROM gidb_gox_chain_call g WHERE g.callattid = b2.unit_id)
                 AND NOT EXISTS (SELECT 1 FROM gidb_gox_chain_call g JOIN tf_call_interaction ti ON ti.callid = g.callid
                                  WHERE g.callattid = b2.unit_id)) AS wait_call
          FROM stg_ixn_backlog b2
          LEFT JOIN (${unsafeAttemptBase(`SELECT unit_id AS att FROM stg_ixn_backlog WHERE unit_type = '${ATTEMPT_UNIT}'`)}) a
            ON a.callattid = b2.unit_id
         WHERE b2.unit_type = '${ATTEMPT_UNIT}') k
 WHERE b.unit_type = '${ATTEMPT_UNIT}' AND b.unit_id = k.unit_id`;

const GROUP_REF = unsafeOutRef('group', 'a.groupid');

/** The chunk's complete attempts into STG_TF_ATTEMPT (record fields and interaction come after). */
export const LOAD_ATTEMPTS = `
INSERT INTO stg_tf_attempt (call_attempt_id, chainguid, missing, missing_what, tenant_key, campaign_key,
  calling_list_key, group_key, call_result_key, attempt_disposition_key, record_type_key, record_status_key,
  contact_info_type_key, dialing_mode_key, time_zone_key, campaign_group_session_id, record_id, chain_id, chain_n,
  attempt_number, contact_info, daily_from, daily_till, start_ts, end_ts)
SELECT a.callattid, a.chainguid,
       CASE WHEN NOT a.has_chain OR NOT a.has_session OR ${GROUP_REF} < 0 THEN 1 ELSE 0 END,
       CASE WHEN NOT a.has_chain THEN 'chain' WHEN NOT a.has_session THEN 'session'
            WHEN ${GROUP_REF} < 0 THEN 'group' END,
       CASE WHEN a.has_session THEN ${unsafeOutRef('tenant', 'a.tenantid')}
            ELSE COALESCE((SELECT c.tenant_key FROM campaign c WHERE c.campaign_cfg_dbid = a.campaignid), -1) END,
       CASE WHEN a.has_chain THEN ${unsafeOutRef('campaign', 'a.campaignid')} ELSE -1 END,
       CASE WHEN a.has_chain THEN ${unsafeOutRef('callingList', 'a.callinglistid')} ELSE -1 END,
       CASE WHEN a.has_chain AND ${GROUP_REF} >= 0 THEN ${GROUP_REF} ELSE -1 END,
       ${unsafeCallResultKey('a.callresult')}, ${unsafeDispositionKey('a.attemptcause', 'a.attemptcauseby')},
       ${unsafeCodeIn('a.recordtype', 7)}, ${unsafeCodeIn('a.recordstatus', 9)}, ${unsafeCodeIn('a.contactinfotype', 11)},
       CASE WHEN a.has_session THEN ${unsafeCodeIn('a.dialmode', 9)} ELSE -1 END,
       ${unsafeOutRef('timeZone', 'a.timezoneid')}, a.sessid, a.recordhandle, a.chainid, a.chainn, a.attemptnumber,
       a.contactinfo, a.dailyfrom, a.dailytill, a.start_ts, GREATEST(a.end_ts, a.start_ts)
  FROM (${unsafeAttemptBase(`SELECT unit_id AS att FROM stg_tf_chunk WHERE unit_type = '${ATTEMPT_UNIT}'`)}) a`;

/**
 * RECORD_FIELD_n = latest GO_FIELDHIST value of the record with Added_TS <= END_TS for the n-th
 * name of $1 (the names joined by commas; option values never hold a comma).
 */
export const RECORD_FIELDS = `
WITH nm AS (SELECT t.name, t.n::int AS n FROM unnest(string_to_array($1::text, ',')) WITH ORDINALITY AS t(name, n)),
lv AS (SELECT DISTINCT ON (a.call_attempt_id, nm.n) a.call_attempt_id, nm.n, left(f.fieldvalue, 255) AS v
         FROM stg_tf_attempt a
         JOIN gidb_go_fieldhist f ON f.chainguid = a.chainguid AND f.recordhandle = a.record_id AND f.added_ts <= a.end_ts
         JOIN nm ON nm.name = f.fieldname
        ORDER BY a.call_attempt_id, nm.n, f.added_ts DESC),
pv AS (SELECT call_attempt_id, ${Array.from({ length: 10 }, (_, i) => `max(v) FILTER (WHERE n = ${i + 1}) AS f${i + 1}`).join(', ')}
         FROM lv GROUP BY call_attempt_id)
UPDATE stg_tf_attempt a
   SET (${Array.from({ length: 10 }, (_, i) => `record_field_${i + 1}`).join(', ')}) =
       (${Array.from({ length: 10 }, (_, i) => `pv.f${i + 1}`).join(', ')})
  FROM pv WHERE pv.call_attempt_id = a.call_attempt_id`;

/** INTERACTION_ID of the first linked call (Added_TS, CallID) found in TF_CALL_INTERACTION. */
export const LINK_INTERACTIONS = `
UPDATE stg_tf_attempt a SET interaction_id = x.interaction_id, interaction_sdt_key = x.interaction_sdt_key
  FROM (SELECT DISTINCT ON (g.callattid) g.callattid, ti.interaction_id, ti.interaction_sdt_key
          FROM gidb_gox_chain_call g JOIN stg_tf_attempt a2 ON a2.call_attempt_id = g.callattid
          JOIN tf_call_interaction ti ON ti.callid = g.callid
         ORDER BY g.callattid, g.added_ts, g.callid) x
 WHERE x.callattid = a.call_attempt_id`;

/** RESOURCE_KEY = resource of the interaction's earliest agent IRF (START_TS, then PARTYGUID). */
export const LINK_RESOURCES = `
UPDATE stg_tf_attempt a SET resource_key = x.resource_key
  FROM (SELECT DISTINCT ON (i.interaction_id) i.interaction_id, i.resource_key
          FROM interaction_resource_fact i JOIN resource_ r ON r.resource_key = i.resource_key
         WHERE r.resource_type_code = 'AGENT'
           AND i.interaction_id IN (SELECT interaction_id FROM stg_tf_attempt WHERE interaction_id IS NOT NULL)
         ORDER BY i.interaction_id, i.start_ts, i.partyguid) x
 WHERE x.interaction_id = a.interaction_id`;

/**
 * Failed attempts (log_db_resume): one STG_TRANSFORM_DISCARDS row each ($1 audit key, $2
 * ref_ts); a failure already logged with the same reason is not logged again.
 */
export const LOG_DISCARDS = `
INSERT INTO stg_transform_discards (table_name, interaction_id, guid, code, reason, etl_ts, etl_date_time_key,
  create_audit_key)
SELECT 'GIDB_GO_CHAIN', COALESCE(a.interaction_id, -2), a.chainguid, 'CAMPAIGN_GROUP_MISSING',
       'attempt ' || a.call_attempt_id || ': campaign group ' || a.missing_what || ' missing', $2::int,
       ${unsafeKeyOf('$2::int')}, $1::numeric
  FROM stg_tf_attempt a
 WHERE a.missing = 1
   AND NOT EXISTS (SELECT 1 FROM stg_transform_discards d
                    WHERE d.code = 'CAMPAIGN_GROUP_MISSING' AND d.guid = a.chainguid
                      AND d.reason = 'attempt ' || a.call_attempt_id || ': campaign group ' || a.missing_what || ' missing')`;

const FACT_VALUES = [
  'tenant_key',
  'campaign_key',
  'calling_list_key',
  'group_key',
  'resource_key',
  'call_result_key',
  'attempt_disposition_key',
  'record_type_key',
  'record_status_key',
  'contact_info_type_key',
  'dialing_mode_key',
  'time_zone_key',
  'campaign_group_session_id',
  'record_id',
  'chain_id',
  'chain_n',
  'attempt_number',
  'contact_info',
  'daily_from',
  'daily_till',
  ...Array.from({ length: 10 }, (_, i) => `record_field_${i + 1}`),
  'interaction_id',
  'interaction_sdt_key',
  'end_date_time_key',
  'start_ts',
  'end_ts',
];

/** $-free: `written` is a condition on stg_tf_attempt `a` (which attempts get a fact). */
export function unsafeNewAttempts(written: string): string {
  return `
CREATE TEMP TABLE tf_n_attempt ON COMMIT DROP AS
SELECT a.call_attempt_id, ${unsafeKeyOf('a.start_ts')} AS start_date_time_key, 1 AS media_type_key,
       ${FACT_VALUES.filter((c) => c !== 'end_date_time_key')
         .map((c) => `a.${c}`)
         .join(', ')},
       ${unsafeKeyOf('a.end_ts')} AS end_date_time_key
  FROM stg_tf_attempt a WHERE ${written}`;
}

export const ATTEMPT_FACT = {
  table: 'contact_attempt_fact',
  staging: 'tf_n_attempt',
  naturalKey: ['call_attempt_id', 'start_date_time_key'],
  values: ['media_type_key', ...FACT_VALUES],
  scopeFrom: 'stg_tf_chunk u',
  scopeWhere: `u.unit_type = '${ATTEMPT_UNIT}' AND f.call_attempt_id = u.unit_id`,
} as const;

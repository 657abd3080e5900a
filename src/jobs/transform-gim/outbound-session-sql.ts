// Set-based SQL of the campaign-group session unit kind (data-model 5.12): one unit per
// GO_CAMPAIGN SessID; its CAMPAIGN_GROUP_SESSION_FACT and CAMPAIGN_GROUP_STATE_FACT rows.
import { unsafeOutRef, unsafeOutResolved } from './outbound-refs-sql.ts';
import { OPEN_TS, unsafeIntervalColumns } from './sql-constants.ts';

export const SESSION_UNIT = 'CAMP_SESSION';

const CHANGED = `x.update_audit_key > $1 AND x.update_audit_key <= $2`;

/** Changed GO_CAMPAIGN / GO_CAMPAIGNHISTORY rows -> their SessID. */
export const SESSION_CHANGED_SQL: Readonly<Record<string, string>> = {
  gidb_go_campaign: `
    SELECT x.sessid AS unit_id, COALESCE(x.created_ts, x.start_date_time_key) AS from_ts,
           COALESCE(x.terminated_ts, x.created_ts, x.start_date_time_key) AS to_ts,
           COALESCE(x.terminated_ts, x.created_ts, x.start_date_time_key) AS last_ts
      FROM gidb_go_campaign x WHERE ${CHANGED}`,
  gidb_go_campaignhistory: `
    SELECT x.sessid AS unit_id, x.added_ts AS from_ts, x.added_ts AS to_ts, x.added_ts AS last_ts
      FROM gidb_go_campaignhistory x WHERE ${CHANGED}`,
};

/** Sessions whose facts hold a -1 key that a configuration object of this run now resolves. */
export const SESSION_NEW_CONFIG = `
INSERT INTO stg_ixn_backlog (unit_type, unit_id, first_seen_ts, reason, changed_from_ts, changed_to_ts,
  last_event_ts, ready)
SELECT '${SESSION_UNIT}', f.campaign_group_session_id, $1, 'NEW_CFG', min(f.start_ts),
       max(COALESCE(f.end_ts, f.start_ts)), max(COALESCE(f.end_ts, f.start_ts)), 0
  FROM campaign_group_session_fact f
 WHERE (f.campaign_key = -1 AND EXISTS (SELECT 1 FROM stg_tf_new_cfg n WHERE n.cfg_type = 'CAMPAIGN'))
    OR (f.group_key = -1 AND EXISTS (SELECT 1 FROM stg_tf_new_cfg n WHERE n.cfg_type = 'GROUP'))
    OR (f.tenant_key = -1 AND EXISTS (SELECT 1 FROM stg_tf_new_cfg n WHERE n.cfg_type = 'TENANT'))
 GROUP BY f.campaign_group_session_id
ON CONFLICT (unit_type, unit_id) DO UPDATE SET
  changed_from_ts = LEAST(stg_ixn_backlog.changed_from_ts, excluded.changed_from_ts),
  changed_to_ts = GREATEST(stg_ixn_backlog.changed_to_ts, excluded.changed_to_ts),
  last_event_ts = GREATEST(stg_ixn_backlog.last_event_ts, excluded.last_event_ts)`;

/**
 * Readiness ($1 ref_ts, $2 delayed-data-threshold): a session is ready when its GO_CAMPAIGN row
 * exists and its campaign, group and tenant resolve; otherwise it waits delayed-data-threshold
 * after its latest event, then is written with -1 keys (states only, without a session row).
 */
export const SESSION_READY = `
UPDATE stg_ixn_backlog b
   SET ready = CASE WHEN k.ok OR $1 - b.last_event_ts > $2 THEN 1 ELSE 0 END,
       reason = CASE WHEN k.ok OR $1 - b.last_event_ts > $2 THEN 'READY' ELSE 'WAIT_CONFIG' END
  FROM (SELECT b2.unit_id, EXISTS (
          SELECT 1 FROM gidb_go_campaign c WHERE c.sessid = b2.unit_id
             AND ${unsafeOutResolved('campaign', 'c.campaignid')} AND ${unsafeOutResolved('group', 'c.groupid')}
             AND ${unsafeOutResolved('tenant', 'c.tenantid')}) AS ok
          FROM stg_ixn_backlog b2 WHERE b2.unit_type = '${SESSION_UNIT}') k
 WHERE b.unit_type = '${SESSION_UNIT}' AND b.unit_id = k.unit_id`;

/** The chunk's session units. */
const UNITS = `SELECT unit_id AS sessid FROM stg_tf_chunk WHERE unit_type = '${SESSION_UNIT}'`;

/** One GO_CAMPAIGN row per SessID (the latest partition row if ever two). */
const SESSIONS = `
SELECT DISTINCT ON (c.sessid) c.* FROM gidb_go_campaign c JOIN (${UNITS}) u ON u.sessid = c.sessid
 WHERE c.created_ts IS NOT NULL
 ORDER BY c.sessid, c.start_date_time_key DESC`;

export const NEW_SESSIONS = `
CREATE TEMP TABLE tf_n_cg_session ON COMMIT DROP AS
SELECT ${unsafeOutRef('tenant', 's.tenantid')} AS tenant_key, ${unsafeOutRef('group', 's.groupid')} AS group_key,
       ${unsafeOutRef('campaign', 's.campaignid')} AS campaign_key, s.sessid AS campaign_group_session_id,
       0 AS purge_flag,
       ${unsafeIntervalColumns('s.created_ts', `CASE WHEN s.terminated_ts IS NULL THEN ${OPEN_TS} ELSE GREATEST(s.terminated_ts, s.created_ts) END`, false)}
  FROM (${SESSIONS}) s`;

/**
 * Run once the session facts are written. Each GO_CAMPAIGNHISTORY row with State 1–3 lasts until
 * the next row of its SessID (UK order on equal times; a period of zero length is dropped); the
 * last one ends with the session's Terminated_TS, or stays active.
 */
export const NEW_STATES = `
CREATE TEMP TABLE tf_n_cg_state ON COMMIT DROP AS
WITH h AS (
  SELECT h.sessid, h.state, h.added_ts, h.campaignid, h.groupid,
         lead(h.added_ts) OVER (PARTITION BY h.sessid ORDER BY h.added_ts, h.state) AS next_ts
    FROM gidb_go_campaignhistory h JOIN (${UNITS}) u ON u.sessid = h.sessid),
p AS (
  SELECT h.*, s.tenantid, COALESCE(s.campaignid, h.campaignid) AS camp_id, COALESCE(s.groupid, h.groupid) AS group_id,
         COALESCE(h.next_ts, CASE WHEN s.terminated_ts >= h.added_ts THEN s.terminated_ts END, ${OPEN_TS}) AS p_end
    FROM h LEFT JOIN (${SESSIONS}) s ON s.sessid = h.sessid
   WHERE h.state BETWEEN 1 AND 3 AND (h.next_ts IS NULL OR h.next_ts > h.added_ts))
SELECT ${unsafeOutRef('tenant', 'p.tenantid')} AS tenant_key, ${unsafeOutRef('campaign', 'p.camp_id')} AS campaign_key,
       ${unsafeOutRef('group', 'p.group_id')} AS group_key, p.state AS campaign_group_state_key,
       sf.camp_group_session_fact_key, sf.start_date_time_key AS camp_group_sess_fact_sdt_key,
       p.sessid AS campaign_group_session_id, 0 AS purge_flag,
       ${unsafeIntervalColumns('p.added_ts', 'p.p_end', false)}
  FROM p LEFT JOIN campaign_group_session_fact sf ON sf.campaign_group_session_id = p.sessid`;

export const SESSION_SCOPE_FROM = 'stg_tf_chunk u';
export const SESSION_SCOPE_WHERE = `u.unit_type = '${SESSION_UNIT}' AND f.campaign_group_session_id = u.unit_id`;

const INTERVAL = ['end_date_time_key', 'end_ts', 'total_duration', 'active_flag'];

export const SESSION_FACT_TABLES = [
  {
    table: 'campaign_group_session_fact',
    staging: 'tf_n_cg_session',
    naturalKey: ['campaign_group_session_id', 'start_date_time_key'],
    values: ['tenant_key', 'group_key', 'campaign_key', 'start_ts', ...INTERVAL, 'purge_flag'],
  },
  {
    table: 'campaign_group_state_fact',
    staging: 'tf_n_cg_state',
    naturalKey: ['campaign_group_session_id', 'start_ts', 'start_date_time_key'],
    values: [
      'tenant_key',
      'campaign_key',
      'group_key',
      'campaign_group_state_key',
      'camp_group_session_fact_key',
      'camp_group_sess_fact_sdt_key',
      ...INTERVAL,
      'purge_flag',
    ],
  },
] as const;

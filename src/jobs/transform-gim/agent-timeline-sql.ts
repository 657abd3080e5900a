// Agent timelines (data-model 5.11), one batch of agent units at a time: associations, session
// facts (union of association intervals), contributor segments and reason periods (the winners and
// state periods are in agent-winners-sql.ts). Every statement works on the whole batch in
// STG_TF_AGENT; open intervals end at OPEN_TS.
import { ALL_WINNERS, KEPT_ASSOC } from './agent-winners-sql.ts';
import { OPEN_TS } from './sql-constants.ts';

/** Associations further than this from a unit's changed range are not read (project choice). */
export const ASSOC_MARGIN_S = 2 * 86400;

export const LOAD_UNITS = `
INSERT INTO stg_tf_agent (agent_id, resource_key, tenant_key, w_from, w_to)
SELECT c.unit_id::int, COALESCE(r.resource_key, -1), COALESCE(r.tenant_key, -1),
       c.changed_from_ts, c.changed_to_ts
  FROM stg_tf_chunk c
  LEFT JOIN resource_ r ON r.resource_cfg_type_id = 3 AND r.resource_cfg_dbid = c.unit_id::int
 WHERE c.unit_type = 'AGENT'`;

export const LOAD_ASSOCIATIONS = `
INSERT INTO stg_tf_assoc (aid, agent_id, fam, lsid, ep, media, a_start, a_end)
SELECT row_number() OVER (), a.agent_id, se.fam, se.loginsessionid, se.endpointid, se.mediatype, se.created_ts,
       COALESCE(se.terminated_ts, ls.terminated_ts, ${OPEN_TS})
  FROM stg_tf_agent a
  JOIN tf_session_endpoint se ON se.agentid = a.agent_id
  LEFT JOIN tf_login_session ls ON ls.fam = se.fam AND ls.loginsessionid = se.loginsessionid
 WHERE se.created_ts <= a.w_to::bigint + ${ASSOC_MARGIN_S}
   AND COALESCE(se.terminated_ts, ls.terminated_ts, ${OPEN_TS}) >= a.w_from - ${ASSOC_MARGIN_S}
   AND COALESCE(se.terminated_ts, ls.terminated_ts, ${OPEN_TS}) > se.created_ts`;

/** Maximal unions of association intervals that overlap or touch, per agent and media. */
export const BUILD_SESSIONS = `
INSERT INTO stg_tf_session (agent_id, media, s_start, s_end)
SELECT agent_id, media, min(a_start), max(a_end)
  FROM (SELECT agent_id, media, a_start, a_end,
               sum(CASE WHEN prev_end IS NULL OR a_start > prev_end THEN 1 ELSE 0 END)
                 OVER (PARTITION BY agent_id, media ORDER BY a_start, a_end ROWS UNBOUNDED PRECEDING) AS isl
          FROM (SELECT agent_id, media, a_start, a_end,
                       max(a_end) OVER (PARTITION BY agent_id, media ORDER BY a_start, a_end
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
                  FROM stg_tf_assoc) o) g
 GROUP BY agent_id, media, isl`;

/** Widens each unit's window to whole sessions, new ones and those already written. */
export const WIDEN_BY_NEW_SESSIONS = `
UPDATE stg_tf_agent a SET w_from = LEAST(a.w_from, x.mn), w_to = GREATEST(a.w_to, x.mx)
  FROM (SELECT s.agent_id, min(s.s_start) AS mn, max(s.s_end) AS mx
          FROM stg_tf_session s JOIN stg_tf_agent a2 ON a2.agent_id = s.agent_id
         WHERE s.s_start <= a2.w_to AND s.s_end >= a2.w_from
         GROUP BY s.agent_id) x
 WHERE x.agent_id = a.agent_id`;

export const WIDEN_BY_OLD_SESSIONS = `
UPDATE stg_tf_agent a SET w_from = LEAST(a.w_from, x.mn), w_to = GREATEST(a.w_to, x.mx)
  FROM (SELECT a2.agent_id, min(f.start_ts) AS mn, max(COALESCE(f.end_ts, ${OPEN_TS})) AS mx
          FROM sm_res_session_fact f JOIN stg_tf_agent a2 ON a2.resource_key = f.resource_key
         WHERE a2.resource_key <> -1 AND f.start_ts <= a2.w_to AND COALESCE(f.end_ts, ${OPEN_TS}) >= a2.w_from
         GROUP BY a2.agent_id) x
 WHERE x.agent_id = a.agent_id`;

export const DROP_OUTSIDE_SESSIONS = `
DELETE FROM stg_tf_session s USING stg_tf_agent a
 WHERE s.agent_id = a.agent_id AND NOT (s.s_start <= a.w_to AND s.s_end >= a.w_from)`;

/** Events of each association (AID): its start (LoggedIn), then its Type 5 rows, narrow for the sort. */
const CONTRIBUTOR_EVENTS = `
WITH a AS (${KEPT_ASSOC}),
ev AS (
  SELECT a.aid, a.a_start AS ts, 0 AS kind, 0 AS ord, 1 AS st, 0 AS dnd FROM a
  UNION ALL
  SELECT a.aid, GREATEST(h.added_ts, a.a_start), 1, h.seq, h.state, NULL
    FROM a JOIN tf_agent_state_history h ON h.fam = a.fam AND h.loginsessionid = a.lsid
     AND h.endpointid = a.ep AND h.mediatype = a.media AND h.type = 5 AND h.state IS NOT NULL
     AND h.added_ts < a.a_end`;

/** Segments [ts, nts or the association end) of positive length, with the association's columns. */
const INSERT_SEGMENTS = (state: string): string => `
INSERT INTO stg_tf_cseg (agent_id, media, fam, lsid, ep, seg_start, seg_end, state)
SELECT x.agent_id, x.media, x.fam, x.lsid, x.ep, h.ts, COALESCE(h.nts, x.a_end), ${state}
  FROM h JOIN stg_tf_assoc x ON x.aid = h.aid
 WHERE COALESCE(h.nts, x.a_end) > h.ts`;

const CODE = (st: string): string => `CASE WHEN ${st} < 0 OR ${st} >= 6 THEN 0 ELSE ${st} END`;

/**
 * Contributor segments: per association, the state of its latest Type 5 row at each instant
 * (LoggedIn before the first; a row without State is skipped), codes >= 6 as Unknown. Rows at one
 * instant: the last by Seq wins (the earlier ones give zero-length segments, dropped). One sort.
 */
export const BUILD_CONTRIBUTORS = `${CONTRIBUTOR_EVENTS}),
h AS (SELECT ev.*, lead(ts) OVER (PARTITION BY aid ORDER BY ts, kind, ord) AS nts FROM ev)
${INSERT_SEGMENTS(CODE('h.st'))}`;

/**
 * The same with factor-dnd-into-sm-resource-states: DND rows are events too, and Ready/LoggedIn
 * under DND on count as NotReady. Rows at one instant: the last by (kind, Seq) wins.
 */
export const BUILD_CONTRIBUTORS_DND = `${CONTRIBUTOR_EVENTS}
  UNION ALL
  SELECT a.aid, GREATEST(d.added_ts, a.a_start), 2, 0, NULL, d.dndstate
    FROM a JOIN tf_dnd_history d ON d.fam = a.fam AND d.loginsessionid = a.lsid
     AND d.endpointid = a.ep AND d.mediatype = a.media AND d.added_ts < a.a_end),
f AS (
  SELECT ev.*, count(st) OVER w AS sg, count(dnd) OVER w AS dg
    FROM ev WINDOW w AS (PARTITION BY aid ORDER BY ts, kind, ord ROWS UNBOUNDED PRECEDING)),
g AS (
  SELECT f.*, max(st) OVER (PARTITION BY aid, sg) AS st2, max(dnd) OVER (PARTITION BY aid, dg) AS dnd2,
         row_number() OVER (PARTITION BY aid, ts ORDER BY kind DESC, ord DESC) AS rn
    FROM f),
h AS (SELECT g.*, lead(ts) OVER (PARTITION BY aid ORDER BY ts) AS nts FROM g WHERE rn = 1)
${INSERT_SEGMENTS(`CASE WHEN h.dnd2 = 1 AND h.st2 IN (1, 3) THEN 2 ELSE ${CODE('h.st2')} END`)}`;

/** RESOURCE_STATE_REASON rows for the batch's reason codes (one per distinct combination). */
const REASON_TYPE = `CASE rc.hwflag WHEN 1 THEN 'Hardware' WHEN 0 THEN 'Software' ELSE 'Unknown' END`;
const WORKMODE = `CASE rc.workmode WHEN 1 THEN 'ManualIn' WHEN 2 THEN 'AutoIn' WHEN 3 THEN 'AfterCallWork'
  WHEN 4 THEN 'AuxWork' WHEN 5 THEN 'NoCallDisconnect' WHEN 6 THEN 'WalkAway' WHEN 7 THEN 'ReturnBack' ELSE 'Unknown' END`;
const REASON_VALUES = `a.tenant_key AS tenant_key, ${REASON_TYPE} AS reason_type, upper(${REASON_TYPE}) AS reason_type_code,
       CASE WHEN rc.hwflag = 1 THEN rc.value END AS hardware_reason,
       CASE WHEN rc.hwflag = 1 THEN NULL ELSE rc.keyname END AS software_reason_key,
       CASE WHEN rc.hwflag = 1 THEN NULL ELSE rc.value END AS software_reason_value,
       ${WORKMODE} AS workmode, upper(${WORKMODE}) AS workmode_code`;

/** The batch's reason-code rows with their dimension values (joined once, then hashed). */
export const RC_INPUT = `
CREATE TEMP TABLE tf_rc ON COMMIT DROP AS
SELECT a.agent_id, rc.fam, rc.sessionid AS lsid, rc.endpointid AS ep, rc.mediatype AS media,
       rc.agentstate AS state, rc.created_ts AS rc_start, COALESCE(rc.terminated_ts, ${OPEN_TS}) AS rc_end,
       ${REASON_VALUES}
  FROM (SELECT DISTINCT agent_id, fam, lsid, ep, media FROM stg_tf_assoc) s
  JOIN stg_tf_agent a ON a.agent_id = s.agent_id
  JOIN tf_agent_state_rc rc ON rc.fam = s.fam AND rc.sessionid = s.lsid AND rc.endpointid = s.ep
   AND rc.mediatype = s.media`;

const REASON_COLS = `tenant_key, reason_type, reason_type_code, hardware_reason, software_reason_key,
  software_reason_value, workmode, workmode_code`;

export const INSERT_REASON_DIMENSION = `
INSERT INTO resource_state_reason (${REASON_COLS}, purge_flag, create_audit_key, update_audit_key)
SELECT DISTINCT ${REASON_COLS}, 0, $1::numeric, $1::numeric FROM tf_rc
ON CONFLICT DO NOTHING`;

/** Reason periods: each reason row's interval where its association wins in its state. */
export const BUILD_REASON_PERIODS = `
WITH r AS (
  SELECT r.*, d.resource_state_reason_key AS reason_key
    FROM tf_rc r JOIN resource_state_reason d
      ON (d.tenant_key, d.reason_type_code, d.hardware_reason, d.software_reason_key, d.software_reason_value,
          d.workmode_code) IS NOT DISTINCT FROM
         (r.tenant_key, r.reason_type_code, r.hardware_reason, r.software_reason_key, r.software_reason_value,
          r.workmode_code)),
p AS (
  SELECT r.agent_id, r.media, r.state, r.reason_key, r.rc_start,
         GREATEST(r.rc_start, w.e_start) AS p_start, LEAST(r.rc_end, w.e_end) AS p_end
    FROM r JOIN (${ALL_WINNERS}) w ON w.agent_id = r.agent_id AND w.scope = r.media AND w.fam = r.fam
     AND w.lsid = r.lsid AND w.ep = r.ep AND w.state = r.state
   WHERE w.e_start < r.rc_end AND w.e_end > r.rc_start),
q AS (
  SELECT p.*, sum(brk) OVER (PARTITION BY agent_id, media, reason_key, state, rc_start ORDER BY p_start
                             ROWS UNBOUNDED PRECEDING) AS isl
    FROM (SELECT p.*, CASE WHEN lag(p_end) OVER (PARTITION BY agent_id, media, reason_key, state, rc_start
                                                  ORDER BY p_start) = p_start THEN 0 ELSE 1 END AS brk
            FROM p WHERE p_end > p_start) p)
INSERT INTO stg_tf_reason (agent_id, media, state, reason_key, p_start, p_end)
SELECT agent_id, media, state, reason_key, min(p_start), max(p_end)
  FROM q GROUP BY agent_id, media, reason_key, state, rc_start, isl`;

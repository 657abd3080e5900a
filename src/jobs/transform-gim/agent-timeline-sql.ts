// Agent timelines (data-model 5.11), one batch of agent units at a time: associations, session
// facts (union of association intervals), contributor segments, the winning (summarized) state per
// elementary interval for each media and for all media at once, and reason periods. Every
// statement works on the whole batch in STG_TF_AGENT; open intervals end at OPEN_TS.
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
INSERT INTO stg_tf_assoc (agent_id, fam, lsid, ep, media, a_start, a_end)
SELECT a.agent_id, se.fam, se.loginsessionid, se.endpointid, se.mediatype, se.created_ts,
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

/**
 * Contributor segments: per association, the state of its latest Type 5 row at each instant
 * (LoggedIn before the first), codes >= 6 as Unknown, and with $1 = true Ready/LoggedIn under
 * DND on as NotReady. Rows at one instant: the last by (kind, Seq) wins.
 */
export const BUILD_CONTRIBUTORS = `
WITH a AS (
  SELECT x.* FROM stg_tf_assoc x
    JOIN stg_tf_session s ON s.agent_id = x.agent_id AND s.media = x.media
     AND x.a_start >= s.s_start AND x.a_end <= s.s_end),
ev AS (
  SELECT a.agent_id, a.media, a.fam, a.lsid, a.ep, a.a_start, a.a_end, a.a_start AS ts, 0 AS kind, 0 AS ord,
         1 AS st, 0 AS dnd FROM a
  UNION ALL
  SELECT a.agent_id, a.media, a.fam, a.lsid, a.ep, a.a_start, a.a_end, GREATEST(h.added_ts, a.a_start), 1, h.seq,
         h.state, NULL
    FROM a JOIN tf_agent_state_history h ON h.fam = a.fam AND h.loginsessionid = a.lsid
     AND h.endpointid = a.ep AND h.mediatype = a.media AND h.type = 5 AND h.added_ts < a.a_end
  UNION ALL
  SELECT a.agent_id, a.media, a.fam, a.lsid, a.ep, a.a_start, a.a_end, GREATEST(d.added_ts, a.a_start), 2, 0,
         NULL, d.dndstate
    FROM a JOIN tf_dnd_history d ON d.fam = a.fam AND d.loginsessionid = a.lsid
     AND d.endpointid = a.ep AND d.mediatype = a.media AND d.added_ts < a.a_end),
f AS (
  SELECT ev.*, count(st) OVER w AS sg, count(dnd) OVER w AS dg
    FROM ev WINDOW w AS (PARTITION BY fam, lsid, ep, media, a_start ORDER BY ts, kind, ord ROWS UNBOUNDED PRECEDING)),
g AS (
  SELECT f.*, max(st) OVER (PARTITION BY fam, lsid, ep, media, a_start, sg) AS st2,
         max(dnd) OVER (PARTITION BY fam, lsid, ep, media, a_start, dg) AS dnd2,
         row_number() OVER (PARTITION BY fam, lsid, ep, media, a_start, ts ORDER BY kind DESC, ord DESC) AS rn
    FROM f),
h AS (
  SELECT g.*, lead(ts) OVER (PARTITION BY fam, lsid, ep, media, a_start ORDER BY ts) AS nts FROM g WHERE rn = 1)
INSERT INTO stg_tf_cseg (agent_id, media, fam, lsid, ep, seg_start, seg_end, state)
SELECT agent_id, media, fam, lsid, ep, ts, COALESCE(nts, a_end),
       CASE WHEN st2 < 0 OR st2 >= 6 THEN 0
            WHEN $1::boolean AND dnd2 = 1 AND st2 IN (1, 3) THEN 2 ELSE st2 END
  FROM h WHERE COALESCE(nts, a_end) > ts`;

/**
 * Winner per elementary interval: priority Busy > ACW > NotReady > Ready > LoggedIn > Unknown;
 * ties: earliest segment start, then lowest EndPointID. SCOPE = media, and -100 = all media.
 * The segments of one association never overlap, so its segment at an elementary interval is the
 * one with the latest start at or before it: a running max over a sort (an as-of join), then an
 * equality join back — linear in the batch, where a range join would be quadratic per agent.
 */
export const WINNER_INPUT = `
CREATE TEMP TABLE tf_c ON COMMIT DROP AS
SELECT agent_id, media AS scope, media, fam, lsid, ep, seg_start, seg_end, state FROM stg_tf_cseg
UNION ALL
SELECT agent_id, -100, media, fam, lsid, ep, seg_start, seg_end, state FROM stg_tf_cseg`;

/**
 * Scopes whose contributor segments never overlap (one association at a time: most voice-only
 * timelines) need no as-of join: each segment is its own winner.
 */
export const WINNER_OVERLAP = `
CREATE TEMP TABLE tf_ov ON COMMIT DROP AS
SELECT agent_id, scope, bool_or(seg_start < prev_end) AS overlap
  FROM (SELECT agent_id, scope, seg_start,
               max(seg_end) OVER (PARTITION BY agent_id, scope ORDER BY seg_start
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
          FROM tf_c) q
 GROUP BY agent_id, scope`;

export const WINNERS_DIRECT = `
INSERT INTO stg_tf_win (agent_id, scope, e_start, e_end, state, fam, lsid, ep, media)
SELECT c.agent_id, c.scope, c.seg_start, c.seg_end, c.state, c.fam, c.lsid, c.ep, c.media
  FROM tf_c c JOIN tf_ov o ON o.agent_id = c.agent_id AND o.scope = c.scope
 WHERE NOT o.overlap`;

/** Each association's current segment start at every elementary interval of its scope. */
export const WINNER_ASOF = `
CREATE TEMP TABLE tf_y ON COMMIT DROP AS
WITH tf_c AS (
  SELECT c.* FROM tf_c c JOIN tf_ov o ON o.agent_id = c.agent_id AND o.scope = c.scope WHERE o.overlap),
assoc AS (SELECT DISTINCT agent_id, scope, media, fam, lsid, ep FROM tf_c),
pts AS (
  SELECT agent_id, scope, seg_start AS t FROM tf_c UNION SELECT agent_id, scope, seg_end FROM tf_c),
el AS (
  SELECT agent_id, scope, t AS e_start, lead(t) OVER (PARTITION BY agent_id, scope ORDER BY t) AS e_end FROM pts),
x AS (
  SELECT a.agent_id, a.scope, a.media, a.fam, a.lsid, a.ep, el.e_start AS t, el.e_end, 1 AS k, NULL::int AS seg_start
    FROM assoc a JOIN el ON el.agent_id = a.agent_id AND el.scope = a.scope
   WHERE el.e_end IS NOT NULL
  UNION ALL
  SELECT agent_id, scope, media, fam, lsid, ep, seg_start, NULL, 0, seg_start FROM tf_c),
y AS (
  SELECT x.*, max(seg_start) OVER (PARTITION BY agent_id, scope, media, fam, lsid, ep ORDER BY t, k
                                   ROWS UNBOUNDED PRECEDING) AS cur
    FROM x)
SELECT agent_id, scope, media, fam, lsid, ep, t, e_end, cur FROM y WHERE k = 1 AND cur IS NOT NULL`;

export const BUILD_WINNERS = `
INSERT INTO stg_tf_win (agent_id, scope, e_start, e_end, state, fam, lsid, ep, media)
SELECT DISTINCT ON (y.agent_id, y.scope, y.t)
       y.agent_id, y.scope, y.t, y.e_end, c.state, c.fam, c.lsid, c.ep, c.media
  FROM tf_y y JOIN tf_c c ON c.agent_id = y.agent_id AND c.scope = y.scope AND c.media = y.media AND c.fam = y.fam
   AND c.lsid = y.lsid AND c.ep = y.ep AND c.seg_start = y.cur
 WHERE c.seg_end >= y.e_end
 ORDER BY y.agent_id, y.scope, y.t,
       CASE c.state WHEN 5 THEN 6 WHEN 4 THEN 5 WHEN 2 THEN 4 WHEN 3 THEN 3 WHEN 1 THEN 2 ELSE 1 END DESC,
       c.seg_start, c.ep, c.media, c.lsid`;

/** Maximal periods of one summarized state (adjacent winners with equal state merge). */
export const BUILD_STATE_PERIODS = `
INSERT INTO stg_tf_state (agent_id, scope, state, p_start, p_end)
SELECT agent_id, scope, state, min(e_start), max(e_end)
  FROM (SELECT *, sum(brk) OVER (PARTITION BY agent_id, scope ORDER BY e_start ROWS UNBOUNDED PRECEDING) AS isl
          FROM (SELECT w.*, CASE WHEN lag(state) OVER p = state AND lag(e_end) OVER p = e_start THEN 0 ELSE 1 END AS brk
                  FROM stg_tf_win w WINDOW p AS (PARTITION BY agent_id, scope ORDER BY e_start)) x) y
 GROUP BY agent_id, scope, state, isl`;

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
    FROM r JOIN stg_tf_win w ON w.agent_id = r.agent_id AND w.scope = r.media AND w.fam = r.fam
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

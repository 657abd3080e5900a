// The floors of the agent transform benchmark: hand-written single statements over the same GIDB
// state rows. Each Type 5 row lasts until the next row of its association (or the association's
// end); no priority rule across associations, no merging of equal states, no sessions, reasons or
// media-neutral facts, no natural-key reconciliation.
import { unsafeIntervalColumns } from '../../src/jobs/transform-gim/sql-constants.ts';

const DURATIONS = `
SELECT h.agentid, h.mediatype, h.state, h.added_ts AS start_ts,
       COALESCE(lead(h.added_ts) OVER (PARTITION BY h.loginsessionid, h.endpointid, h.mediatype
                                       ORDER BY h.added_ts, h.seq),
                se.terminated_ts, 2147483647) AS end_ts
  FROM gidb_g_agent_state_history_v h
  JOIN gidb_gx_session_endpoint_v se ON se.loginsessionid = h.loginsessionid AND se.endpointid = h.endpointid
   AND se.mediatype = h.mediatype
 WHERE h.type = 5`;

/**
 * Floor used until this round: the durations into a new bare table (CREATE TABLE AS: no index, no
 * key, no sequence). Kept for comparison with earlier figures.
 */
export const BARE_FLOOR = `
CREATE TABLE bench_floor AS
SELECT agentid, mediatype, state, start_ts, end_ts - start_ts AS total_duration FROM (${DURATIONS}) d`;

/**
 * The floor the issue describes: one INSERT … SELECT of SM_RES_STATE_FACT rows computed from the
 * same GIDB rows, into SM_RES_STATE_FACT itself (its surrogate key sequence, its primary key,
 * natural-key and END_DATE_TIME_KEY indexes and partitions), with the keys, clip columns and
 * audit keys the job writes. Zero-length rows are left out (they are no facts, and would collide
 * on the natural key).
 */
export const STATE_FACT_FLOOR = `
INSERT INTO sm_res_state_fact (tenant_key, media_type_key, resource_key, resource_state_key,
  start_date_time_key, end_date_time_key, start_ts, end_ts, total_duration, active_flag,
  lead_clip_duration, trail_clip_duration, create_audit_key, update_audit_key)
SELECT r.tenant_key, d.mediatype, r.resource_key, d.state,
       ${unsafeIntervalColumns('d.start_ts', 'd.end_ts', true)}, 0, 0
  FROM (${DURATIONS}) d
  JOIN resource_ r ON r.resource_cfg_type_id = 3 AND r.resource_cfg_dbid = d.agentid
 WHERE d.end_ts > d.start_ts`;

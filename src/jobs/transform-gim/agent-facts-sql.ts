// New agent activity facts of a batch, as TEMP tables shaped like the fact tables (data-model
// 4.5): sessions, summarized states (per media), reasons and media-neutral states.
import { unsafeIntervalColumns, unsafeMediaKeyOf } from './sql-constants.ts';

export const NEW_SESSIONS = `
CREATE TEMP TABLE tf_n_session ON COMMIT DROP AS
SELECT DISTINCT ON (resource_key, media_type_key, start_ts) * FROM (
  SELECT a.tenant_key, ${unsafeMediaKeyOf('s.media')} AS media_type_key, a.resource_key,
         ${unsafeIntervalColumns('s.s_start', 's.s_end', true)}
    FROM stg_tf_session s JOIN stg_tf_agent a ON a.agent_id = s.agent_id) x
 ORDER BY resource_key, media_type_key, start_ts, end_ts`;

/**
 * State periods never overlap within a scope, so natural keys are unique per known agent; only
 * agents still unknown (RESOURCE_KEY -1) can collide, so only they go through DISTINCT ON (the
 * row ending first is kept).
 */
function deduplicated(select: string, key: string, order: string): string {
  return `SELECT * FROM (${select}) x WHERE resource_key <> -1
UNION ALL
(SELECT DISTINCT ON (${key}) * FROM (${select}) x WHERE resource_key = -1 ORDER BY ${key}, ${order})`;
}

/**
 * Run once the batch's session facts are written: each state fact points at its session fact,
 * looked up for the batch's few sessions first (MATERIALIZED keeps the planner from joining the
 * whole session fact table to the many state rows).
 */
export const NEW_STATES = `
CREATE TEMP TABLE tf_n_state ON COMMIT DROP AS
WITH sk AS MATERIALIZED (
  SELECT s.agent_id, s.media, s.s_start, s.s_end, f.sm_res_session_fact_key
    FROM stg_tf_session s JOIN stg_tf_agent a ON a.agent_id = s.agent_id
    LEFT JOIN sm_res_session_fact f ON f.resource_key = a.resource_key
     AND f.media_type_key = ${unsafeMediaKeyOf('s.media')} AND f.start_ts = s.s_start
     AND f.start_date_time_key = s.s_start / 900 * 900)
${deduplicated(
  `SELECT a.tenant_key, ${unsafeMediaKeyOf('p.scope')} AS media_type_key, a.resource_key,
         p.state AS resource_state_key, s.sm_res_session_fact_key,
         ${unsafeIntervalColumns('p.p_start', 'p.p_end', true)}
    FROM stg_tf_state p JOIN stg_tf_agent a ON a.agent_id = p.agent_id
    JOIN sk s ON s.agent_id = p.agent_id AND s.media = p.scope
     AND p.p_start >= s.s_start AND p.p_start < s.s_end
   WHERE p.scope <> -100`,
  'resource_key, media_type_key, start_ts',
  'end_ts',
)}`;

/** Two reason rows of one association may overlap: reasons are always deduplicated. */
export const NEW_REASONS = `
CREATE TEMP TABLE tf_n_reason ON COMMIT DROP AS
SELECT DISTINCT ON (resource_key, media_type_key, start_ts, resource_state_reason_key) * FROM (
  SELECT a.tenant_key, ${unsafeMediaKeyOf('r.media')} AS media_type_key, a.resource_key,
         r.state AS resource_state_key, r.reason_key AS resource_state_reason_key,
         ${unsafeIntervalColumns('r.p_start', 'r.p_end', false)}
    FROM stg_tf_reason r JOIN stg_tf_agent a ON a.agent_id = r.agent_id) x
 ORDER BY resource_key, media_type_key, start_ts, resource_state_reason_key, end_ts`;

/** SCOPE -100, or the only media's periods for an agent with one media (agent-winners-sql). */
export const NEW_NEUTRAL = `
CREATE TEMP TABLE tf_n_neutral ON COMMIT DROP AS
${deduplicated(
  `SELECT a.tenant_key, a.resource_key, p.state AS resource_state_key, 0 AS stuck_flag,
         ${unsafeIntervalColumns('p.p_start', 'p.p_end', false)}
    FROM stg_tf_state p JOIN stg_tf_agent a ON a.agent_id = p.agent_id
    JOIN tf_scope o ON o.agent_id = p.agent_id AND o.scope = -100
   WHERE p.scope = -100 OR o.single`,
  'resource_key, start_ts',
  'end_ts',
)}`;

/** Old facts of the batch's known agents inside their (widened) windows. */
export const AGENT_SCOPE_FROM = 'stg_tf_agent a';
export const AGENT_SCOPE_WHERE = `a.resource_key <> -1 AND f.resource_key = a.resource_key
  AND f.start_ts >= a.w_from AND f.start_ts <= a.w_to`;

export const FACT_TABLES = [
  {
    table: 'sm_res_session_fact',
    staging: 'tf_n_session',
    naturalKey: ['resource_key', 'media_type_key', 'start_ts', 'start_date_time_key'],
    values: [
      'tenant_key',
      'end_date_time_key',
      'end_ts',
      'total_duration',
      'lead_clip_duration',
      'trail_clip_duration',
      'active_flag',
    ],
  },
  {
    table: 'sm_res_state_fact',
    staging: 'tf_n_state',
    naturalKey: ['resource_key', 'media_type_key', 'start_ts', 'start_date_time_key'],
    values: [
      'tenant_key',
      'resource_state_key',
      'sm_res_session_fact_key',
      'end_date_time_key',
      'end_ts',
      'total_duration',
      'lead_clip_duration',
      'trail_clip_duration',
      'active_flag',
    ],
  },
  {
    table: 'sm_res_state_reason_fact',
    staging: 'tf_n_reason',
    naturalKey: [
      'resource_key',
      'media_type_key',
      'start_ts',
      'resource_state_reason_key',
      'start_date_time_key',
    ],
    values: [
      'tenant_key',
      'resource_state_key',
      'end_date_time_key',
      'end_ts',
      'total_duration',
      'active_flag',
    ],
  },
  {
    table: 'sm_media_neutral_state_fact',
    staging: 'tf_n_neutral',
    naturalKey: ['resource_key', 'start_ts', 'start_date_time_key'],
    values: [
      'tenant_key',
      'resource_state_key',
      'end_date_time_key',
      'end_ts',
      'total_duration',
      'stuck_flag',
      'active_flag',
    ],
  },
] as const;

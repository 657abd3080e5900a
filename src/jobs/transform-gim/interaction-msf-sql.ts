// MEDIATION_SEGMENT_FACT (data-model 5.6) and IXN_RESOURCE_STATE_FACT (5.7) of a batch.
// Reads tf_ix_r, tf_ix_n_irf, tf_ix_seg, tf_ix_acw_credit; writes TEMP tf_ix_n_msf, tf_ix_n_state.
import { COLUMN_PAIRS } from './interaction-irf-sql.ts';
import { unsafeKeyOf } from './sql-constants.ts';

const dn = (id: string): string =>
  `CASE WHEN COALESCE(${id}, 0) = 0 THEN -2 ELSE COALESCE((SELECT rr.resource_key FROM resource_ rr
     WHERE rr.resource_cfg_type_id = 2 AND rr.resource_cfg_dbid = ${id}), -1) END`;

/** Diverted result reason from the target T (AnsweredByAgent, or T's ringing reason). */
const DIVERTED_RR = `CASE WHEN t.type = 1 AND t.connected THEN 1 WHEN t.rr IN (2, 4) THEN t.rr ELSE 0 END`;

export const NEW_MSF = `
CREATE TEMP TABLE tf_ix_n_msf ON COMMIT DROP AS
WITH st AS (
  -- party stays: Type 3/7/8 parties that ended
  SELECT x.comp, x.g AS mediation_guid, x.start_ts, x.end_ts, x.endpointid, x.ro, x.abnormal, x.abandon,
         t.g AS t_g, t.link AS t_link, t.type AS t_type, ${DIVERTED_RR} AS t_rr, mi.interaction_resource_id AS own_irf,
         NULL::int AS vq_result
    FROM tf_ix_r x
    LEFT JOIN LATERAL (SELECT * FROM tf_ix_r t WHERE t.comp = x.comp AND t.parent_g = x.g AND t.link IN (1, 8)
                        ORDER BY t.created_ts, t.start_ts, t.g LIMIT 1) t ON true
    LEFT JOIN tf_ix_n_irf mi ON mi.comp = x.comp AND mi.partyguid = x.g
   WHERE x.type IN (3, 7, 8) AND x.end_ts IS NOT NULL
  UNION ALL
  -- VQ stays: G_VIRTUAL_QUEUE rows with a result (or closed with the interaction)
  SELECT k.comp, 'VQ:' || vq.callid || ':' || vq.endpointid || ':' || vq.added_ts, vq.added_ts,
         COALESCE(CASE WHEN vq.result <> 0 THEN vq.terminated_ts END, i.close_ts), vq.endpointid,
         COALESCE(p.ro, 0), (vq.result = 0 OR vq.terminated_ts IS NULL), false,
         t.g, 1, t.type, ${DIVERTED_RR}, NULL, vq.result
    FROM tf_ix_calls k JOIN tf_virtual_queue vq ON vq.fam = k.fam AND vq.callid = k.callid
    JOIN tf_ix_ixn i ON i.comp = k.comp
    LEFT JOIN tf_ix_pid pp ON pp.comp = k.comp AND pp.partyid = vq.partyid
    LEFT JOIN tf_ix_r p ON p.comp = k.comp AND p.g = pp.g
    LEFT JOIN LATERAL (SELECT * FROM tf_ix_r t WHERE t.comp = k.comp AND t.parentpartyid = vq.partyid AND t.link = 1
                          AND t.created_ts >= vq.added_ts AND vq.result = 1
                        ORDER BY t.created_ts, t.start_ts, t.g LIMIT 1) t ON true
   WHERE (vq.result <> 0 AND vq.terminated_ts IS NOT NULL) OR i.close_ts IS NOT NULL),
res AS (
  SELECT st.*,
         CASE WHEN st.abnormal THEN 2 WHEN st.t_link = 8 THEN 13
              WHEN st.t_g IS NOT NULL OR st.vq_result = 1 THEN 9
              WHEN st.vq_result = 2 OR (st.vq_result IS NULL AND st.abandon) THEN 1 ELSE 3 END AS tr,
         CASE WHEN st.abnormal OR st.t_link = 8 THEN 0
              WHEN st.t_g IS NOT NULL THEN st.t_rr WHEN st.vq_result = 1 THEN 0
              WHEN st.vq_result = 2 OR (st.vq_result IS NULL AND st.abandon) THEN 3 ELSE 0 END AS rr
    FROM st)
SELECT res.comp, res.mediation_guid, NULL::numeric(19) AS mediation_segment_id, i.tenant_key, i.interaction_id,
       i.start_date_time_key AS interaction_sdt_key, i.media_type_key, i.interaction_type_key,
       ${dn('res.endpointid')} AS resource_key,
       1000 * res.tr + 100 * res.rr + 10 * res.ro AS technical_descriptor_key,
       ti.interaction_resource_id AS target_ixn_resource_id, ti.start_date_time_key AS target_ixn_resource_sdt_key,
       res.own_irf AS ixn_resource_id, GREATEST(res.end_ts - res.start_ts, 0) AS mediation_duration,
       ${unsafeKeyOf('res.start_ts')} AS start_date_time_key, ${unsafeKeyOf('res.end_ts')} AS end_date_time_key,
       res.start_ts, res.end_ts
  FROM res JOIN tf_ix_ixn i ON i.comp = res.comp
  LEFT JOIN tf_ix_n_irf ti ON ti.comp = res.comp AND ti.partyguid = res.t_g
 WHERE res.end_ts IS NOT NULL`;

export const MSF_IDS = `
UPDATE tf_ix_n_msf n SET mediation_segment_id = COALESCE(
  (SELECT f.mediation_segment_id FROM mediation_segment_fact f WHERE f.mediation_guid = n.mediation_guid
      AND f.start_date_time_key = n.start_date_time_key), nextval('mediation_segment_id_seq'))`;

export const MSF_VALUES: readonly string[] = [
  'mediation_segment_id',
  'tenant_key',
  'interaction_id',
  'interaction_sdt_key',
  'media_type_key',
  'interaction_type_key',
  'resource_key',
  'technical_descriptor_key',
  'target_ixn_resource_id',
  'target_ixn_resource_sdt_key',
  'ixn_resource_id',
  'mediation_duration',
  'end_date_time_key',
  'start_ts',
  'end_ts',
];

/** One row per measured segment of a handling IRF (own and folded) and per credited ACW. */
export const NEW_STATE = `
CREATE TEMP TABLE tf_ix_n_state ON COMMIT DROP AS
SELECT n.comp, n.tenant_key, n.media_type_key, n.resource_key, n.place_key, 10 * s.s + s.r AS interaction_resource_state_key,
       n.interaction_type_key, n.interaction_resource_id, n.start_date_time_key AS interaction_resource_sdt_key,
       s.dur AS total_duration, s.entry AS state_count,
       ${unsafeKeyOf('s.s_start')} AS start_date_time_key, ${unsafeKeyOf('s.s_end')} AS end_date_time_key,
       s.s_start AS start_ts, s.s_end AS end_ts
  FROM tf_ix_n_irf n JOIN tf_ix_g x ON x.comp = n.comp AND x.owner = n.partyguid AND NOT x.dropped
  JOIN tf_ix_seg s ON s.comp = x.comp AND s.g = x.g AND s.s_end IS NOT NULL
 WHERE NOT n.med AND (s.r, s.s) IN (${COLUMN_PAIRS})
UNION ALL
SELECT n.comp, n.tenant_key, n.media_type_key, n.resource_key, n.place_key, 50, n.interaction_type_key,
       n.interaction_resource_id, n.start_date_time_key, a.e - a.s, 1,
       ${unsafeKeyOf('a.s')}, ${unsafeKeyOf('a.e')}, a.s, a.e
  FROM tf_ix_n_irf n JOIN tf_ix_acw_credit a ON a.comp = n.comp AND a.g = n.partyguid`;

export const STATE_COLUMNS: readonly string[] = [
  'tenant_key',
  'media_type_key',
  'resource_key',
  'place_key',
  'interaction_resource_state_key',
  'interaction_type_key',
  'interaction_resource_id',
  'interaction_resource_sdt_key',
  'total_duration',
  'state_count',
  'start_date_time_key',
  'end_date_time_key',
  'start_ts',
  'end_ts',
];

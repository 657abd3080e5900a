// INTERACTION_RESOURCE_FACT of a batch (data-model 5.3, 5.5): state measures per phase from the
// segments (own and folded), ACW credited from GIDB agent-state history, dimension keys,
// mediation duration, last queue / RP / VQ, received-from and last-resource flags.
import { unsafeKeyOf } from './sql-constants.ts';

/** [phase r, column prefix, measures (s, name) the phase has] (5.3). */
const PHASES: readonly (readonly [number, string, readonly (readonly [number, string])[]])[] = [
  [
    0,
    '',
    [
      [1, 'dial'],
      [2, 'ring'],
      [3, 'talk'],
      [4, 'hold'],
    ],
  ],
  [
    1,
    'cons_init_',
    [
      [1, 'dial'],
      [3, 'talk'],
      [4, 'hold'],
    ],
  ],
  ...[
    [2, 'cons_rcv_'],
    [3, 'post_cons_xfer_'],
    [4, 'conf_join_'],
  ].map(
    ([r, p]) =>
      [
        Number(r),
        String(p),
        [
          [2, 'ring'],
          [3, 'talk'],
          [4, 'hold'],
        ],
      ] as const,
  ),
];

/** Every (phase, state) pair that has an IRF column: the state-fact rows are these too (5.7). */
export const COLUMN_PAIRS = PHASES.flatMap(([r, , ms]) => ms.map(([s]) => `(${r}, ${s})`)).join(', ');

export const MEASURE_COLUMNS: readonly string[] = PHASES.flatMap(([, p, ms]) =>
  ms.flatMap(([, m]) => [`${p}${m}_count`, `${p}${m}_duration`]),
);

/** Sums per owning IRF of the ended segments of handling IRFs. */
export const MEASURES = `
CREATE TEMP TABLE tf_ix_meas ON COMMIT DROP AS
SELECT o.comp, o.g,
       ${PHASES.flatMap(([r, p, ms]) =>
         ms.flatMap(([s, m]) => [
           `COALESCE(sum(s.entry) FILTER (WHERE s.r = ${r} AND s.s = ${s}), 0)::int AS ${p}${m}_count`,
           `COALESCE(sum(s.dur) FILTER (WHERE s.r = ${r} AND s.s = ${s}), 0)::int AS ${p}${m}_duration`,
         ]),
       ).join(',\n       ')}
  FROM tf_ix_r o JOIN tf_ix_g x ON x.comp = o.comp AND x.owner = o.g AND NOT x.dropped
  JOIN tf_ix_seg s ON s.comp = x.comp AND s.g = x.g AND s.s_end IS NOT NULL
 WHERE o.has_irf AND NOT o.med
 GROUP BY o.comp, o.g`;

/**
 * ACW intervals (5.5) of the batch's agents: maximal runs of State 4 among Type 5 rows of one
 * (LoginSessionID, EndPointID, MediaType), to the next non-4 row or the association end.
 */
export const ACW_INTERVALS = `
CREATE TEMP TABLE tf_ix_acw ON COMMIT DROP AS
WITH a AS (SELECT DISTINCT agentid FROM tf_ix_r WHERE has_irf AND agentid > 0),
h AS (
  SELECT 'V' AS fam, x.loginsessionid, x.endpointid, x.mediatype, x.agentid, x.seq, x.state, x.added_ts
    FROM gidb_g_agent_state_history_v x JOIN a ON a.agentid = x.agentid WHERE x.type = 5
  UNION ALL
  SELECT 'M', x.loginsessionid, x.endpointid, x.mediatype, x.agentid, x.seq, x.state, x.added_ts
    FROM gidb_g_agent_state_history_mm x JOIN a ON a.agentid = x.agentid WHERE x.type = 5),
w AS (
  SELECT h.*, lag(h.state) OVER p AS prev_state,
         min(CASE WHEN h.state <> 4 THEN h.added_ts END) OVER (p ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
           AS next_other
    FROM h WINDOW p AS (PARTITION BY h.fam, h.loginsessionid, h.endpointid, h.mediatype ORDER BY h.seq))
SELECT w.fam, w.agentid, w.endpointid, w.mediatype, w.added_ts AS s,
       COALESCE(w.next_other,
         (SELECT COALESCE(se.terminated_ts, ls.terminated_ts) FROM tf_session_endpoint se
            LEFT JOIN tf_login_session ls ON ls.fam = se.fam AND ls.loginsessionid = se.loginsessionid
           WHERE se.fam = w.fam AND se.agentid = w.agentid AND se.loginsessionid = w.loginsessionid
             AND se.endpointid = w.endpointid
             AND se.mediatype = w.mediatype AND se.created_ts <= w.added_ts
           ORDER BY se.created_ts DESC LIMIT 1)) AS e
  FROM w WHERE w.state = 4 AND w.prev_state IS DISTINCT FROM 4`;

/**
 * Each interval goes to the agent's handling IRF with a Connected segment and the greatest END_TS
 * in [s - 60, s + 2], among the batch's IRFs and the stored IRFs of other interactions.
 */
export const ACW_CREDIT = `
CREATE TEMP TABLE tf_ix_acw_credit ON COMMIT DROP AS
WITH cand AS (
  SELECT q.s, q.e, q.fam, q.agentid, q.endpointid, q.mediatype, x.end_ts, x.g AS partyguid, x.comp
    FROM tf_ix_acw q JOIN tf_ix_r x ON x.agentid = q.agentid AND x.has_irf AND NOT x.med
     AND (x.connected OR EXISTS (SELECT 1 FROM tf_ix_g fo JOIN tf_ix_seg sg ON sg.comp = fo.comp AND sg.g = fo.g
                                  WHERE fo.comp = x.comp AND fo.owner = x.g AND fo.folded AND sg.state = 12))
     AND (SELECT CASE WHEN i.media_type_key = 1 THEN q.mediatype = 1 AND x.endpointid = q.endpointid
                      ELSE q.mediatype = i.media_type_key END FROM tf_ix_ixn i WHERE i.comp = x.comp)
     AND x.end_ts <= q.s + 2 AND q.s - x.end_ts <= 60
  UNION ALL
  SELECT q.s, q.e, q.fam, q.agentid, q.endpointid, q.mediatype, f.end_ts, f.partyguid, NULL
    FROM tf_ix_acw q
    JOIN resource_ r ON r.resource_cfg_type_id = 3 AND r.resource_cfg_dbid = q.agentid
    JOIN interaction_resource_fact f ON f.resource_key = r.resource_key
     AND f.end_ts <= q.s + 2 AND q.s - f.end_ts <= 60
     AND f.media_type_key = q.mediatype
     AND f.talk_count + f.cons_init_talk_count + f.cons_rcv_talk_count + f.post_cons_xfer_talk_count
         + f.conf_join_talk_count > 0
   WHERE NOT EXISTS (SELECT 1 FROM tf_ix_scope sc WHERE sc.interaction_id = f.interaction_id)),
best AS (
  SELECT DISTINCT ON (fam, agentid, endpointid, mediatype, s) * FROM cand
   ORDER BY fam, agentid, endpointid, mediatype, s, end_ts DESC, partyguid DESC)
SELECT comp, partyguid AS g, s, e FROM best WHERE comp IS NOT NULL AND e IS NOT NULL`;

const rkey = (cfgType: number, id: string): string =>
  `COALESCE((SELECT rr.resource_key FROM resource_ rr WHERE rr.resource_cfg_type_id = ${cfgType}
              AND rr.resource_cfg_dbid = ${id}), -1)`;

/** The new IRF rows (ids assigned next; RECEIVED_FROM filled once every id is known). */
export const NEW_IRF = `
CREATE TEMP TABLE tf_ix_n_irf ON COMMIT DROP AS
SELECT x.comp, x.g AS partyguid, NULL::numeric(19) AS interaction_resource_id,
       i.tenant_key, i.interaction_id, i.start_date_time_key AS interaction_sdt_key, i.media_type_key,
       i.interaction_type_key,
       CASE WHEN COALESCE(x.agentid, 0) > 0 THEN ${rkey(3, 'x.agentid')}
            WHEN COALESCE(x.endpointid, 0) > 0 THEN ${rkey(2, 'x.endpointid')} ELSE -2 END AS resource_key,
       CASE WHEN COALESCE(x.agentid, 0) <= 0 THEN -2 ELSE COALESCE((
         SELECT CASE WHEN COALESCE(se.placeid, 0) = 0 THEN -2
                     ELSE COALESCE((SELECT pl.place_key FROM place pl WHERE pl.place_cfg_dbid = se.placeid), -1) END
           FROM (SELECT 'V' AS fam, agentid, endpointid, mediatype, placeid, created_ts, terminated_ts
                   FROM gidb_gx_session_endpoint_v
                 UNION ALL
                 SELECT 'M', agentid, endpointid, mediatype, placeid, created_ts, terminated_ts
                   FROM gidb_gx_session_endpoint_mm) se
          WHERE se.agentid = x.agentid AND se.created_ts <= x.start_ts
            AND COALESCE(se.terminated_ts, 2147483647) > x.start_ts
            AND CASE WHEN i.media_type_key = 1 THEN se.endpointid = x.endpointid
                     ELSE se.mediatype = i.media_type_key END
          ORDER BY se.created_ts DESC LIMIT 1), -2) END AS place_key,
       1000 * x.tr + 100 * x.rr + 10 * x.ro + x.rn AS technical_descriptor_key,
       -2 AS interaction_descriptor_key,
       COALESCE((SELECT CASE WHEN COALESCE(vq.endpointid, 0) = 0 THEN -2 ELSE ${rkey(2, 'vq.endpointid')} END
                   FROM tf_virtual_queue vq JOIN tf_ix_pid vp ON vp.comp = x.comp AND vp.partyid = vq.partyid
                   JOIN tf_ix_chain ch ON ch.comp = x.comp AND ch.g = x.g AND ch.node = vp.g
                  WHERE vq.fam = x.fam AND vq.callid = vp.callid
                    AND ((x.med AND ch.depth = 0) OR (ch.depth > 0 AND vq.result = 1))
                  ORDER BY vq.terminated_ts DESC NULLS LAST, vq.added_ts DESC LIMIT 1), -2) AS last_vqueue_resource_key,
       COALESCE((SELECT CASE WHEN COALESCE(ch.endpointid, 0) = 0 THEN -2 ELSE ${rkey(2, 'ch.endpointid')} END
                   FROM tf_ix_chain ch WHERE ch.comp = x.comp AND ch.g = x.g AND ch.type IN (3, 7, 8)
                  ORDER BY ch.depth LIMIT 1), -2) AS last_queue_resource_key,
       COALESCE((SELECT CASE WHEN COALESCE(ch.endpointid, 0) = 0 THEN -2 ELSE ${rkey(2, 'ch.endpointid')} END
                   FROM tf_ix_chain ch WHERE ch.comp = x.comp AND ch.g = x.g AND ch.type = 4
                  ORDER BY ch.depth LIMIT 1), -2) AS last_rp_resource_key,
       NULL::numeric(19) AS received_from_ixn_resource_id,
       x.endpointdn AS target_address, 0 AS last_interaction_resource,
       ${MEASURE_COLUMNS.map((c) => `COALESCE(m.${c}, 0) AS ${c}`).join(', ')},
       COALESCE((SELECT count(*) FROM tf_ix_acw_credit a WHERE a.comp = x.comp AND a.g = x.g), 0)::int
         AS after_call_work_count,
       COALESCE((SELECT sum(a.e - a.s) FROM tf_ix_acw_credit a WHERE a.comp = x.comp AND a.g = x.g), 0)::int
         AS after_call_work_duration,
       GREATEST(CASE WHEN x.med THEN x.end_ts - x.top_start WHEN x.top_g <> x.g THEN x.start_ts - x.top_start
                     ELSE 0 END, 0) AS mediation_duration,
       ${unsafeKeyOf('x.start_ts')} AS start_date_time_key, ${unsafeKeyOf('x.end_ts')} AS end_date_time_key,
       x.start_ts, x.end_ts, x.med, x.top_parent
  FROM tf_ix_r x JOIN tf_ix_ixn i ON i.comp = x.comp
  LEFT JOIN tf_ix_meas m ON m.comp = x.comp AND m.g = x.g
 WHERE x.has_irf`;

export const IRF_STEPS = [
  `UPDATE tf_ix_n_irf n SET interaction_resource_id = COALESCE(
     (SELECT f.interaction_resource_id FROM interaction_resource_fact f WHERE f.partyguid = n.partyguid
         AND f.start_date_time_key = n.start_date_time_key), nextval('interaction_resource_id_seq'))`,
  `CREATE INDEX ON tf_ix_n_irf (comp, partyguid)`,
  `UPDATE tf_ix_n_irf n SET received_from_ixn_resource_id = o.interaction_resource_id
     FROM tf_ix_g p JOIN tf_ix_n_irf o ON o.comp = p.comp AND o.partyguid = p.owner
    WHERE p.comp = n.comp AND p.g = n.top_parent`,
  `UPDATE tf_ix_n_irf n SET last_interaction_resource = 1 FROM (
     SELECT DISTINCT ON (comp) comp, partyguid FROM tf_ix_n_irf WHERE NOT med
      ORDER BY comp, end_ts DESC, start_ts DESC, partyguid DESC) l
    WHERE n.comp = l.comp AND n.partyguid = l.partyguid`,
  `ANALYZE tf_ix_n_irf`,
];

export const IRF_VALUES: readonly string[] = [
  'interaction_resource_id',
  'tenant_key',
  'interaction_id',
  'interaction_sdt_key',
  'media_type_key',
  'interaction_type_key',
  'resource_key',
  'place_key',
  'technical_descriptor_key',
  'interaction_descriptor_key',
  'last_vqueue_resource_key',
  'last_queue_resource_key',
  'last_rp_resource_key',
  'received_from_ixn_resource_id',
  'target_address',
  'last_interaction_resource',
  ...MEASURE_COLUMNS,
  'after_call_work_count',
  'after_call_work_duration',
  'mediation_duration',
  'end_date_time_key',
  'start_ts',
  'end_ts',
];

// Interaction units and their grouping (data-model 5.1, 5.2): a unit id is `<fam>:<CallID>`
// (fam V = GIDB_*_V, M = GIDB_*_MM); at readiness and at recompute each unit expands to its
// connected set of calls with one recursive walk over calls, interaction records and IS links.
import { OPEN_TS } from './sql-constants.ts';

/** Changed rows of one interaction source table -> unit ids (unsafeChangedUnitsSql contract). */
export function interactionChangedUnitsSql(table: string): string {
  const m = /^gidb_(\w+?)_(v|mm)$/.exec(table);
  if (!m) throw new Error(`interaction units: unknown source table ${table}`);
  const [, base, fam] = m;
  const F = fam === 'v' ? 'V' : 'M';
  const win = `x.update_audit_key > $1 AND x.update_audit_key <= $2`;
  const ofCall = (callid: string, from: string, to: string): string =>
    `SELECT '${F}:' || ${callid} AS unit_id, ${from} AS from_ts, ${to} AS to_ts, ${to} AS last_ts`;
  switch (base) {
    case 'g_call':
    case 'g_party':
      return `${ofCall('x.callid', 'x.created_ts', 'COALESCE(x.terminated_ts, x.created_ts)')}
                FROM ${table} x WHERE ${win} AND x.callid IS NOT NULL`;
    case 'g_party_history':
    case 'g_call_history':
    case 'g_is_link':
    case 'g_userdata_history':
      return `${ofCall('x.callid', 'x.added_ts', 'x.added_ts')} FROM ${table} x WHERE ${win} AND x.callid IS NOT NULL`;
    case 'g_virtual_queue':
      return `${ofCall('x.callid', 'x.added_ts', 'COALESCE(x.terminated_ts, x.added_ts)')}
                FROM ${table} x WHERE ${win}`;
    case 'g_call_userdata':
      return `${ofCall('x.callid', 'c.created_ts', 'COALESCE(c.terminated_ts, c.created_ts)')}
                FROM ${table} x JOIN gidb_g_call_${fam} c ON c.callid = x.callid WHERE ${win}`;
    case 'g_ir':
    case 'g_ir_history':
      return `${ofCall('c.callid', 'c.created_ts', 'COALESCE(c.terminated_ts, c.created_ts)')}
                FROM ${table} x JOIN gidb_g_call_${fam} c ON c.irid = x.irid WHERE ${win}`;
    case 'g_agent_state_history':
      // ACW: an agent-state row at t marks the interactions holding IRFs of that agent that
      // ended in [t - 60, t + 2] (5.1).
      return `SELECT DISTINCT ci.fam || ':' || ci.ixn_guid AS unit_id, f.start_ts AS from_ts,
                     f.end_ts AS to_ts, f.end_ts AS last_ts
                FROM ${table} x
                JOIN resource_ r ON r.resource_cfg_type_id = 3 AND r.resource_cfg_dbid = x.agentid
                JOIN interaction_resource_fact f ON f.resource_key = r.resource_key
                 AND f.end_ts BETWEEN x.added_ts - 60 AND x.added_ts + 2
                JOIN tf_call_interaction ci ON ci.interaction_id = f.interaction_id
               WHERE ${win} AND x.type = 5 AND ci.callid = ci.ixn_guid`;
    default:
      throw new Error(`interaction units: unknown source table ${table}`);
  }
}

export const INTERACTION_SOURCES: readonly string[] = [
  'gidb_g_call_v',
  'gidb_g_call_mm',
  'gidb_g_party_v',
  'gidb_g_party_mm',
  'gidb_g_party_history_v',
  'gidb_g_party_history_mm',
  'gidb_g_ir_v',
  'gidb_g_ir_mm',
  'gidb_g_ir_history_v',
  'gidb_g_ir_history_mm',
  'gidb_g_call_history_v',
  'gidb_g_call_history_mm',
  'gidb_g_virtual_queue_v',
  'gidb_g_virtual_queue_mm',
  'gidb_g_is_link_v',
  'gidb_g_userdata_history_v',
  'gidb_g_userdata_history_mm',
  'gidb_g_call_userdata_v',
  'gidb_g_agent_state_history_v',
  'gidb_g_agent_state_history_mm',
];

/**
 * TEMP tf_ix_seed (fam, callid, unit_id) from the IXN units of `source` (stg_tf_chunk or
 * stg_ixn_backlog), then tf_ix_calls (comp, fam, callid, seed): every existing call of each
 * seed's connected set (tf_ix_seedcomp: seed -> comp); comp = `<fam>:<smallest CallID of the set>`.
 */
export function unsafeGroupingStatements(source: string): string[] {
  return [
    `CREATE TEMP TABLE tf_ix_seed ON COMMIT DROP AS
     SELECT DISTINCT substr(unit_id, 1, 1) AS fam, substr(unit_id, 3) AS callid, unit_id
       FROM ${source} WHERE unit_type = 'IXN'`,
    `ANALYZE tf_ix_seed`,
    `CREATE TEMP TABLE tf_ix_walk ON COMMIT DROP AS
     WITH RECURSIVE w(fam, seed, k, id) AS (
       SELECT fam, callid, 'C'::text, callid FROM tf_ix_seed
       UNION
       SELECT w.fam, w.seed, nb.k, nb.id FROM w CROSS JOIN LATERAL (
         SELECT 'C'::text AS k, c.parentcallid AS id FROM gidb_g_call_v c
          WHERE w.k = 'C' AND c.callid = w.id AND c.parentcallid IS NOT NULL
         UNION ALL SELECT 'C', c.mergecallid FROM gidb_g_call_v c
          WHERE w.k = 'C' AND c.callid = w.id AND c.mergecallid IS NOT NULL
         UNION ALL SELECT 'I', c.irid FROM gidb_g_call_v c WHERE w.k = 'C' AND c.callid = w.id AND c.irid IS NOT NULL
         UNION ALL SELECT 'C', c.callid FROM gidb_g_call_v c WHERE w.k = 'C' AND c.parentcallid = w.id
         UNION ALL SELECT 'C', c.callid FROM gidb_g_call_v c WHERE w.k = 'C' AND c.mergecallid = w.id
         UNION ALL SELECT 'L', l.islinkid FROM gidb_g_is_link_v l WHERE w.k = 'C' AND l.callid = w.id
         UNION ALL SELECT 'C', c.callid FROM gidb_g_call_v c WHERE w.k = 'I' AND c.irid = w.id
         UNION ALL SELECT 'I', r.parentirid FROM gidb_g_ir_v r
          WHERE w.k = 'I' AND r.irid = w.id AND r.parentirid IS NOT NULL
         UNION ALL SELECT 'I', r.irid FROM gidb_g_ir_v r WHERE w.k = 'I' AND r.parentirid = w.id
         UNION ALL SELECT 'C', l.callid FROM gidb_g_is_link_v l
          WHERE w.k = 'L' AND l.islinkid = w.id AND l.callid IS NOT NULL
       ) nb WHERE w.fam = 'V')
     SELECT DISTINCT fam, seed, id AS callid FROM w WHERE k = 'C'`,
    `CREATE TEMP TABLE tf_ix_calls0 ON COMMIT DROP AS
     SELECT w.fam || ':' || min(w.callid) OVER (PARTITION BY w.fam, w.seed) AS comp, w.fam, w.seed, w.callid
       FROM tf_ix_walk w
      WHERE EXISTS (SELECT 1 FROM tf_call c WHERE c.fam = w.fam AND c.callid = w.callid)`,
    `CREATE TEMP TABLE tf_ix_seedcomp ON COMMIT DROP AS SELECT DISTINCT fam, seed, comp FROM tf_ix_calls0`,
    `CREATE TEMP TABLE tf_ix_calls ON COMMIT DROP AS SELECT DISTINCT comp, fam, callid FROM tf_ix_calls0`,
    `ANALYZE tf_ix_calls`,
  ];
}

/** Per connected set: open calls, last event, end, and what it may wait for (5.1, 5.10). */
export const COMPONENT_STATE = `
CREATE TEMP TABLE tf_ix_cstate ON COMMIT DROP AS
SELECT k.comp, min(k.fam) AS fam,
       count(*) FILTER (WHERE c.terminated_ts IS NULL) AS open_calls,
       GREATEST(max(c.created_ts), max(c.terminated_ts), max(hv.hist_ev)) AS last_ev,
       max(COALESCE(c.terminated_ts, ${OPEN_TS})) AS end_ts,
       bool_or(EXISTS (SELECT 1 FROM gidb_g_is_link_v l WHERE k.fam = 'V' AND l.callid = c.callid
                 AND NOT EXISTS (SELECT 1 FROM gidb_g_is_link_v o WHERE o.islinkid = l.islinkid AND o.linktype <> l.linktype)
                 AND NOT EXISTS (SELECT 1 FROM gidb_gsys_dnpremotelocation_v d WHERE d.remotelocation = l.remotelocation)))
         AS unmatched_link,
       bool_or(EXISTS (SELECT 1 FROM tf_party p WHERE p.fam = c.fam AND p.callid = c.callid AND (
                 (COALESCE(p.agentid, 0) > 0 AND NOT EXISTS (SELECT 1 FROM resource_ r
                    WHERE r.resource_cfg_type_id = 3 AND r.resource_cfg_dbid = p.agentid))
                 OR (COALESCE(p.agentid, 0) <= 0 AND COALESCE(p.endpointid, 0) > 0 AND NOT EXISTS (SELECT 1 FROM resource_ r
                    WHERE r.resource_cfg_type_id = 2 AND r.resource_cfg_dbid = p.endpointid))))
               OR (COALESCE(c.tenantid, 0) > 0 AND NOT EXISTS (SELECT 1 FROM tenant t WHERE t.tenant_cfg_dbid = c.tenantid)))
         AS missing_cfg
  FROM tf_ix_calls k JOIN tf_call c ON c.fam = k.fam AND c.callid = k.callid
  LEFT JOIN LATERAL (SELECT max(h.added_ts) AS hist_ev FROM tf_party_history h
                      WHERE h.fam = k.fam AND h.callid = k.callid) hv ON true
 GROUP BY k.comp`;

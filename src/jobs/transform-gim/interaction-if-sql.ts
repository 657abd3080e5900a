// INTERACTION_FACT of a batch (data-model 5.2, 5.9, 5.10, 5.14): root call, start/end, type,
// STATUS bits, and the closing time of stuck voice calls and artificially ended multimedia.
// Reads tf_ix_calls (comp, fam, callid); writes TEMP tf_ix_ixn, one row per comp.
import { unsafeKeyOf, unsafeMediaKeyOf, FAR_FUTURE_KEY } from './sql-constants.ts';

/** Incoming IS-link halves that have a partner: such a call is never the root (5.2). */
export const MATCHED_LINKS = `
CREATE TEMP TABLE tf_ix_link ON COMMIT DROP AS
SELECT k.comp, i.islinkid, i.callid AS in_call, i.partyid AS in_stub, o.callid AS out_call, o.partyid AS out_stub
  FROM tf_ix_calls k
  JOIN gidb_g_is_link_v i ON k.fam = 'V' AND i.callid = k.callid AND i.linktype = 2
  JOIN gidb_g_is_link_v o ON o.islinkid = i.islinkid AND o.linktype = 1
  JOIN tf_ix_calls k2 ON k2.comp = k.comp AND k2.callid = o.callid`;

/** $1 refTs, $2 days-to-keep-active-facts. */
export const BUILD_IXN = `
CREATE TEMP TABLE tf_ix_ixn ON COMMIT DROP AS
WITH c AS (
  SELECT k.comp, c.*,
         (c.calltype = 4 OR EXISTS (SELECT 1 FROM tf_ix_link l WHERE l.comp = k.comp AND l.in_call = c.callid)) AS not_root
    FROM tf_ix_calls k JOIN tf_call c ON c.fam = k.fam AND c.callid = k.callid),
r AS (
  SELECT DISTINCT ON (comp) * FROM c ORDER BY comp, not_root, created_ts, callid),
a AS (
  SELECT comp, count(*) FILTER (WHERE terminated_ts IS NULL) AS open_calls, max(terminated_ts) AS max_term,
         GREATEST(max(created_ts), max(terminated_ts)) AS call_ev,
         bool_or(mergecallid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tf_call m WHERE m.fam = c.fam
                   AND m.callid = c.mergecallid)) AS merge_missing,
         bool_or(EXISTS (SELECT 1 FROM gidb_g_is_link_v l WHERE c.fam = 'V' AND l.callid = c.callid
                   AND NOT EXISTS (SELECT 1 FROM gidb_g_is_link_v o WHERE o.islinkid = l.islinkid
                                     AND o.linktype <> l.linktype))) AS dangling
    FROM c GROUP BY comp),
ev AS (
  SELECT k.comp, max(h.added_ts) AS hist_ev
    FROM tf_ix_calls k JOIN tf_party_history h ON h.fam = k.fam AND h.callid = k.callid GROUP BY k.comp),
top AS (
  -- MM: the top ancestor through ParentCallID gives MEDIA_SERVER_ROOT_IXN_GUID.
  SELECT r.comp, COALESCE((
    WITH RECURSIVE up(callid, parent, depth) AS (
      SELECT r.callid, r.parentcallid, 0
      UNION ALL
      SELECT p.callid, p.parentcallid, up.depth + 1 FROM up JOIN gidb_g_call_mm p ON p.callid = up.parent
       WHERE up.depth < 50)
    SELECT callid FROM up ORDER BY depth DESC LIMIT 1), r.callid) AS root_guid
    FROM r WHERE r.fam = 'M'),
b AS (
  SELECT r.comp, r.fam, r.callid AS root_callid, r.parentcallid, r.connidnum, r.calltype, r.mediatype, r.tenantid,
         r.ani, r.dnis, r.subject, r.created_ts AS start_ts, a.open_calls, a.max_term, a.merge_missing, a.dangling,
         GREATEST(a.call_ev, ev.hist_ev) AS last_ev, top.root_guid
    FROM r JOIN a ON a.comp = r.comp LEFT JOIN ev ON ev.comp = r.comp LEFT JOIN top ON top.comp = r.comp),
e AS (
  SELECT b.*,
         CASE WHEN b.open_calls = 0 THEN NULL
              WHEN b.fam = 'V' THEN b.last_ev
              WHEN $1 >= b.start_ts + $2 * 86400 THEN b.start_ts + $2 * 86400 END AS close_ts,
         CASE WHEN b.open_calls = 0 THEN 0 WHEN b.fam = 'V' THEN 64
              WHEN $1 >= b.start_ts + $2 * 86400 THEN 2 ELSE 1 END AS open_status
    FROM b)
SELECT e.comp, e.fam, e.root_callid, e.start_ts,
       CASE WHEN e.open_calls = 0 THEN e.max_term ELSE e.close_ts END AS end_ts,
       e.close_ts,
       ${unsafeKeyOf('e.start_ts')} AS start_date_time_key,
       CASE WHEN e.open_calls = 0 THEN ${unsafeKeyOf('e.max_term')} WHEN e.close_ts IS NULL THEN ${FAR_FUTURE_KEY}
            ELSE ${unsafeKeyOf('e.close_ts')} END AS end_date_time_key,
       CASE WHEN COALESCE(e.tenantid, 0) = 0 THEN -2
            ELSE COALESCE((SELECT t.tenant_key FROM tenant t WHERE t.tenant_cfg_dbid = e.tenantid), -1) END AS tenant_key,
       ${unsafeMediaKeyOf('COALESCE(e.mediatype, 0)')} AS media_type_key,
       CASE e.calltype WHEN 2 THEN CASE WHEN e.fam = 'M' AND e.parentcallid IS NOT NULL THEN 3 ELSE 2 END
                       WHEN 3 THEN CASE WHEN e.fam = 'M' AND e.parentcallid IS NOT NULL THEN 5 ELSE 4 END
                       WHEN 1 THEN 6 ELSE 1 END AS interaction_type_key,
       CASE WHEN e.fam = 'V' THEN e.connidnum END AS media_server_ixn_id,
       CASE WHEN e.fam = 'V' THEN e.root_callid ELSE e.root_guid END AS media_server_root_ixn_guid,
       e.ani AS source_address, e.dnis AS target_address, e.subject,
       e.open_status | CASE WHEN e.dangling THEN 8 ELSE 0 END | CASE WHEN e.merge_missing THEN 16 ELSE 0 END AS status,
       e.merge_missing, e.dangling, NULL::numeric(19) AS interaction_id
  FROM e`;

/** Surrogate ids kept stable through the natural key; new ones from the sequence. */
export const ASSIGN_IXN_IDS = `
UPDATE tf_ix_ixn n SET interaction_id = COALESCE(
  (SELECT f.interaction_id FROM interaction_fact f WHERE f.media_server_ixn_guid = n.root_callid
      AND f.start_date_time_key = n.start_date_time_key), nextval('interaction_id_seq'))`;

/** Old interactions of the batch: every interaction any of its calls belonged to. */
export const SCOPE = `
CREATE TEMP TABLE tf_ix_scope ON COMMIT DROP AS
SELECT DISTINCT ci.interaction_id FROM tf_ix_calls k JOIN tf_call_interaction ci ON ci.callid = k.callid AND ci.fam = k.fam
UNION
SELECT DISTINCT ci.interaction_id FROM tf_ix_seed s JOIN tf_call_interaction ci ON ci.callid = s.callid AND ci.fam = s.fam
UNION
SELECT interaction_id FROM tf_ix_ixn`;

/** The new IF rows, shaped like the fact table. */
export const NEW_IF = `
CREATE TEMP TABLE tf_ix_n_if ON COMMIT DROP AS
SELECT interaction_id, tenant_key, interaction_type_key, media_type_key,
       media_server_ixn_id AS media_server_root_ixn_id, media_server_ixn_id, media_server_root_ixn_guid,
       root_callid AS media_server_ixn_guid, source_address, target_address, subject, status,
       start_date_time_key, end_date_time_key, start_ts, end_ts
  FROM tf_ix_ixn`;

export const IF_WRITE = {
  table: 'interaction_fact',
  staging: 'tf_ix_n_if',
  naturalKey: ['media_server_ixn_guid', 'start_date_time_key'],
  values: [
    'interaction_id',
    'tenant_key',
    'interaction_type_key',
    'media_type_key',
    'media_server_root_ixn_id',
    'media_server_ixn_id',
    'media_server_root_ixn_guid',
    'source_address',
    'target_address',
    'subject',
    'status',
    'end_date_time_key',
    'start_ts',
    'end_ts',
  ],
  scopeFrom: 'tf_ix_scope s',
  scopeWhere: 'f.interaction_id = s.interaction_id',
} as const;

/** TF_CALL_INTERACTION: the calls of the batch's old and new interactions, replaced. */
export const CALL_INTERACTION = [
  `DELETE FROM tf_call_interaction ci USING tf_ix_scope s WHERE ci.interaction_id = s.interaction_id`,
  `DELETE FROM tf_call_interaction ci USING tf_ix_calls k WHERE ci.callid = k.callid`,
  `INSERT INTO tf_call_interaction (callid, fam, interaction_id, interaction_sdt_key, ixn_guid)
   SELECT k.callid, k.fam, i.interaction_id, i.start_date_time_key, i.root_callid
     FROM tf_ix_calls k JOIN tf_ix_ixn i ON i.comp = k.comp`,
];

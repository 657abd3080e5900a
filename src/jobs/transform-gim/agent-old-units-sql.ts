// "Old units are ignored" for agent timelines (data-model 5.1): a changed row whose overlapping
// session facts all ended and started before ref_ts − days-to-keep-gidb-facts·86400 is not
// recomputed, as the GIDB rows under those facts may be purged already. An agent unit gathers all
// changed rows of one agent into one range, so the rule applies to that range: a unit overlapping
// only old session facts leaves the backlog with its facts untouched; a unit overlapping old and
// newer facts has its range start moved past the old facts that precede the first newer one
// (project choice: the changes under old facts are ignored, the rest recomputed). $1 = cutoff.
import { OPEN_TS } from './sql-constants.ts';

/** Session facts overlapping each agent unit's range, each flagged old (ended, started before $1). */
const OVERLAPS = `
SELECT b.unit_id, f.start_ts, f.end_ts, (f.end_ts IS NOT NULL AND f.start_ts < $1) AS old
  FROM stg_ixn_backlog b
  JOIN resource_ r ON r.resource_cfg_type_id = 3
   AND r.resource_cfg_dbid = CASE WHEN b.unit_type = 'AGENT' THEN b.unit_id::int END
  JOIN sm_res_session_fact f ON f.resource_key = r.resource_key
   AND f.start_ts <= b.changed_to_ts AND COALESCE(f.end_ts, ${OPEN_TS}) >= b.changed_from_ts
 WHERE b.unit_type = 'AGENT'`;

export const DROP_OLD_UNITS = `
DELETE FROM stg_ixn_backlog b
 USING (SELECT unit_id FROM (${OVERLAPS}) o GROUP BY unit_id HAVING bool_and(old)) x
 WHERE b.unit_type = 'AGENT' AND b.unit_id = x.unit_id`;

/** The range then starts just after the last old fact ending before the first newer one. */
export const CLAMP_MIXED_UNITS = `
UPDATE stg_ixn_backlog b SET changed_from_ts = x.old_end + 1
  FROM (SELECT o.unit_id, max(o.end_ts) FILTER (WHERE o.old AND o.end_ts < n.first_new) AS old_end
          FROM (${OVERLAPS}) o
          JOIN (SELECT unit_id, min(start_ts) AS first_new FROM (${OVERLAPS}) o2 WHERE NOT old GROUP BY unit_id) n
            ON n.unit_id = o.unit_id
         GROUP BY o.unit_id) x
 WHERE b.unit_type = 'AGENT' AND b.unit_id = x.unit_id AND x.old_end IS NOT NULL
   AND b.changed_from_ts <= x.old_end`;

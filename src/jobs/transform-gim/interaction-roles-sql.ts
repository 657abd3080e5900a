// Which parties produce an IRF, with RESOURCE_ROLE, ROLE_REASON, TECHNICAL_RESULT and
// RESULT_REASON (data-model 5.4). Reads tf_ix_g, tf_ix_seg, tf_ix_chain, tf_ix_pid, tf_ix_link,
// tf_ix_ixn; writes TEMP tf_ix_r (one row per kept PartyGUID).

export const ROLES = `
CREATE TEMP TABLE tf_ix_r ON COMMIT DROP AS
SELECT g.*, t.node AS top_g, tp.link AS top_link, tp.parent_g AS top_parent, tp.start_ts AS top_start,
       EXISTS (SELECT 1 FROM tf_ix_seg s WHERE s.comp = g.comp AND s.g = g.g AND s.state = 12) AS connected,
       (SELECT s.state FROM tf_ix_seg s WHERE s.comp = g.comp AND s.g = g.g AND s.state <> 0
         ORDER BY s.pseq DESC LIMIT 1) AS last_state,
       CASE WHEN g.link = 8 THEN 5
            WHEN g.prole = 1 AND g.parent_g IS NULL THEN 4
            WHEN tp.parent_g IS NULL THEN 1
            WHEN tp.link = 2 THEN 2 WHEN tp.link = 3 THEN 3 WHEN tp.link = 8 THEN 5
            WHEN tp.link IN (5, 7) THEN NULL ELSE 1 END AS ro,
       EXISTS (SELECT 1 FROM tf_ix_g ch WHERE ch.comp = g.comp AND ch.parent_g = g.g AND ch.link IN (1, 8)
                 AND NOT ch.dropped) AS routed_child,
       EXISTS (SELECT 1 FROM tf_ix_g ch WHERE ch.comp = g.comp AND ch.parent_g = g.g AND ch.link = 2 AND NOT ch.dropped)
         OR EXISTS (SELECT 1 FROM tf_ix_g fo JOIN tf_call c ON c.fam = fo.fam AND c.callid = fo.callid
                     WHERE fo.comp = g.comp AND fo.folded AND fo.owner = g.g AND c.mergetype = 1
                       AND EXISTS (SELECT 1 FROM tf_call m WHERE m.fam = c.fam AND m.callid = c.mergecallid)) AS transferred,
       EXISTS (SELECT 1 FROM tf_ix_g ch WHERE ch.comp = g.comp AND ch.parent_g = g.g AND ch.link = 7) AS deferred,
       (EXISTS (SELECT 1 FROM tf_ix_g fo JOIN tf_call c ON c.fam = fo.fam AND c.callid = fo.callid
                 WHERE fo.comp = g.comp AND fo.cons_init AND (fo.owner = g.g OR fo.g = g.g) AND c.mergetype = 2
                   AND EXISTS (SELECT 1 FROM tf_call m WHERE m.fam = c.fam AND m.callid = c.mergecallid))
        OR EXISTS (SELECT 1 FROM tf_ix_g ch WHERE ch.comp = g.comp AND ch.parent_g = g.g AND ch.link = 4)) AS conf_init,
       (SELECT max(c.mergetype) FROM tf_ix_pid a JOIN tf_call c ON c.fam = a.fam AND c.callid = a.callid
         WHERE a.comp = g.comp AND a.g = g.g AND c.mergetype IN (1, 2)
           AND EXISTS (SELECT 1 FROM tf_ix_pid b WHERE b.comp = a.comp AND b.g = a.g AND b.callid = c.mergecallid))
         AS moved_in,
       EXISTS (SELECT 1 FROM tf_ix_hist h JOIN tf_ix_pid mine ON mine.comp = g.comp AND mine.g = g.g
                WHERE h.comp = g.comp AND h.callid = mine.callid AND h.g <> g.g AND h.state = 11) AS dest_busy,
       COALESCE((SELECT ip.end_ts <= g.end_ts FROM tf_ix_pid p1 JOIN tf_ix_g ip ON ip.comp = p1.comp AND ip.g = p1.g
                  WHERE p1.comp = g.comp AND p1.prole = 1 AND NOT ip.dropped
                    AND p1.callid = COALESCE((SELECT lk.out_call FROM tf_ix_link lk
                                              WHERE lk.comp = g.comp AND lk.in_call = g.last_call LIMIT 1), g.last_call)
                  ORDER BY p1.created_ts, p1.partyid LIMIT 1), false)
         AND COALESCE((SELECT m.is_online = 1 FROM media_type m WHERE m.media_type_key = i.media_type_key), false)
         AS abandon,
       false AS has_irf, 0 AS rn, 0 AS tr, 0 AS rr
  FROM tf_ix_g g
  JOIN tf_ix_ixn i ON i.comp = g.comp
  CROSS JOIN LATERAL (SELECT c.node FROM tf_ix_chain c WHERE c.comp = g.comp AND c.g = g.g
                       ORDER BY c.depth DESC LIMIT 1) t
  JOIN tf_ix_g tp ON tp.comp = g.comp AND tp.g = t.node
 WHERE NOT g.dropped`;

/** Role of the parent for links 5 (Redirected) and 7 (Placed): a few set-based passes. */
export const ROLE_FROM_PARENT = `
UPDATE tf_ix_r x SET ro = p.ro FROM tf_ix_r p
 WHERE x.ro IS NULL AND p.comp = x.comp AND p.g = x.top_parent AND p.ro IS NOT NULL`;

export const ROLE_STEPS = [
  `CREATE INDEX ON tf_ix_r (comp, g)`,
  ROLE_FROM_PARENT,
  ROLE_FROM_PARENT,
  ROLE_FROM_PARENT,
  ROLE_FROM_PARENT,
  `UPDATE tf_ix_r SET ro = 0 WHERE ro IS NULL`,
  `UPDATE tf_ix_r SET
     has_irf = end_ts IS NOT NULL AND NOT folded AND prole IS DISTINCT FROM 4
               AND (type IN (1, 2, 5) OR (med AND NOT routed_child)),
     rn = CASE WHEN conf_init THEN 1 WHEN moved_in = 2 OR link = 4 THEN 2 WHEN moved_in = 1 THEN 3 ELSE 0 END`,
  `UPDATE tf_ix_r SET (tr, rr) = (
     SELECT CASE WHEN abnormal THEN 2
                 WHEN med THEN CASE WHEN abandon THEN 1 ELSE 3 END
                 WHEN NOT connected THEN
                   CASE WHEN ro = 4 THEN CASE WHEN dest_busy THEN 8 ELSE 1 END
                        WHEN last_state = 10 THEN CASE WHEN abandon THEN 1 ELSE 14 END
                        ELSE 10 END
                 WHEN deferred THEN 7 WHEN transferred THEN 16 WHEN rn = 1 THEN 5 ELSE 4 END,
            CASE WHEN abnormal THEN 0
                 WHEN med THEN CASE WHEN abandon THEN 3 ELSE 0 END
                 WHEN NOT connected THEN
                   CASE WHEN ro = 4 THEN 0 WHEN last_state = 10 THEN CASE WHEN abandon THEN 2 ELSE 4 END ELSE 0 END
                 WHEN deferred OR transferred OR rn = 1 THEN 0
                 WHEN ro IN (1, 2, 3, 5) THEN 1 ELSE 0 END)`,
  `ANALYZE tf_ix_r`,
];

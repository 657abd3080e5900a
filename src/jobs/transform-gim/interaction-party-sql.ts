// Party timelines of a batch (data-model 5.3, 5.4, 5.10): PartyIDs grouped by PartyGUID, first
// and last PartyID, start/end, parents, multi-site stub removal, consult-initiator folding,
// segments with phase, measure and entry flag, and the mediation chains.
// Reads tf_ix_calls, tf_ix_ixn, tf_ix_link; writes TEMP tf_ix_pid, tf_ix_hist, tf_ix_g,
// tf_ix_seg, tf_ix_chain.

export const PIDS = `
CREATE TEMP TABLE tf_ix_pid ON COMMIT DROP AS
SELECT k.comp, p.fam, p.partyid, COALESCE(p.partyguid, p.partyid) AS g, p.callid, p.type, p.prole,
       p.parentpartyid, COALESCE(p.parentlinktype, 0) AS link, p.endpointdn, p.endpointid, p.agentid,
       p.created_ts, p.terminated_ts, hs.min_pseq, hs.max_pseq
  FROM tf_ix_calls k JOIN tf_party p ON p.fam = k.fam AND p.callid = k.callid
  LEFT JOIN LATERAL (SELECT min(h.pseq) AS min_pseq, max(h.pseq) AS max_pseq FROM tf_party_history h
                      WHERE h.fam = p.fam AND h.partyid = p.partyid) hs ON true`;

export const HIST = `
CREATE TEMP TABLE tf_ix_hist ON COMMIT DROP AS
SELECT p.comp, p.g, h.partyid, h.pseq, h.changetype, COALESCE(h.callid, p.callid) AS callid, h.state, h.added_ts,
       lead(h.added_ts) OVER (PARTITION BY p.comp, p.g ORDER BY h.pseq, h.partyid) AS next_ts
  FROM tf_ix_pid p JOIN tf_party_history h ON h.fam = p.fam AND h.partyid = p.partyid`;

/** One row per PartyGUID; $1 = nothing (close times come from tf_ix_ixn). */
export const PARTIES = `
CREATE TEMP TABLE tf_ix_g ON COMMIT DROP AS
WITH f AS (
  SELECT DISTINCT ON (comp, g) * FROM tf_ix_pid ORDER BY comp, g, min_pseq NULLS LAST, created_ts, partyid),
l AS (
  SELECT DISTINCT ON (comp, g) comp, g, callid AS last_call, terminated_ts AS last_term
    FROM tf_ix_pid ORDER BY comp, g, max_pseq DESC NULLS LAST, created_ts DESC, partyid DESC),
h AS (
  SELECT comp, g, (array_agg(added_ts ORDER BY pseq, partyid))[1] AS first_ts,
         max(added_ts) FILTER (WHERE changetype = 2) AS end_ts
    FROM tf_ix_hist GROUP BY comp, g)
SELECT f.comp, f.fam, f.g, f.partyid, f.callid, f.type, f.prole, f.parentpartyid, f.link, f.endpointdn,
       f.endpointid, f.agentid, f.created_ts,
       COALESCE(h.first_ts, f.created_ts) AS start_ts,
       COALESCE(h.end_ts, l.last_term, i.close_ts) AS end_ts,
       (COALESCE(h.end_ts, l.last_term) IS NULL AND i.close_ts IS NOT NULL) AS abnormal,
       l.last_call,
       (f.type IN (3, 4, 7, 8)) AS med,
       (SELECT pp.g FROM tf_ix_pid pp WHERE pp.comp = f.comp AND pp.partyid = f.parentpartyid LIMIT 1) AS parent_g,
       EXISTS (SELECT 1 FROM tf_ix_link lk WHERE lk.comp = f.comp AND f.partyid IN (lk.in_stub, lk.out_stub)) AS dropped,
       (f.link = 6 OR (f.prole = 1 AND EXISTS (SELECT 1 FROM tf_call c WHERE c.fam = f.fam AND c.callid = f.callid
                                                AND c.calltype = 4))) AS cons_init,
       false AS folded, f.g AS owner
  FROM f JOIN l ON l.comp = f.comp AND l.g = f.g LEFT JOIN h ON h.comp = f.comp AND h.g = f.g
  JOIN tf_ix_ixn i ON i.comp = f.comp`;

export const PARTY_STEPS = [
  `CREATE INDEX ON tf_ix_g (comp, g)`,
  // Multi-site (5.10): parties of an incoming call without a parent take the outgoing stub's.
  `UPDATE tf_ix_g x SET parent_g = o.parent_g, link = o.link, parentpartyid = o.parentpartyid
     FROM tf_ix_link lk JOIN tf_ix_g o ON o.comp = lk.comp AND o.partyid = lk.out_stub
    WHERE x.comp = lk.comp AND x.callid = lk.in_call AND x.parent_g IS NULL AND NOT x.dropped`,
  // Consult initiators whose parent resolves fold into the parent's IRF (5.4).
  `UPDATE tf_ix_g x SET folded = true, owner = x.parent_g
    WHERE x.cons_init AND x.parent_g IS NOT NULL AND NOT x.dropped`,
  `UPDATE tf_ix_g x SET owner = o.owner FROM tf_ix_g o
    WHERE x.folded AND o.comp = x.comp AND o.g = x.owner AND o.folded`,
  `ANALYZE tf_ix_g`,
];

/** Segments: ChangeType 1/3 rows, until the next row (or the party end); phase r, measure s. */
export const SEGMENTS = `
CREATE TEMP TABLE tf_ix_seg ON COMMIT DROP AS
WITH s AS (
  SELECT h.comp, h.g, h.pseq, h.partyid, h.callid, h.state, h.added_ts AS s_start,
         COALESCE(h.next_ts, g.end_ts) AS s_end,
         CASE WHEN c.calltype = 4 THEN CASE WHEN p.prole = 1 THEN 1 ELSE 2 END
              ELSE COALESCE((SELECT CASE c2.mergetype WHEN 1 THEN 3 WHEN 2 THEN 4 END
                               FROM tf_ix_hist h2 JOIN tf_call c2 ON c2.fam = g.fam AND c2.callid = h2.callid
                              WHERE h2.comp = h.comp AND h2.g = h.g AND h2.pseq < h.pseq
                                AND c2.mergecallid = h.callid AND c2.mergetype IN (1, 2)
                              ORDER BY h2.pseq DESC LIMIT 1), 0) END AS r,
         CASE WHEN h.state IN (1, 65536) THEN 1 WHEN h.state = 10 THEN 2 WHEN h.state = 12 THEN 3
              WHEN h.state = 14 THEN 4 ELSE 0 END AS s
    FROM tf_ix_hist h JOIN tf_ix_g g ON g.comp = h.comp AND g.g = h.g
    JOIN tf_ix_pid p ON p.comp = h.comp AND p.partyid = h.partyid
    LEFT JOIN tf_call c ON c.fam = g.fam AND c.callid = h.callid
   WHERE h.changetype IN (1, 3))
SELECT s.*, GREATEST(COALESCE(s.s_end, 0) - s.s_start, 0) AS dur,
       CASE WHEN lag(s.state) OVER w IS NULL THEN 1
            WHEN (lag(s.state) OVER w, lag(s.r) OVER w) IS NOT DISTINCT FROM (s.state, s.r) THEN 0
            WHEN s.state = 12 AND lag(s.state) OVER w = 14 AND lag(s.r) OVER w = s.r THEN 0
            ELSE 1 END AS entry
  FROM s WINDOW w AS (PARTITION BY s.comp, s.g ORDER BY s.pseq, s.partyid)`;

/** Mediation chain of each party: itself, then parents while they are mediation parties. */
export const CHAIN = `
CREATE TEMP TABLE tf_ix_chain ON COMMIT DROP AS
WITH RECURSIVE ch(comp, g, node, depth) AS (
  SELECT comp, g, g, 0 FROM tf_ix_g WHERE NOT dropped
  UNION ALL
  SELECT ch.comp, ch.g, p.g, ch.depth + 1
    FROM ch JOIN tf_ix_g n ON n.comp = ch.comp AND n.g = ch.node
    JOIN tf_ix_g p ON p.comp = n.comp AND p.g = n.parent_g
   WHERE p.med AND NOT p.dropped AND ch.depth < 30)
SELECT ch.comp, ch.g, ch.node, ch.depth, n.type, n.start_ts, n.endpointid
  FROM ch JOIN tf_ix_g n ON n.comp = ch.comp AND n.g = ch.node`;

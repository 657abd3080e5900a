// Summarized states of a batch of agent timelines (data-model 5.11): the winning contributor per
// elementary interval and the maximal periods of one state, for each media (SCOPE = media type)
// and for all media at once (SCOPE -100). Most scopes never hold two associations at one instant:
// there each contributor segment is its own winner and nothing is copied; only the other scopes go
// through the as-of join. An agent with one media in the batch has its media-neutral periods equal
// to that media's periods, so its SCOPE -100 is never computed (agent-facts-sql reads them).

/** Associations of the kept sessions (sessions outside the units' windows were dropped). */
export const KEPT_ASSOC = `
SELECT x.* FROM stg_tf_assoc x
  JOIN stg_tf_session s ON s.agent_id = x.agent_id AND s.media = x.media
   AND x.a_start >= s.s_start AND x.a_end <= s.s_end`;

/**
 * Per agent and scope: OVERLAP when two associations share an instant (their segments tile them,
 * so this is decided on the few association rows); SINGLE when the agent has one media only.
 */
export const SCOPES = `
CREATE TEMP TABLE tf_scope ON COMMIT DROP AS
WITH a AS (${KEPT_ASSOC}),
s AS (SELECT agent_id, media AS scope, a_start, a_end FROM a UNION ALL SELECT agent_id, -100, a_start, a_end FROM a)
SELECT q.agent_id, q.scope, COALESCE(bool_or(q.a_start < q.prev_end), false) AS overlap, m.n = 1 AS single
  FROM (SELECT s.*, max(a_end) OVER (PARTITION BY agent_id, scope ORDER BY a_start
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
          FROM s) q
  JOIN (SELECT agent_id, count(DISTINCT media) AS n FROM a GROUP BY agent_id) m ON m.agent_id = q.agent_id
 GROUP BY q.agent_id, q.scope, m.n`;

/** Scopes to compute: every media scope, and SCOPE -100 of agents with several media. */
const COMPUTED = `(o.scope <> -100 OR NOT o.single)`;

/** Winners of the scopes without overlap: the contributor segments themselves. */
const DIRECT_WINNERS = `
SELECT c.agent_id, o.scope, c.seg_start AS e_start, c.seg_end AS e_end, c.state, c.fam, c.lsid, c.ep, c.media
  FROM stg_tf_cseg c JOIN tf_scope o ON o.agent_id = c.agent_id AND o.scope IN (c.media, -100)
 WHERE NOT o.overlap AND ${COMPUTED}`;

/** Every winner of the computed scopes (stg_tf_win holds those of the overlapping ones). */
export const ALL_WINNERS = `${DIRECT_WINNERS}
UNION ALL
SELECT agent_id, scope, e_start, e_end, state, fam, lsid, ep, media FROM stg_tf_win`;

/** Contributor segments of the overlapping scopes, once per scope. */
export const WINNER_INPUT = `
CREATE TEMP TABLE tf_c ON COMMIT DROP AS
SELECT c.agent_id, o.scope, c.media, c.fam, c.lsid, c.ep, c.seg_start, c.seg_end, c.state
  FROM stg_tf_cseg c JOIN tf_scope o ON o.agent_id = c.agent_id AND o.scope IN (c.media, -100)
 WHERE o.overlap AND ${COMPUTED}`;

/**
 * Winner per elementary interval of the overlapping scopes: priority Busy > ACW > NotReady >
 * Ready > LoggedIn > Unknown; ties: earliest segment start, then lowest EndPointID. The segments
 * of one association never overlap, so its segment at an elementary interval is the one with the
 * latest start at or before it: a running max over a sort (an as-of join), then an equality join
 * back — linear in the batch, where a range join would be quadratic per agent.
 */
export const WINNER_ASOF = `
CREATE TEMP TABLE tf_y ON COMMIT DROP AS
WITH assoc AS (SELECT DISTINCT agent_id, scope, media, fam, lsid, ep FROM tf_c),
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

/**
 * Maximal periods of one summarized state: adjacent winners with equal state merge. One sort: a
 * period starts at a winner whose predecessor differs or does not touch it, and ends at the end of
 * the first winner (from there on) whose successor differs or does not touch it.
 */
export const BUILD_STATE_PERIODS = `
WITH w AS (
  SELECT agent_id, scope, state, e_start, e_end,
         lag(state) OVER p AS ps, lag(e_end) OVER p AS pe, lead(state) OVER p AS ns, lead(e_start) OVER p AS nst
    FROM (${ALL_WINNERS}) u WINDOW p AS (PARTITION BY agent_id, scope ORDER BY e_start)),
b AS (
  SELECT agent_id, scope, state, e_start, e_end,
         (ps IS NULL OR ps <> state OR pe <> e_start) AS first,
         (ns IS NULL OR ns <> state OR nst <> e_end) AS last
    FROM w),
c AS (
  SELECT b.*, lead(e_end) OVER (PARTITION BY agent_id, scope ORDER BY e_start) AS next_end
    FROM b WHERE first OR last)
INSERT INTO stg_tf_state (agent_id, scope, state, p_start, p_end)
SELECT agent_id, scope, state, e_start, CASE WHEN last THEN e_end ELSE next_end END FROM c WHERE first`;

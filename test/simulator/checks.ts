// Consistency checks over an IDB written by the simulator, shared by the bulk, HA and live
// tests. Each returns the offending rows (empty = consistent) so a failure shows what is wrong.
import type { Db } from '../../src/db/types.ts';
import { CODE_BOOK } from '../../src/simulator/codes.ts';
import { TABLES, TABLE_NAMES } from '../../src/simulator/tables.ts';
import type { Provider } from '../../src/simulator/tables.ts';
import { PROVIDER_TAG } from '../../src/simulator/codes.ts';

async function rows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.query(sql)).rows;
}

/** Child rows whose parent row is missing: party→call, call→IR, history→owner, … */
export async function orphans(db: Db): Promise<Record<string, unknown>[]> {
  const links: [string, string, string, string][] = [
    ['g_party', 'callid', 'g_call', 'callid'],
    ['g_call', 'irid', 'g_ir', 'irid'],
    ['g_party_history', 'partyid', 'g_party', 'partyid'],
    ['g_call_history', 'callid', 'g_call', 'callid'],
    ['g_ir_history', 'irid', 'g_ir', 'irid'],
    ['g_virtual_queue', 'callid', 'g_call', 'callid'],
    ['g_route_result', 'callid', 'g_call', 'callid'],
    ['g_userdata_history', 'callid', 'g_call', 'callid'],
    ['g_call_userdata', 'callid', 'g_call', 'callid'],
    ['g_is_link', 'callid', 'g_call', 'callid'],
    ['g_is_link', 'partyid', 'g_party', 'partyid'],
    ['gx_session_endpoint', 'loginsessionid', 'g_login_session', 'loginsessionid'],
    ['g_agent_state_history', 'loginsessionid', 'g_login_session', 'loginsessionid'],
    ['g_agent_state_rc', 'sessionid', 'g_login_session', 'loginsessionid'],
    ['g_dnd_history', 'loginsessionid', 'g_login_session', 'loginsessionid'],
    ['go_chain', 'sessid', 'go_campaign', 'sessid'],
    ['go_campaignhistory', 'sessid', 'go_campaign', 'sessid'],
    ['go_chainrec_hist', 'chainguid', 'go_chain', 'chainguid'],
    ['gox_chain_call', 'chainguid', 'go_chain', 'chainguid'],
    ['gox_chain_call', 'callid', 'g_call', 'callid'],
    ['go_fieldhist', 'chainguid', 'go_chain', 'chainguid'],
    ['g_party', 'agentid', 'gc_agent', 'id'],
    ['g_login_session', 'agentid', 'gc_agent', 'id'],
    ['gcx_group_agent', 'agentid', 'gc_agent', 'id'],
    ['gcx_group_agent', 'groupid', 'gc_group', 'id'],
  ];
  const out: Record<string, unknown>[] = [];
  for (const [child, col, parent, pcol] of links) {
    const r = await rows(
      db,
      `SELECT '${child}.${col}' AS link, c.${col} AS value FROM ${child} c
        WHERE c.${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.${pcol} = c.${col}) LIMIT 3`,
    );
    out.push(...r);
  }
  return out;
}

/** Every X_TS equals the epoch of X (both NULL or both set). */
export async function timeTwins(db: Db): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const name of TABLE_NAMES) {
    for (const t of TABLES[name].times) {
      const r = await rows(
        db,
        `SELECT '${name}.${t}' AS col, count(*)::int AS bad FROM ${name}
          WHERE ${t}_ts IS DISTINCT FROM extract(epoch FROM ${t})::int HAVING count(*) > 0`,
      );
      out.push(...r);
    }
  }
  return out;
}

/** Codes outside the code book of data-model 2.6. */
export async function unknownCodes(db: Db): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const [table, cols] of Object.entries(CODE_BOOK)) {
    for (const [col, values] of Object.entries(cols)) {
      const r = await rows(
        db,
        `SELECT '${table}.${col}' AS col, ${col} AS value, count(*)::int AS n FROM ${table}
          WHERE ${col} IS NOT NULL AND NOT (${col} = ANY('{${values.join(',')}}'::int[])) GROUP BY ${col}`,
      );
      out.push(...r);
    }
  }
  return out;
}

/** History rows out of order: a later sequence number at an earlier time, or a repeated one. */
export async function historyOrder(
  db: Db,
  opts: { continuity?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  // In an IDB with gaps rows are missing, so a state's PrevState may name a state never seen.
  const continuity = opts.continuity ?? true;
  const checks = [
    // PSeq runs over the whole PartyGUID, across PartyIDs.
    `SELECT 'g_party_history' AS t, g AS key FROM (
       SELECT p.partyguid AS g, h.pseq, h.added_ts,
              lag(h.added_ts) OVER (PARTITION BY p.partyguid ORDER BY h.pseq) AS prev_ts,
              lag(h.pseq) OVER (PARTITION BY p.partyguid ORDER BY h.pseq) AS prev_seq
         FROM g_party_history h JOIN g_party p ON p.partyid = h.partyid) x
      WHERE added_ts < prev_ts OR pseq = prev_seq ${continuity ? 'OR (prev_seq IS NULL AND pseq <> 1)' : ''}`,
    `SELECT 'g_call_history' AS t, callid AS key FROM (
       SELECT callid, cseq, added_ts, lag(added_ts) OVER w AS prev_ts, lag(cseq) OVER w AS prev_seq
         FROM g_call_history WINDOW w AS (PARTITION BY callid ORDER BY cseq)) x
      WHERE added_ts < prev_ts OR cseq = prev_seq`,
    `SELECT 'g_ir_history' AS t, irid AS key FROM (
       SELECT irid, xseq, added_ts, lag(added_ts) OVER w AS prev_ts, lag(xseq) OVER w AS prev_seq
         FROM g_ir_history WINDOW w AS (PARTITION BY irid ORDER BY xseq)) x
      WHERE added_ts < prev_ts OR xseq = prev_seq`,
    `SELECT 'g_agent_state_history' AS t, loginsessionid AS key FROM (
       SELECT loginsessionid, seq, added_ts, state, prevstate, lag(added_ts) OVER w AS prev_ts,
              lag(seq) OVER w AS prev_seq, lag(state) OVER w AS prev_state
         FROM g_agent_state_history WINDOW w AS (PARTITION BY loginsessionid, endpointid, mediatype ORDER BY seq)) x
      WHERE added_ts < prev_ts OR seq = prev_seq ${continuity ? 'OR (prev_seq IS NOT NULL AND prevstate <> prev_state)' : ''}`,
    // A party's history ends with its termination, at its G_PARTY Terminated time.
    `SELECT 'g_party.terminated' AS t, p.partyid AS key FROM g_party p
      WHERE p.terminated_ts IS NOT NULL AND p.terminated_ts <> (SELECT max(h.added_ts) FROM g_party_history h WHERE h.partyid = p.partyid)`,
  ];
  const out: Record<string, unknown>[] = [];
  for (const sql of checks) out.push(...(await rows(db, `${sql} LIMIT 3`)));
  return out;
}

const PROVIDER_TABLES = (p: Provider): string[] => TABLE_NAMES.filter((n) => TABLES[n].provider === p);

/**
 * Change markers: GSYS_USEQ above GSYS_SEQ, inserts numbered in time order (across the insert-only
 * tables), and G_PROV_CONTROL.SeqCurrent at or above every marker of its provider.
 */
export async function markerProblems(db: Db): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const name of TABLE_NAMES) {
    if (!TABLES[name].provider) continue;
    out.push(
      ...(await rows(
        db,
        `SELECT '${name}' AS t, count(*)::int AS bad FROM ${name}
          WHERE gsys_seq IS NULL OR gsys_useq <= gsys_seq OR gsys_domain IS NULL HAVING count(*) > 0`,
      )),
    );
  }
  const events = [
    'g_party_history',
    'g_call_history',
    'g_ir_history',
    'g_agent_state_history',
    'g_userdata_history',
    'go_chainrec_hist',
  ]
    .map((t) => `SELECT added_ts AS ts, gsys_seq AS seq FROM ${t}`)
    .join(' UNION ALL ');
  out.push(
    ...(await rows(
      db,
      `SELECT 'insert order' AS t, ts, seq, m FROM (
         SELECT ts, seq, max(seq) OVER (ORDER BY ts, seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS m
           FROM (${events}) e) x
        WHERE seq < m AND ts > (SELECT min(ts) FROM (${events}) f) LIMIT 3`,
    )),
  );
  for (const p of ['cfg', 'gcc', 'gls', 'gud', 'gos'] as const) {
    const chg = PROVIDER_TABLES(p)
      .map((t) => `SELECT GREATEST(gsys_seq, COALESCE(gsys_useq, 0)) AS chg FROM ${t}`)
      .join(' UNION ALL ');
    out.push(
      ...(await rows(
        db,
        `SELECT '${p}' AS provider, max(chg) AS max_marker,
                (SELECT max(seqcurrent) FROM g_prov_control WHERE providertag = ${PROVIDER_TAG[p]}) AS seq_current
           FROM (${chg}) c
         HAVING max(chg) > COALESCE((SELECT max(seqcurrent) FROM g_prov_control WHERE providertag = ${PROVIDER_TAG[p]}), -1)`,
      )),
    );
  }
  return out;
}

/** Agent parties connected on a voice call while their agent's state is not Busy, or outside a login. */
export async function agentStateProblems(db: Db): Promise<Record<string, unknown>[]> {
  return rows(
    db,
    `SELECT p.partyid, h.added_ts, p.agentid,
            (SELECT s.state FROM g_agent_state_history s
              WHERE s.agentid = p.agentid AND s.endpointid = p.endpointid AND s.added_ts <= h.added_ts
              ORDER BY s.added_ts DESC, s.gsys_seq DESC LIMIT 1) AS agent_state,
            EXISTS (SELECT 1 FROM g_login_session l WHERE l.agentid = p.agentid AND l.created_ts <= h.added_ts
                     AND (l.terminated_ts IS NULL OR l.terminated_ts >= h.added_ts)) AS logged_in
       FROM g_party_history h JOIN g_party p ON p.partyid = h.partyid JOIN g_call c ON c.callid = p.callid
      WHERE p.type = 1 AND c.mediatype = 1 AND h.state = 12 AND h.changetype IN (1, 3)
        AND ((SELECT s.state FROM g_agent_state_history s
               WHERE s.agentid = p.agentid AND s.endpointid = p.endpointid AND s.added_ts <= h.added_ts
               ORDER BY s.added_ts DESC, s.gsys_seq DESC LIMIT 1) IS DISTINCT FROM 5
          OR NOT EXISTS (SELECT 1 FROM g_login_session l WHERE l.agentid = p.agentid AND l.created_ts <= h.added_ts
                          AND (l.terminated_ts IS NULL OR l.terminated_ts >= h.added_ts)))
      LIMIT 5`,
  );
}

/** A digest of a table's content, without the columns that legitimately differ between IDBs. */
export async function tableDigest(db: Db, table: string, exclude: readonly string[] = []): Promise<string> {
  const cols = (
    await db.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
  ).rows
    .map((r) => r.c)
    .filter((c) => !exclude.includes(c));
  const r = await db.query<{ d: string | null; n: number }>(
    `SELECT md5(string_agg(x, '|' ORDER BY x)) AS d, count(*)::int AS n FROM (SELECT ROW(${cols.join(', ')})::text AS x FROM ${table}) t`,
  );
  return `${r.rows[0]?.n}:${r.rows[0]?.d ?? ''}`;
}

// The agent activity unit kind (data-model 5.1, 5.11): one unit per agent (all media), with the
// time range its changed rows touched. Recomputing a batch rebuilds the whole sessions that
// overlap each unit's range and reconciles SM_RES_SESSION_FACT, SM_RES_STATE_FACT,
// SM_RES_STATE_REASON_FACT and SM_MEDIA_NEUTRAL_STATE_FACT. Changes under old facts are ignored
// (agent-old-units-sql.ts).
import type { Tx } from '../../db/types.ts';
import * as T from './agent-timeline-sql.ts';
import * as W from './agent-winners-sql.ts';
import * as F from './agent-facts-sql.ts';
import * as O from './agent-old-units-sql.ts';
import { mergeRanges, unsafeWriteFacts } from './reconcile.ts';
import { OPEN_TS } from './sql-constants.ts';
import type { KeyRange, RecomputeResult, TransformEnv, UnitKind } from './types.ts';

const FAMILIES = ['v', 'mm'] as const;
const SOURCES = [
  'g_login_session',
  'gx_session_endpoint',
  'g_agent_state_history',
  'g_agent_state_rc',
  'g_dnd_history',
] as const;

const STAGING = [
  'stg_tf_agent',
  'stg_tf_assoc',
  'stg_tf_session',
  'stg_tf_cseg',
  'stg_tf_win',
  'stg_tf_state',
  'stg_tf_reason',
];

function changedUnitsSql(table: string): string {
  const m = /^gidb_(\w+)_(v|mm)$/.exec(table);
  if (!m) throw new Error(`agent units: unknown source table ${table}`);
  const [, base, fam] = m;
  // Rows without AgentID take it from their login session. Kept apart so the planner charges the
  // lookup only to those (few) rows: one estimate per changed row would cross the JIT thresholds.
  const lookup = `(SELECT ls.agentid FROM gidb_g_login_session_${fam} ls
                   WHERE ls.loginsessionid = x.${base === 'g_agent_state_rc' ? 'sessionid' : 'loginsessionid'} LIMIT 1)`;
  const span: Record<string, [string, string, string]> = {
    g_login_session: [
      'x.created_ts',
      `COALESCE(x.terminated_ts, ${OPEN_TS})`,
      'COALESCE(x.terminated_ts, x.created_ts)',
    ],
    gx_session_endpoint: [
      'x.created_ts',
      `COALESCE(x.terminated_ts, ${OPEN_TS})`,
      'COALESCE(x.terminated_ts, x.created_ts)',
    ],
    g_agent_state_history: ['x.added_ts', 'x.added_ts', 'x.added_ts'],
    g_agent_state_rc: [
      'x.created_ts',
      `COALESCE(x.terminated_ts, ${OPEN_TS})`,
      'COALESCE(x.terminated_ts, x.created_ts)',
    ],
    g_dnd_history: ['x.added_ts', 'x.added_ts', 'x.added_ts'],
  };
  const s = span[base ?? ''];
  if (!s) throw new Error(`agent units: unknown source table ${table}`);
  const rows = (agent: string, which: string): string =>
    `SELECT ${agent} AS agent, ${s[0]} AS from_ts, ${s[1]} AS to_ts, ${s[2]} AS last_ts
       FROM ${table} x WHERE x.update_audit_key > $1 AND x.update_audit_key <= $2 AND ${which}`;
  return `SELECT u.agent::text AS unit_id, u.from_ts, u.to_ts, u.last_ts FROM (
            ${rows('x.agentid', 'x.agentid <> 0')}
            UNION ALL
            ${rows(lookup, '(x.agentid IS NULL OR x.agentid = 0)')}) u
           WHERE u.agent IS NOT NULL AND u.agent <> 0 AND u.from_ts IS NOT NULL`;
}

async function run(tx: Tx, sql: string, name: string, params: unknown[] = []): Promise<number> {
  const r = await tx.query(sql, params, { name: `transform.agent.${name}` });
  return r.rowCount;
}

const NEW_ROWS: Record<(typeof F.FACT_TABLES)[number]['table'], string> = {
  sm_res_session_fact: F.NEW_SESSIONS,
  sm_res_state_fact: F.NEW_STATES,
  sm_res_state_reason_fact: F.NEW_REASONS,
  sm_media_neutral_state_fact: F.NEW_NEUTRAL,
};

/** Staging tables change size every commit: fresh statistics keep the planner on hash joins. */
async function analyze(tx: Tx, table: string, columns: readonly string[] = []): Promise<void> {
  const cols = columns.length > 0 ? ` (${columns.join(', ')})` : '';
  await tx.query(`ANALYZE ${table}${cols}`, [], { name: `transform.agent.analyze-${table}` });
}

async function recompute(tx: Tx, env: TransformEnv, auditKey: number): Promise<RecomputeResult> {
  // TRUNCATE, not DELETE: the staging tables belong to this job alone and a commit can fill them
  // with millions of rows.
  await run(tx, `TRUNCATE ${STAGING.join(', ')}`, 'clear-staging');
  // Batch statements are costed high enough to trigger JIT compilation, which takes longer than
  // running them (up to a second per statement); it is off for the rest of this commit.
  await run(tx, `SET LOCAL jit = off`, 'no-jit');
  // A commit's sorts (a few hundred thousand narrow rows) then stay in memory.
  await run(tx, `SET LOCAL work_mem = '64MB'`, 'work-mem');
  if ((await run(tx, T.LOAD_UNITS, 'load-units')) === 0) return { rowCounts: {}, range: null };
  await analyze(tx, 'stg_tf_agent');
  await run(tx, T.LOAD_ASSOCIATIONS, 'load-assoc');
  await analyze(tx, 'stg_tf_assoc');
  await run(tx, T.BUILD_SESSIONS, 'sessions');
  await run(tx, T.WIDEN_BY_NEW_SESSIONS, 'widen-new');
  await run(tx, T.WIDEN_BY_OLD_SESSIONS, 'widen-old');
  await run(tx, T.WIDEN_BY_NEW_SESSIONS, 'widen-new-2');
  await run(tx, T.DROP_OUTSIDE_SESSIONS, 'drop-outside');
  await analyze(tx, 'stg_tf_session');
  await run(tx, W.SCOPES, 'scopes');
  await analyze(tx, 'tf_scope');
  if (env.factorDndIntoStates) await run(tx, T.BUILD_CONTRIBUTORS_DND, 'contributors-dnd');
  else await run(tx, T.BUILD_CONTRIBUTORS, 'contributors');
  // (No branching on the row count: PGlite reports none for CREATE TABLE AS.)
  await run(tx, W.WINNER_INPUT, 'winner-input');
  await analyze(tx, 'tf_c');
  await run(tx, W.WINNER_ASOF, 'winner-asof');
  await analyze(tx, 'tf_y');
  await run(tx, W.BUILD_WINNERS, 'winners');
  await analyze(tx, 'stg_tf_win');
  await run(tx, W.BUILD_STATE_PERIODS, 'state-periods');
  await analyze(tx, 'stg_tf_state', ['agent_id', 'scope']);
  await run(tx, T.RC_INPUT, 'rc-input');
  await analyze(tx, 'tf_rc');
  await run(tx, T.INSERT_REASON_DIMENSION, 'reason-dimension', [auditKey]);
  await run(tx, T.BUILD_REASON_PERIODS, 'reason-periods');
  await run(
    tx,
    `INSERT INTO media_type (media_type_key, media_name, media_name_code, is_online, create_audit_key, update_audit_key)
     SELECT DISTINCT media, 'Media_' || media, 'MEDIA_' || media, 0, $1::numeric, $1::numeric
       FROM stg_tf_session WHERE media >= 100
     ON CONFLICT DO NOTHING`,
    'media-types',
    [auditKey],
  );
  const rowCounts: Record<string, number> = {};
  let range: KeyRange | null = null;
  for (const spec of F.FACT_TABLES) {
    // Each staging table just before its write: state facts point at their session fact, whose
    // key exists only once sessions are written.
    await run(tx, NEW_ROWS[spec.table], `new-${spec.table}`);
    await analyze(tx, spec.staging, spec.naturalKey);
    const r = await unsafeWriteFacts(
      tx,
      { ...spec, scopeFrom: F.AGENT_SCOPE_FROM, scopeWhere: F.AGENT_SCOPE_WHERE },
      auditKey,
    );
    // Facts written with RESOURCE_KEY -1 while the agent was unknown give way to the resolved ones.
    const media =
      spec.table === 'sm_media_neutral_state_fact' ? '' : 'AND n.media_type_key = f.media_type_key';
    const unknown = await run(
      tx,
      `DELETE FROM ${spec.table} f USING ${spec.staging} n
        WHERE f.resource_key = -1 AND n.resource_key <> -1 AND n.start_ts = f.start_ts ${media}
          AND n.start_date_time_key = f.start_date_time_key
          AND EXISTS (SELECT 1 FROM stg_tf_agent a WHERE a.resource_key = n.resource_key)`,
      `unknown-${spec.table}`,
    );
    rowCounts[spec.table] = r.inserted + r.updated + r.deleted + unknown;
    range = mergeRanges(range, r.range);
  }
  return { rowCounts, range };
}

export const agentUnitKind: UnitKind = {
  type: 'AGENT',
  sourceTables: SOURCES.flatMap((s) => FAMILIES.map((f) => `gidb_${s}_${f}`)),
  unsafeChangedUnitsSql: changedUnitsSql,
  async enqueueForNewConfig(tx, env) {
    await tx.query(
      `INSERT INTO stg_ixn_backlog (unit_type, unit_id, first_seen_ts, reason, changed_from_ts, changed_to_ts,
         last_event_ts, ready)
       SELECT 'AGENT', n.cfg_dbid::text, $1, 'NEW_CFG', min(se.created_ts),
              max(COALESCE(se.terminated_ts, ${OPEN_TS})), max(COALESCE(se.terminated_ts, se.created_ts)), 0
         FROM stg_tf_new_cfg n JOIN tf_session_endpoint se ON se.agentid = n.cfg_dbid
        WHERE n.cfg_type = 'AGENT'
        GROUP BY n.cfg_dbid
       ON CONFLICT (unit_type, unit_id) DO UPDATE SET
         changed_from_ts = LEAST(stg_ixn_backlog.changed_from_ts, excluded.changed_from_ts),
         changed_to_ts = GREATEST(stg_ixn_backlog.changed_to_ts, excluded.changed_to_ts),
         last_event_ts = GREATEST(stg_ixn_backlog.last_event_ts, excluded.last_event_ts)`,
      [env.refTs],
      { name: 'transform.agent.new-config' },
    );
  },
  async markReady(tx, env) {
    if (env.daysToKeepGidbFacts !== undefined) {
      const cutoff = [env.refTs - env.daysToKeepGidbFacts * 86400];
      await tx.query(O.DROP_OLD_UNITS, cutoff, { name: 'transform.agent.drop-old' });
      await tx.query(O.CLAMP_MIXED_UNITS, cutoff, { name: 'transform.agent.clamp-old' });
    }
    // An agent without configuration waits delayed-data-threshold after its latest event, then
    // resolves to -1 (data-model 5.1, 5.14).
    await tx.query(
      `UPDATE stg_ixn_backlog b
          SET ready = CASE WHEN k.known OR $1 - b.last_event_ts > $2 THEN 1 ELSE 0 END,
              reason = CASE WHEN k.known OR $1 - b.last_event_ts > $2 THEN 'READY' ELSE 'WAIT_CONFIG' END
         FROM (SELECT b2.unit_id, EXISTS (SELECT 1 FROM resource_ r WHERE r.resource_cfg_type_id = 3
                                            AND r.resource_cfg_dbid = b2.unit_id::int) AS known
                 FROM stg_ixn_backlog b2 WHERE b2.unit_type = 'AGENT') k
        WHERE b.unit_type = 'AGENT' AND b.unit_id = k.unit_id`,
      [env.refTs, env.delayedDataThreshold],
      { name: 'transform.agent.ready' },
    );
  },
  recompute,
};

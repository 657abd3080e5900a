// The campaign-group session unit kind (data-model 5.1, 5.12): one unit per GO_CAMPAIGN SessID.
// Recomputing a batch rebuilds each session's CAMPAIGN_GROUP_SESSION_FACT and its
// CAMPAIGN_GROUP_STATE_FACT rows and reconciles them on their natural keys.
import type { Tx } from '../../db/types.ts';
import * as S from './outbound-session-sql.ts';
import { mergeRanges, unsafeWriteFacts } from './reconcile.ts';
import type { KeyRange, RecomputeResult, TransformEnv, UnitKind } from './types.ts';

const NEW_ROWS: Record<(typeof S.SESSION_FACT_TABLES)[number]['table'], string> = {
  campaign_group_session_fact: S.NEW_SESSIONS,
  campaign_group_state_fact: S.NEW_STATES,
};

async function recompute(tx: Tx, _env: TransformEnv, auditKey: number): Promise<RecomputeResult> {
  const units = await tx.query(`SELECT 1 FROM stg_tf_chunk WHERE unit_type = $1 LIMIT 1`, [S.SESSION_UNIT], {
    name: 'transform.outbound-session.any',
  });
  if (units.rows.length === 0) return { rowCounts: {}, range: null };
  const rowCounts: Record<string, number> = {};
  let range: KeyRange | null = null;
  // In order: state facts point at the session fact written just before.
  for (const spec of S.SESSION_FACT_TABLES) {
    await tx.query(NEW_ROWS[spec.table], [], { name: `transform.outbound-session.new-${spec.table}` });
    const r = await unsafeWriteFacts(
      tx,
      { ...spec, scopeFrom: S.SESSION_SCOPE_FROM, scopeWhere: S.SESSION_SCOPE_WHERE },
      auditKey,
    );
    rowCounts[spec.table] = r.inserted + r.updated + r.deleted;
    range = mergeRanges(range, r.range);
  }
  return { rowCounts, range };
}

export const campaignSessionUnitKind: UnitKind = {
  type: S.SESSION_UNIT,
  sourceTables: Object.keys(S.SESSION_CHANGED_SQL),
  unsafeChangedUnitsSql(table) {
    const sql = S.SESSION_CHANGED_SQL[table];
    if (!sql) throw new Error(`campaign session units: unknown source table ${table}`);
    return sql;
  },
  async enqueueForNewConfig(tx, env) {
    await tx.query(S.SESSION_NEW_CONFIG, [env.refTs], { name: 'transform.outbound-session.new-config' });
  },
  async markReady(tx, env) {
    await tx.query(S.SESSION_READY, [env.refTs, env.delayedDataThreshold], {
      name: 'transform.outbound-session.ready',
    });
  },
  recompute,
};

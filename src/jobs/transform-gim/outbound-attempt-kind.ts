// The OCS attempt unit kind (data-model 5.1, 5.12, 5.14): one unit per CallAttID. Recomputing a
// batch rebuilds each complete attempt's CONTACT_ATTEMPT_FACT row; an attempt whose chain,
// campaign-group session or group is missing follows error-policy-campaign-group-missing.
import type { Tx } from '../../db/types.ts';
import * as A from './outbound-attempt-sql.ts';
import { outboundOptionsOf } from './outbound-options.ts';
import { unsafeWriteFacts } from './reconcile.ts';
import type { RecomputeResult, TransformEnv, UnitKind } from './types.ts';

/** error-policy-irf-exception = exception: the job fails and the open commit rolls back. */
export class CampaignGroupMissingError extends Error {
  constructor(
    readonly attempts: number,
    readonly firstChainGuid: string,
  ) {
    super(
      `CAMPAIGN_GROUP_MISSING: ${attempts} OCS attempt(s) without campaign-group session or group ` +
        `(first chain ${firstChainGuid}); error-policy-irf-exception = exception`,
    );
    this.name = 'CampaignGroupMissingError';
  }
}

async function run(tx: Tx, sql: string, name: string, params: unknown[] = []): Promise<number> {
  const r = await tx.query(sql, params, { name: `transform.outbound-attempt.${name}` });
  return r.rowCount;
}

async function recompute(tx: Tx, env: TransformEnv, auditKey: number): Promise<RecomputeResult> {
  const units = await tx.query(`SELECT 1 FROM stg_tf_chunk WHERE unit_type = $1 LIMIT 1`, [A.ATTEMPT_UNIT], {
    name: 'transform.outbound-attempt.any',
  });
  if (units.rows.length === 0) return { rowCounts: {}, range: null };
  const opts = outboundOptionsOf(env);
  await run(tx, `TRUNCATE stg_tf_attempt`, 'clear');
  await run(tx, A.LOAD_ATTEMPTS, 'load');
  if (opts.recordFieldNames.length > 0)
    await run(tx, A.RECORD_FIELDS, 'record-fields', [opts.recordFieldNames.join(',')]);
  await run(tx, A.LINK_INTERACTIONS, 'interactions');
  await run(tx, A.LINK_RESOURCES, 'resources');
  let written = 'true';
  if (opts.campaignGroupMissing === 'exception') {
    written = 'a.missing = 0';
    const failed = await tx.query<{ n: string; guid: string | null }>(
      `SELECT count(*) AS n, min(chainguid) AS guid FROM stg_tf_attempt WHERE missing = 1`,
      [],
      { name: 'transform.outbound-attempt.failed' },
    );
    const n = Number(failed.rows[0]?.n ?? 0);
    if (n > 0 && opts.irfException === 'exception')
      throw new CampaignGroupMissingError(n, failed.rows[0]?.guid ?? '');
    if (n > 0 && opts.irfException === 'log_db_resume')
      await run(tx, A.LOG_DISCARDS, 'discards', [auditKey, env.refTs]);
  }
  await run(tx, A.unsafeNewAttempts(written), 'new');
  const r = await unsafeWriteFacts(tx, A.ATTEMPT_FACT, auditKey);
  return { rowCounts: { contact_attempt_fact: r.inserted + r.updated + r.deleted }, range: r.range };
}

export const attemptUnitKind: UnitKind = {
  type: A.ATTEMPT_UNIT,
  sourceTables: Object.keys(A.ATTEMPT_CHANGED_SQL),
  unsafeChangedUnitsSql(table) {
    const sql = A.ATTEMPT_CHANGED_SQL[table];
    if (!sql) throw new Error(`OCS attempt units: unknown source table ${table}`);
    return sql;
  },
  async enqueueForNewConfig(tx, env) {
    await run(tx, A.ATTEMPT_NEW_CONFIG, 'new-config', [env.refTs]);
  },
  async markReady(tx, env) {
    await run(tx, A.ATTEMPT_READY, 'ready', [env.refTs, env.delayedDataThreshold, env.maxCallDuration]);
  },
  recompute,
};

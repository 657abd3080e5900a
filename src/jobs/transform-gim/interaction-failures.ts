// Interaction failures and error policies (data-model 5.10, 5.14): a party whose call never
// arrived (PARTY_WITHOUT_CALL), a missing merge call or a dangling IS link under the `exception`
// policy. `error-policy-irf-exception`: log_db_resume keeps only the IF (STATUS 4) and writes one
// STG_TRANSFORM_DISCARDS row (once per GUID and code), resume the same without it, exception fails
// the commit.
import type { Tx } from '../../db/types.ts';
import type { TransformEnv } from './types.ts';

export class InteractionFailureError extends Error {
  constructor(
    readonly code: string,
    readonly guid: string,
  ) {
    super(`interaction failure ${code} (${guid}); error-policy-irf-exception = exception`);
  }
}

const FAILURES = `
CREATE TEMP TABLE tf_ix_fail ON COMMIT DROP AS
SELECT i.comp, i.interaction_id, i.root_callid AS guid,
       CASE WHEN i.merge_missing AND $1 = 'exception' THEN 'MERGECALL_MISSING' ELSE 'ISLINK_DANGLING' END AS code,
       CASE WHEN i.merge_missing AND $1 = 'exception' THEN 'GIDB_G_CALL_V' ELSE 'GIDB_G_IS_LINK_V' END AS table_name,
       CASE WHEN i.merge_missing AND $1 = 'exception' THEN 'MergeCallID points to a call missing from GIDB'
            ELSE 'IS link half without partner after max-call-duration' END AS reason
  FROM tf_ix_ixn i
 WHERE (i.merge_missing AND $1 = 'exception') OR (i.dangling AND $2 = 'exception')
UNION ALL
SELECT NULL, -2, p.partyid, 'PARTY_WITHOUT_CALL', CASE s.fam WHEN 'V' THEN 'GIDB_G_PARTY_V' ELSE 'GIDB_G_PARTY_MM' END,
       'party ' || p.partyid || ' references call ' || p.callid || ', missing after max-call-duration'
  FROM tf_ix_seed s JOIN tf_party p ON p.fam = s.fam AND p.callid = s.callid
 WHERE NOT EXISTS (SELECT 1 FROM tf_ix_seedcomp c WHERE c.fam = s.fam AND c.seed = s.callid)`;

const DROP_FAILED = [
  `DELETE FROM tf_ix_n_irf n USING tf_ix_fail f WHERE f.comp = n.comp`,
  `DELETE FROM tf_ix_n_msf n USING tf_ix_fail f WHERE f.comp = n.comp`,
  `DELETE FROM tf_ix_n_state n USING tf_ix_fail f WHERE f.comp = n.comp`,
  `DELETE FROM tf_ix_ud n USING tf_ix_fail f WHERE f.comp = n.comp`,
  // The failing case is not "resumed": its resume bit (8 / 16) gives way to 4.
  `UPDATE tf_ix_ixn i SET status = (i.status & ~(CASE WHEN i.merge_missing AND $1 = 'exception' THEN 16 ELSE 0 END
                                               | CASE WHEN i.dangling AND $2 = 'exception' THEN 8 ELSE 0 END)) | 4
     FROM tf_ix_fail f WHERE f.comp = i.comp`,
];

export async function applyFailures(tx: Tx, env: TransformEnv, auditKey: number): Promise<number> {
  const p = env.errorPolicy ?? {};
  const params = [p.callMergecallMissing ?? 'resume', p.islinkDangling ?? 'resume'];
  await tx.query(FAILURES, params, {
    name: 'transform.ixn.failures',
  });
  const first = await tx.query<{ code: string; guid: string }>(
    `SELECT code, guid FROM tf_ix_fail ORDER BY guid LIMIT 1`,
    [],
    { name: 'transform.ixn.failures-first' },
  );
  const f = first.rows[0];
  if (!f) return 0;
  const policy = p.irfException ?? 'log_db_resume';
  if (policy === 'exception') throw new InteractionFailureError(f.code, f.guid);
  for (const [i, sql] of DROP_FAILED.entries())
    await tx.query(sql, i === DROP_FAILED.length - 1 ? params : [], {
      name: `transform.ixn.drop-failed-${i}`,
    });
  if (policy !== 'log_db_resume') return 0;
  const r = await tx.query(
    `INSERT INTO stg_transform_discards (table_name, interaction_id, guid, code, reason, etl_ts, etl_date_time_key,
       create_audit_key)
     SELECT f.table_name, f.interaction_id, f.guid, f.code, f.reason, $1, $1 / 900 * 900, $2 FROM tf_ix_fail f
      WHERE NOT EXISTS (SELECT 1 FROM stg_transform_discards d WHERE d.guid = f.guid AND d.code = f.code)`,
    [env.refTs, auditKey],
    { name: 'transform.ixn.discards' },
  );
  return r.rowCount;
}

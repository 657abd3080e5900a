// Readiness of interaction units (data-model 5.1, 5.10, 5.14): a voice interaction waits until
// all its calls are terminated (or stuck past extract-data-stuck-threshold), an unmatched IS link
// waits max-call-duration unless its remote location is unmonitored, a missing configuration
// object waits delayed-data-threshold; a party whose call is missing waits max-call-duration;
// multimedia never waits.
import type { Tx } from '../../db/types.ts';
import { COMPONENT_STATE, unsafeGroupingStatements } from './interaction-grouping-sql.ts';
import type { TransformEnv } from './types.ts';

const READY = `
UPDATE stg_ixn_backlog b SET ready = x.ready, reason = x.reason
  FROM (
    SELECT s.unit_id,
           CASE WHEN sc.comp IS NULL THEN
                  CASE WHEN $1 - COALESCE((SELECT min(p.created_ts) FROM tf_party p WHERE p.fam = s.fam AND p.callid = s.callid),
                                          b2.last_event_ts) > $3 THEN 'READY' ELSE 'WAIT_CALL' END
                WHEN cs.fam = 'M' THEN 'READY'
                WHEN cs.open_calls > 0 AND $1 - cs.last_ev <= $2 THEN 'WAIT_CALLS'
                WHEN cs.unmatched_link AND $1 - LEAST(cs.end_ts, cs.last_ev) <= $3 THEN 'WAIT_ISLINK'
                WHEN cs.missing_cfg AND $1 - LEAST(cs.end_ts, cs.last_ev) <= $4 THEN 'WAIT_CONFIG'
                ELSE 'READY' END AS reason
      FROM tf_ix_seed s JOIN stg_ixn_backlog b2 ON b2.unit_type = 'IXN' AND b2.unit_id = s.unit_id
      LEFT JOIN tf_ix_seedcomp sc ON sc.fam = s.fam AND sc.seed = s.callid
      LEFT JOIN tf_ix_cstate cs ON cs.comp = sc.comp) y
  CROSS JOIN LATERAL (SELECT y.unit_id, CASE WHEN y.reason = 'READY' THEN 1 ELSE 0 END AS ready, y.reason) x
 WHERE b.unit_type = 'IXN' AND b.unit_id = x.unit_id`;

export async function markInteractionsReady(tx: Tx, env: TransformEnv): Promise<void> {
  const n = await tx.query<{ n: string }>(
    `SELECT count(*) AS n FROM stg_ixn_backlog WHERE unit_type = 'IXN'`,
    [],
    { name: 'transform.ixn.ready-count' },
  );
  if (Number(n.rows[0]?.n ?? 0) === 0) return;
  // Later IDB rows of an artificially terminated interaction are ignored (5.9).
  await tx.query(
    `DELETE FROM stg_ixn_backlog b USING tf_call_interaction ci, interaction_fact f
      WHERE b.unit_type = 'IXN' AND b.unit_id = ci.fam || ':' || ci.callid
        AND f.interaction_id = ci.interaction_id AND f.start_date_time_key = ci.interaction_sdt_key
        AND (f.status & 2) <> 0`,
    [],
    { name: 'transform.ixn.ready-ignore-ended' },
  );
  for (const [i, sql] of unsafeGroupingStatements('stg_ixn_backlog').entries())
    await tx.query(sql, [], { name: `transform.ixn.ready-group-${i}` });
  await tx.query(COMPONENT_STATE, [], { name: 'transform.ixn.ready-state' });
  await tx.query(READY, [env.refTs, env.stuckThreshold, env.maxCallDuration, env.delayedDataThreshold], {
    name: 'transform.ixn.ready',
  });
  // Temp tables of this transaction: the recompute commits build their own.
  await tx.query(
    `DROP TABLE tf_ix_seed, tf_ix_walk, tf_ix_calls0, tf_ix_seedcomp, tf_ix_calls, tf_ix_cstate`,
    [],
    { name: 'transform.ixn.ready-drop' },
  );
}

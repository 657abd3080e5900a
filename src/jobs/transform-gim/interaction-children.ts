// Child rows of the batch's IRFs (data-model 5.1, 5.5, 5.7): IXN_RESOURCE_STATE_FACT rows of an
// IRF are replaced wholesale, but only when that IRF's set of rows differs (so a re-run writes
// nothing); IRF_USER_DATA_KEYS / IRF_USER_DATA_GEN_1 are upserted on their key, an update only
// when a value differs. Rows of IRFs the batch no longer produces are deleted.
import type { Tx } from '../../db/types.ts';
import { GEN_1_COLUMNS } from './interaction-userdata-sql.ts';
import { STATE_COLUMNS } from './interaction-msf-sql.ts';

async function run(tx: Tx, sql: string, name: string, params: unknown[] = []): Promise<number> {
  const r = await tx.query(sql, params, { name: `transform.ixn.${name}` });
  return r.rowCount;
}

const SIG_COLS = STATE_COLUMNS.filter((c) => c !== 'interaction_resource_id');
const sig = (alias: string): string =>
  `md5(string_agg(row(${SIG_COLS.map((c) => `${alias}.${c}`).join(', ')})::text, '|'
     ORDER BY row(${SIG_COLS.map((c) => `${alias}.${c}`).join(', ')})::text))`;

/** tf_ix_old_irf must hold the IRF ids of the batch's old interactions (read before the IRF write). */
export async function writeStateFacts(tx: Tx, auditKey: number): Promise<number> {
  await run(
    tx,
    `CREATE TEMP TABLE tf_ix_state_diff ON COMMIT DROP AS
     WITH ids AS (SELECT interaction_resource_id AS id FROM tf_ix_old_irf
                  UNION SELECT interaction_resource_id FROM tf_ix_n_irf),
     o AS (SELECT f.interaction_resource_id AS id, ${sig('f')} AS s FROM ixn_resource_state_fact f
            WHERE f.interaction_resource_id IN (SELECT id FROM ids) GROUP BY f.interaction_resource_id),
     n AS (SELECT x.interaction_resource_id AS id, ${sig('x')} AS s FROM tf_ix_n_state x GROUP BY x.interaction_resource_id)
     SELECT ids.id FROM ids LEFT JOIN o ON o.id = ids.id LEFT JOIN n ON n.id = ids.id
      WHERE o.s IS DISTINCT FROM n.s`,
    'state-diff',
  );
  const del = await run(
    tx,
    `DELETE FROM ixn_resource_state_fact f USING tf_ix_state_diff d WHERE f.interaction_resource_id = d.id`,
    'state-delete',
  );
  const ins = await run(
    tx,
    `INSERT INTO ixn_resource_state_fact (${STATE_COLUMNS.join(', ')}, create_audit_key, update_audit_key)
     SELECT ${STATE_COLUMNS.map((c) => `x.${c}`).join(', ')}, $1, $1
       FROM tf_ix_n_state x JOIN tf_ix_state_diff d ON d.id = x.interaction_resource_id`,
    'state-insert',
    [auditKey],
  );
  return del + ins;
}

async function upsertChild(
  tx: Tx,
  table: string,
  cols: readonly string[],
  auditKey: number,
): Promise<number> {
  const all = ['interaction_resource_id', 'start_date_time_key', 'tenant_key', ...cols];
  const vals = ['tenant_key', ...cols];
  const del = await run(
    tx,
    `DELETE FROM ${table} f USING tf_ix_old_irf o WHERE f.interaction_resource_id = o.interaction_resource_id
       AND NOT EXISTS (SELECT 1 FROM tf_ix_ud n WHERE n.interaction_resource_id = f.interaction_resource_id
                         AND n.start_date_time_key = f.start_date_time_key)`,
    `delete-${table}`,
  );
  const up = await run(
    tx,
    `INSERT INTO ${table} AS f (${all.join(', ')}, create_audit_key, update_audit_key)
     SELECT ${all.map((c) => `n.${c}`).join(', ')}, $1, $1 FROM tf_ix_ud n
     ON CONFLICT (interaction_resource_id, start_date_time_key) DO UPDATE
       SET (${vals.join(', ')}, update_audit_key) = (${vals.map((c) => `excluded.${c}`).join(', ')}, $1)
     WHERE (${vals.map((c) => `f.${c}`).join(', ')}) IS DISTINCT FROM (${vals.map((c) => `excluded.${c}`).join(', ')})`,
    `upsert-${table}`,
    [auditKey],
  );
  return del + up;
}

export async function writeUserData(tx: Tx, auditKey: number): Promise<Record<string, number>> {
  return {
    irf_user_data_keys: await upsertChild(tx, 'irf_user_data_keys', ['interaction_descriptor_key'], auditKey),
    irf_user_data_gen_1: await upsertChild(tx, 'irf_user_data_gen_1', GEN_1_COLUMNS, auditKey),
  };
}

// The interaction unit kind (data-model 5.1–5.10, 5.14): unit = one call (`<fam>:<CallID>`),
// expanded to its connected set at recompute. A batch builds, with set-based statements over
// TEMP tables, INTERACTION_FACT, INTERACTION_RESOURCE_FACT, MEDIATION_SEGMENT_FACT,
// IXN_RESOURCE_STATE_FACT and IRF_USER_DATA_*, keeps TF_CALL_INTERACTION current, and applies
// the error policies.
import type { Tx } from '../../db/types.ts';
import { writeStateFacts, writeUserData } from './interaction-children.ts';
import {
  unsafeInsertInteractionDescriptors,
  unsafeInteractionDescriptorKey,
} from './interaction-descriptor.ts';
import {
  INTERACTION_SOURCES,
  interactionChangedUnitsSql,
  unsafeGroupingStatements,
} from './interaction-grouping-sql.ts';
import * as I from './interaction-if-sql.ts';
import {
  IRF_STEPS,
  IRF_VALUES,
  ACW_CREDIT,
  ACW_INTERVALS,
  MEASURES,
  NEW_IRF,
} from './interaction-irf-sql.ts';
import { MSF_IDS, MSF_VALUES, NEW_MSF, NEW_STATE } from './interaction-msf-sql.ts';
import { CHAIN, HIST, PARTIES, PARTY_STEPS, PIDS, SEGMENTS } from './interaction-party-sql.ts';
import { markInteractionsReady } from './interaction-ready.ts';
import { ROLE_STEPS, ROLES } from './interaction-roles-sql.ts';
import { applyFailures } from './interaction-failures.ts';
import { USERDATA, USERDATA_HISTORY } from './interaction-userdata-sql.ts';
import { mergeRanges, unsafeWriteFacts } from './reconcile.ts';
import type { KeyRange, RecomputeResult, TransformEnv, UnitKind } from './types.ts';

async function run(tx: Tx, sql: string, name: string, params: unknown[] = []): Promise<number> {
  const r = await tx.query(sql, params, { name: `transform.ixn.${name}` });
  return r.rowCount;
}

/** Any dimension key resolved to -1 gives the interaction STATUS 32 (5.1). */
const UNRESOLVED = `
UPDATE tf_ix_ixn i SET status = i.status | 32
 WHERE (i.status & 32) = 0 AND (i.tenant_key = -1
    OR EXISTS (SELECT 1 FROM tf_ix_n_irf n WHERE n.comp = i.comp AND -1 IN (n.resource_key, n.place_key,
                 n.last_queue_resource_key, n.last_rp_resource_key, n.last_vqueue_resource_key))
    OR EXISTS (SELECT 1 FROM tf_ix_n_msf m WHERE m.comp = i.comp AND m.resource_key = -1))`;

async function build(tx: Tx, env: TransformEnv, auditKey: number): Promise<void> {
  for (const [i, sql] of unsafeGroupingStatements('stg_tf_chunk').entries()) await run(tx, sql, `group-${i}`);
  await run(tx, I.MATCHED_LINKS, 'links');
  await run(tx, I.BUILD_IXN, 'ixn', [env.refTs, env.daysToKeepActiveFacts ?? 30]);
  await run(tx, `CREATE INDEX ON tf_ix_ixn (comp)`, 'ixn-index');
  await run(tx, `CREATE INDEX ON tf_ix_calls (comp)`, 'calls-index');
  await run(tx, I.ASSIGN_IXN_IDS, 'ixn-ids');
  await run(tx, I.SCOPE, 'scope');
  await run(tx, PIDS, 'pids');
  await run(tx, `CREATE INDEX ON tf_ix_pid (comp, partyid)`, 'pids-index');
  await run(tx, `ANALYZE tf_ix_pid`, 'pids-analyze');
  await run(tx, HIST, 'hist');
  await run(tx, `CREATE INDEX ON tf_ix_hist (comp, g)`, 'hist-index-g');
  await run(tx, `CREATE INDEX ON tf_ix_hist (comp, callid)`, 'hist-index-call');
  await run(tx, `CREATE INDEX ON tf_ix_pid (comp, g)`, 'pids-index-g');
  await run(tx, `ANALYZE tf_ix_hist`, 'hist-analyze');
  await run(tx, PARTIES, 'parties');
  for (const [i, sql] of PARTY_STEPS.entries()) await run(tx, sql, `party-${i}`);
  await run(tx, SEGMENTS, 'segments');
  await run(tx, `CREATE INDEX ON tf_ix_seg (comp, g)`, 'segments-index');
  await run(tx, `CREATE INDEX ON tf_ix_g (comp, parent_g)`, 'parties-index-parent');
  await run(tx, `ANALYZE tf_ix_seg`, 'segments-analyze');
  await run(tx, CHAIN, 'chain');
  await run(tx, `CREATE INDEX ON tf_ix_chain (comp, g)`, 'chain-index');
  await run(tx, `ANALYZE tf_ix_chain`, 'chain-analyze');
  await run(tx, ROLES, 'roles');
  for (const [i, sql] of ROLE_STEPS.entries()) await run(tx, sql, `roles-${i}`);
  await run(tx, MEASURES, 'measures');
  await run(tx, `CREATE INDEX ON tf_ix_r (agentid)`, 'roles-index-agent');
  await run(tx, ACW_INTERVALS, 'acw');
  await run(tx, `ANALYZE tf_ix_acw`, 'acw-analyze');
  await run(tx, ACW_CREDIT, 'acw-credit');
  await run(tx, `CREATE INDEX ON tf_ix_acw_credit (comp, g)`, 'acw-index');
  await run(tx, NEW_IRF, 'irf');
  for (const [i, sql] of IRF_STEPS.entries()) await run(tx, sql, `irf-${i}`);
  await run(tx, NEW_MSF, 'msf');
  await run(tx, MSF_IDS, 'msf-ids');
  await run(tx, NEW_STATE, 'state');
  await run(tx, USERDATA_HISTORY, 'udh');
  await run(tx, `CREATE INDEX ON tf_ix_udh (comp, keyname)`, 'udh-index');
  await run(tx, `ANALYZE tf_ix_udh`, 'udh-analyze');
  await run(tx, USERDATA, 'ud');
  await unsafeInsertInteractionDescriptors(tx, 'tf_ix_ud', auditKey);
  await run(
    tx,
    `UPDATE tf_ix_ud u SET interaction_descriptor_key = ${unsafeInteractionDescriptorKey('u')}`,
    'ud-key',
  );
  await run(
    tx,
    `UPDATE tf_ix_n_irf n SET interaction_descriptor_key = u.interaction_descriptor_key FROM tf_ix_ud u
      WHERE u.interaction_resource_id = n.interaction_resource_id`,
    'irf-descriptor',
  );
  await run(tx, UNRESOLVED, 'unresolved');
  await run(
    tx,
    `INSERT INTO media_type (media_type_key, media_name, media_name_code, is_online, create_audit_key, update_audit_key)
     SELECT DISTINCT media_type_key, 'Media_' || media_type_key, 'MEDIA_' || media_type_key, 0, $1::numeric, $1::numeric
       FROM tf_ix_ixn WHERE media_type_key >= 100
     ON CONFLICT DO NOTHING`,
    'media-types',
    [auditKey],
  );
}

async function recompute(tx: Tx, env: TransformEnv, auditKey: number): Promise<RecomputeResult> {
  const n = await tx.query<{ n: string }>(
    `SELECT count(*) AS n FROM stg_tf_chunk WHERE unit_type = 'IXN'`,
    [],
    {
      name: 'transform.ixn.count',
    },
  );
  if (Number(n.rows[0]?.n ?? 0) === 0) return { rowCounts: {}, range: null };
  await build(tx, env, auditKey);
  const discards = await applyFailures(tx, env, auditKey);
  await run(tx, I.NEW_IF, 'new-if');
  await run(
    tx,
    `CREATE TEMP TABLE tf_ix_old_irf ON COMMIT DROP AS SELECT f.interaction_resource_id
       FROM interaction_resource_fact f JOIN tf_ix_scope s ON s.interaction_id = f.interaction_id`,
    'old-irf',
  );
  const rowCounts: Record<string, number> = { stg_transform_discards: discards };
  let range: KeyRange | null = null;
  const writes = [
    I.IF_WRITE,
    {
      table: 'interaction_resource_fact',
      staging: 'tf_ix_n_irf',
      naturalKey: ['partyguid', 'start_date_time_key'],
      values: IRF_VALUES,
      scopeFrom: 'tf_ix_scope s',
      scopeWhere: 'f.interaction_id = s.interaction_id',
    },
    {
      table: 'mediation_segment_fact',
      staging: 'tf_ix_n_msf',
      naturalKey: ['mediation_guid', 'start_date_time_key'],
      values: MSF_VALUES,
      scopeFrom: 'tf_ix_scope s',
      scopeWhere: 'f.interaction_id = s.interaction_id',
    },
  ];
  for (const w of writes) {
    const r = await unsafeWriteFacts(tx, w, auditKey);
    rowCounts[w.table] = r.inserted + r.updated + r.deleted;
    range = mergeRanges(range, r.range);
  }
  for (const [i, sql] of I.CALL_INTERACTION.entries()) await run(tx, sql, `call-interaction-${i}`);
  rowCounts.ixn_resource_state_fact = await writeStateFacts(tx, auditKey);
  Object.assign(rowCounts, await writeUserData(tx, auditKey));
  return { rowCounts, range };
}

export const interactionUnitKind: UnitKind = {
  type: 'IXN',
  sourceTables: INTERACTION_SOURCES,
  unsafeChangedUnitsSql: interactionChangedUnitsSql,
  async enqueueForNewConfig(tx, env) {
    // Interactions that resolved a key to -1 (STATUS 32) and reference a newly arrived object.
    await tx.query(
      `INSERT INTO stg_ixn_backlog (unit_type, unit_id, first_seen_ts, reason, changed_from_ts, changed_to_ts,
         last_event_ts, ready)
       SELECT 'IXN', ci.fam || ':' || ci.ixn_guid, $1, 'NEW_CFG', min(f.start_ts), max(COALESCE(f.end_ts, f.start_ts)),
              max(COALESCE(f.end_ts, f.start_ts)), 0
         FROM interaction_fact f JOIN tf_call_interaction ci ON ci.interaction_id = f.interaction_id
        WHERE (f.status & 32) <> 0 AND EXISTS (SELECT 1 FROM stg_tf_new_cfg)
          AND EXISTS (SELECT 1 FROM tf_party p JOIN stg_tf_new_cfg n
                        ON (n.cfg_type = 'AGENT' AND n.cfg_dbid = p.agentid) OR (n.cfg_type = 'DN' AND n.cfg_dbid = p.endpointid)
                       WHERE p.fam = ci.fam AND p.callid = ci.callid
                      UNION ALL
                      SELECT 1 FROM tf_call c JOIN stg_tf_new_cfg n ON n.cfg_type = 'TENANT' AND n.cfg_dbid = c.tenantid
                       WHERE c.fam = ci.fam AND c.callid = ci.callid)
        GROUP BY ci.fam, ci.ixn_guid
       ON CONFLICT (unit_type, unit_id) DO UPDATE SET
         changed_from_ts = LEAST(stg_ixn_backlog.changed_from_ts, excluded.changed_from_ts),
         changed_to_ts = GREATEST(stg_ixn_backlog.changed_to_ts, excluded.changed_to_ts),
         last_event_ts = GREATEST(stg_ixn_backlog.last_event_ts, excluded.last_event_ts)`,
      [env.refTs],
      { name: 'transform.ixn.new-config' },
    );
    // Active multimedia interactions due for artificial termination (5.9) have no changed row.
    await tx.query(
      `INSERT INTO stg_ixn_backlog (unit_type, unit_id, first_seen_ts, reason, changed_from_ts, changed_to_ts,
         last_event_ts, ready)
       SELECT 'IXN', 'M:' || f.media_server_ixn_guid, $1, 'ACTIVE_EXPIRED', f.start_ts, f.start_ts, f.start_ts, 0
         FROM interaction_fact f
        WHERE (f.status & 1) <> 0 AND f.end_ts IS NULL AND f.start_ts + $2::int * 86400 <= $1
       ON CONFLICT (unit_type, unit_id) DO NOTHING`,
      [env.refTs, env.daysToKeepActiveFacts ?? 30],
      { name: 'transform.ixn.active-expired' },
    );
  },
  markReady: markInteractionsReady,
  recompute,
};

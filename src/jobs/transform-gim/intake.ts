// The intake commit of a run: configuration dimensions from the changed GC_*/GCX_* rows, then
// every changed GIDB row mapped to its unit in STG_IXN_BACKLOG, readiness evaluated, marks
// advanced, all in one transaction with one audit key (a crash before it commits leaves marks
// and backlog as they were; after it, the backlog holds the work).
import type { Tx } from '../../db/types.ts';
import { insertAuditLog, nextAuditKey } from '../shared/audit.ts';
import { DIM_STATEMENTS, NEW_CFG_SOURCES, newCfgSql } from './config-dims-sql.ts';
import { readMark, writeMark, type TableMark } from './marks.ts';
import type { TransformEnv, UnitKind } from './types.ts';

export const CONFIG_TABLES: readonly string[] = [
  'gidb_gc_tenant',
  'gidb_gc_switch',
  'gidb_gc_agent',
  'gidb_gc_endpoint',
  'gidb_gc_group',
  'gidb_gc_place',
  'gidb_gc_time_zone',
  'gidb_gc_campaign',
  'gidb_gc_calling_list',
  'gidb_gcx_group_agent',
  'gidb_gcx_group_endpoint',
];

export interface IntakeInput {
  readonly jobId: string;
  readonly jobName: string;
  readonly jobVersion: string;
  readonly env: TransformEnv;
  readonly kinds: readonly UnitKind[];
  readonly startMs: number;
  readonly nowMs: () => number;
}

export interface IntakeResult {
  readonly changedTables: number;
  readonly unitsQueued: number;
}

function markOf(marks: Map<string, TableMark>, table: string): TableMark {
  const m = marks.get(table);
  if (!m) throw new Error(`transform: no mark read for ${table}`);
  return m;
}

export async function runIntake(tx: Tx, input: IntakeInput): Promise<IntakeResult> {
  const tables = [...CONFIG_TABLES, ...input.kinds.flatMap((k) => k.sourceTables)];
  const marks = new Map<string, TableMark>();
  for (const t of tables) marks.set(t, await readMark(tx, t));
  const changed = [...marks.values()].filter((m) => m.bound > m.mark);
  const auditKey = await nextAuditKey(tx);

  await tx.query(`DELETE FROM stg_tf_new_cfg`, [], { name: 'transform.clear-new-cfg' });
  for (const [type, table, exists] of NEW_CFG_SOURCES) {
    const m = markOf(marks, table);
    if (m.bound > m.mark)
      await tx.query(newCfgSql(type, table, exists), [m.mark, m.bound], {
        name: `transform.new-cfg.${type}`,
      });
  }
  const sw = markOf(marks, 'gidb_gc_switch');
  for (const s of DIM_STATEMENTS) {
    const m = markOf(marks, s.source);
    const params: unknown[] = [m.mark, m.bound, auditKey];
    if (s.source === 'gidb_gc_endpoint') params.push(sw.mark, sw.bound);
    await tx.query(s.sql, params, { name: `transform.dim.${s.source}` });
  }
  for (const k of input.kinds) await k.enqueueForNewConfig?.(tx, input.env);

  let unitsQueued = 0;
  for (const k of input.kinds) {
    for (const t of k.sourceTables) {
      const m = markOf(marks, t);
      if (m.bound <= m.mark) continue;
      const r = await tx.query(
        `INSERT INTO stg_ixn_backlog (unit_type, unit_id, first_seen_ts, reason, changed_from_ts, changed_to_ts,
           last_event_ts, ready)
         SELECT $3, c.unit_id, $4, 'NEW', min(c.from_ts), max(c.to_ts), max(c.last_ts), 0
           FROM (${k.unsafeChangedUnitsSql(t)}) c GROUP BY c.unit_id
         ON CONFLICT (unit_type, unit_id) DO UPDATE SET
           changed_from_ts = LEAST(stg_ixn_backlog.changed_from_ts, excluded.changed_from_ts),
           changed_to_ts = GREATEST(stg_ixn_backlog.changed_to_ts, excluded.changed_to_ts),
           last_event_ts = GREATEST(stg_ixn_backlog.last_event_ts, excluded.last_event_ts)`,
        [m.mark, m.bound, k.type, input.env.refTs],
        { name: `transform.map.${t}` },
      );
      unitsQueued += r.rowCount;
    }
  }
  for (const k of input.kinds) await k.markReady(tx, input.env);

  if (changed.length > 0) {
    const w = {
      jobId: input.jobId,
      jobVersion: input.jobVersion,
      startMs: input.startMs,
      nowMs: input.nowMs(),
      auditKey,
      rowCount: unitsQueued,
    };
    for (const m of changed) await writeMark(tx, m, w);
    await insertAuditLog(tx, {
      auditKey,
      jobId: input.jobId,
      jobName: input.jobName,
      rowCount: unitsQueued,
      createdMs: w.nowMs,
    });
  }
  return { changedTables: changed.length, unitsQueued };
}

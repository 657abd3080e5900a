// Simulator data for transform tests: the simulator writes IDB tables into the Info Mart
// database itself (the IDB and Info Mart schemas share no names), then each IDB table is copied
// to its GIDB table with one INSERT … SELECT, as one extraction commit per table would.
import { migrate } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { simulateInto, type SimulateOptions } from '../../src/simulator/history.ts';

export const SIM_TABLES: readonly (readonly [string, string])[] = [
  ['gc_tenant', 'gidb_gc_tenant'],
  ['gc_switch', 'gidb_gc_switch'],
  ['gc_agent', 'gidb_gc_agent'],
  ['gc_place', 'gidb_gc_place'],
  ['gc_group', 'gidb_gc_group'],
  ['gc_endpoint', 'gidb_gc_endpoint'],
  ['gc_time_zone', 'gidb_gc_time_zone'],
  ['gc_campaign', 'gidb_gc_campaign'],
  ['gc_calling_list', 'gidb_gc_calling_list'],
  ['gcx_group_agent', 'gidb_gcx_group_agent'],
  ['gcx_group_endpoint', 'gidb_gcx_group_endpoint'],
  ['g_login_session', 'gidb_g_login_session_v'],
  ['gx_session_endpoint', 'gidb_gx_session_endpoint_v'],
  ['g_agent_state_history', 'gidb_g_agent_state_history_v'],
  ['g_agent_state_rc', 'gidb_g_agent_state_rc_v'],
  ['g_dnd_history', 'gidb_g_dnd_history_v'],
];

async function columns(db: Db, table: string): Promise<string[]> {
  const r = await db.query<{ c: string }>(
    `SELECT column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return r.rows.map((x) => x.c);
}

/** Copies every simulator IDB table to its GIDB table (one statement and audit key per table). */
export async function loadGidbFromIdb(db: Db, tables = SIM_TABLES): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [idb, gidb] of tables) {
    const src = await columns(db, idb);
    const dst = await columns(db, gidb);
    const common = dst.filter((c) => src.includes(c));
    const first = ['created_ts', 'added_ts'].find((c) => src.includes(c));
    const extra = dst.includes('start_date_time_key') && first ? [`${first} / 900 * 900`] : [];
    const cols = [...common, 'create_audit_key', 'update_audit_key', 'data_source_key'];
    if (extra.length) cols.push('start_date_time_key');
    const r = await db.transaction(async (tx) => {
      const k = await tx.query<{ k: string }>(`SELECT nextval('ctl_audit_key_seq') AS k`);
      return tx.query(
        `INSERT INTO ${gidb} (${cols.join(', ')})
         SELECT ${[...common, '$1::numeric', '$1::numeric', '1', ...extra].join(', ')} FROM ${idb}`,
        [Number(k.rows[0]?.k)],
      );
    });
    out[gidb] = r.rowCount;
  }
  return out;
}

export async function simulateIntoInfoMart(db: Db, o: SimulateOptions): Promise<void> {
  await migrate(db, 'idb');
  await simulateInto([db], o);
}

// Simulator interaction rows to GIDB for the interaction tests: the simulator writes voice and
// multimedia into one IDB, so each interaction table is split by media type into its _V (voice)
// and _MM (multimedia) GIDB copy, as ICON_CORE and ICON_MM DAPs would deliver them.
import type { Db } from '../../src/db/types.ts';

/** Rows of voice calls (or of no known call) / of multimedia calls: hash (anti-)joins, not per row. */
const MM_CALL = `EXISTS (SELECT 1 FROM g_call c WHERE c.callid = x.callid AND COALESCE(c.mediatype, 1) <> 1)`;

/** [IDB table, GIDB table, condition on the IDB row `x`]. */
export const SIM_INTERACTION_TABLES: readonly (readonly [string, string, string])[] = [
  ['g_call', 'gidb_g_call_v', 'COALESCE(x.mediatype, 1) = 1'],
  ['g_call', 'gidb_g_call_mm', 'COALESCE(x.mediatype, 1) <> 1'],
  ['g_ir', 'gidb_g_ir_v', 'COALESCE(x.mediatype, 1) = 1'],
  ['g_ir', 'gidb_g_ir_mm', 'COALESCE(x.mediatype, 1) <> 1'],
  ...['g_party', 'g_party_history', 'g_call_history', 'g_virtual_queue', 'g_userdata_history'].flatMap(
    (t) =>
      [
        [t, `gidb_${t}_v`, `NOT ${MM_CALL}`],
        [t, `gidb_${t}_mm`, MM_CALL],
      ] as const,
  ),
  ['g_is_link', 'gidb_g_is_link_v', 'true'],
  ['g_call_userdata', 'gidb_g_call_userdata_v', 'true'],
  ['gsys_dnpremotelocation', 'gidb_gsys_dnpremotelocation_v', 'true'],
];

async function columns(db: Db, table: string): Promise<string[]> {
  const r = await db.query<{ c: string }>(
    `SELECT column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return r.rows.map((x) => x.c);
}

/**
 * One extraction-like commit (own audit key) per GIDB table; `range` [from, until) keeps the rows
 * whose first time column (a call's Created_TS for G_CALL_USERDATA) falls in it.
 */
export async function loadInteractionGidb(
  db: Db,
  range?: { readonly from: number; readonly until: number },
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [idb, gidb, cond] of SIM_INTERACTION_TABLES) {
    const src = await columns(db, idb);
    if (src.length === 0) continue;
    const dst = await columns(db, gidb);
    const common = dst.filter((c) => src.includes(c) && c !== 'start_date_time_key');
    const first = ['created_ts', 'added_ts'].find((c) => src.includes(c));
    const when = first
      ? `x.${first}`
      : idb === 'g_call_userdata'
        ? '(SELECT c.created_ts FROM g_call c WHERE c.callid = x.callid LIMIT 1)'
        : null;
    const where =
      range && when
        ? `${cond} AND ${when} >= ${Math.trunc(range.from)} AND ${when} < ${Math.trunc(range.until)}`
        : cond;
    const cols = [...common, 'create_audit_key', 'update_audit_key', 'data_source_key'];
    const vals = [...common.map((c) => `x.${c}`), '$1::numeric', '$1::numeric', '1'];
    if (dst.includes('start_date_time_key')) {
      cols.push('start_date_time_key');
      vals.push(first ? `x.${first} / 900 * 900` : '0');
    }
    const r = await db.transaction(async (tx) => {
      const k = await tx.query<{ k: string }>(`SELECT nextval('ctl_audit_key_seq') AS k`);
      return tx.query(
        `INSERT INTO ${gidb} (${cols.join(', ')}) SELECT ${vals.join(', ')} FROM ${idb} x WHERE ${where}
         ON CONFLICT DO NOTHING`,
        [Number(k.rows[0]?.k)],
      );
    });
    out[gidb] = r.rowCount;
  }
  return out;
}

// Inserts the fixed dimension rows and runtime placeholders where their key is missing; existing
// rows are never changed (Job_InitializeGIM may run again at any time: jobs 5.1).
import type { Queryable } from '../../db/types.ts';
import { fixedDimensionRows, placeholderRows } from './fixed-dimension-rows.ts';
import type { DimensionRows, TimeRangeBounds } from './fixed-dimension-rows.ts';
import { assertIdentifier } from './identifiers.ts';

/**
 * One set-based INSERT per table: the rows travel as one JSON bind parameter and are typed by the
 * table's own row type, so the SQL text holds no values.
 */
async function insertMissing(tx: Queryable, d: DimensionRows, auditKey: number): Promise<number> {
  assertIdentifier(d.table);
  assertIdentifier(d.key);
  const rows = d.rows.map((r) => ({ ...r, create_audit_key: auditKey, update_audit_key: auditKey }));
  const cols = Object.keys(rows[0] ?? {});
  cols.forEach(assertIdentifier);
  const list = cols.join(', ');
  const r = await tx.query(
    `INSERT INTO ${d.table} (${list})
     SELECT ${list} FROM json_populate_recordset(NULL::${d.table}, $1::json)
     ON CONFLICT (${d.key}) DO NOTHING`,
    [JSON.stringify(rows)],
    { name: `fixed-dimensions.insert ${d.table}` },
  );
  return r.rowCount;
}

/** Rows added per table (tables with nothing added are listed with 0). */
export async function insertFixedDimensions(
  tx: Queryable,
  auditKey: number,
  timeRanges?: TimeRangeBounds,
): Promise<Record<string, number>> {
  const added: Record<string, number> = {};
  for (const d of [...fixedDimensionRows(timeRanges), ...placeholderRows()]) {
    added[d.table] = await insertMissing(tx, d, auditKey);
  }
  return added;
}

// Writes a unit batch's recomputed facts: natural-key upsert (an update only when a value
// differs, so a re-run changes nothing), delete the in-scope facts no longer produced, insert the
// new ones. Set-based over the whole batch (data-model 5.1).
import type { Tx } from '../../db/types.ts';
import { FAR_FUTURE_KEY } from './sql-constants.ts';
import type { KeyRange } from './types.ts';

export interface FactWrite {
  /** The fact table. */
  readonly table: string;
  /** A table (usually TEMP) holding the new rows, with the fact's column names. */
  readonly staging: string;
  /** Natural key columns, START_DATE_TIME_KEY included. */
  readonly naturalKey: readonly string[];
  /** Every other column the transformation writes. */
  readonly values: readonly string[];
  /** FROM items joined to the old fact rows `f` to select the ones in scope. */
  readonly scopeFrom: string;
  /** Condition on `f` (and scopeFrom) for old rows this batch owns. */
  readonly scopeWhere: string;
}

export interface FactWriteResult {
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  readonly range: KeyRange | null;
}

function keyMatch(a: string, b: string, cols: readonly string[]): string {
  return cols.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');
}

/** Splices identifiers and SQL conditions from `w`: pass only literals written in this module's callers. */
export async function unsafeWriteFacts(tx: Tx, w: FactWrite, auditKey: number): Promise<FactWriteResult> {
  const endKey = `CASE WHEN x.end_date_time_key IS NULL OR x.end_date_time_key = ${FAR_FUTURE_KEY}
      THEN x.start_date_time_key ELSE x.end_date_time_key END`;
  const range = await tx.query<{ mn: number | null; mx: number | null; me: number | null; old: string }>(
    `SELECT min(x.start_date_time_key) AS mn, max(x.start_date_time_key) AS mx, max(${endKey}) AS me,
            count(*) FILTER (WHERE x.old) AS old
       FROM (SELECT f.start_date_time_key, f.end_date_time_key, true AS old FROM ${w.table} f, ${w.scopeFrom}
              WHERE ${w.scopeWhere}
             UNION ALL
             SELECT start_date_time_key, end_date_time_key, false FROM ${w.staging}) x`,
    [],
    { name: `transform.range.${w.table}` },
  );
  const r0 = range.rows[0];
  // Nothing of this batch was written before (a first load): insert only.
  const fresh = Number(r0?.old ?? 0) === 0;
  const setCols = [...w.values, 'update_audit_key'];
  const none = { rowCount: 0 };
  const updated = fresh
    ? none
    : await tx.query(
        `UPDATE ${w.table} f SET (${setCols.join(', ')}) = (${w.values.map((c) => `n.${c}`).join(', ')}, $1)
       FROM ${w.staging} n
      WHERE ${keyMatch('f', 'n', w.naturalKey)}
        AND (${w.values.map((c) => `f.${c}`).join(', ')}) IS DISTINCT FROM (${w.values.map((c) => `n.${c}`).join(', ')})`,
        [auditKey],
        { name: `transform.update.${w.table}` },
      );
  const deleted = fresh
    ? none
    : await tx.query(
        `DELETE FROM ${w.table} f USING ${w.scopeFrom}
      WHERE ${w.scopeWhere}
        AND NOT EXISTS (SELECT 1 FROM ${w.staging} n WHERE ${keyMatch('f', 'n', w.naturalKey)})`,
        [],
        { name: `transform.delete.${w.table}` },
      );
  const cols = [...w.naturalKey, ...w.values];
  // Fresh: an upsert instead of an anti-join — rows outside the scope (RESOURCE_KEY -1 facts of a
  // still unknown agent) may hold the natural key.
  const inserted = await tx.query(
    `INSERT INTO ${w.table} AS f (${cols.join(', ')}, create_audit_key, update_audit_key)
     SELECT ${cols.map((c) => `n.${c}`).join(', ')}, $1, $1 FROM ${w.staging} n
      WHERE ${fresh ? 'true' : `NOT EXISTS (SELECT 1 FROM ${w.table} f WHERE ${keyMatch('f', 'n', w.naturalKey)})`}
     ${
       fresh
         ? `ON CONFLICT (${w.naturalKey.join(', ')}) DO UPDATE SET (${setCols.join(', ')}) =
              (${w.values.map((c) => `excluded.${c}`).join(', ')}, $1)
            WHERE (${w.values.map((c) => `f.${c}`).join(', ')}) IS DISTINCT FROM (${w.values.map((c) => `excluded.${c}`).join(', ')})`
         : ''
     }`,
    [auditKey],
    { name: `transform.insert.${w.table}` },
  );
  return {
    inserted: inserted.rowCount,
    updated: updated.rowCount,
    deleted: deleted.rowCount,
    range:
      r0 && r0.mn !== null && r0.mx !== null && r0.me !== null
        ? { minStartKey: Number(r0.mn), maxStartKey: Number(r0.mx), maxEndKey: Number(r0.me) }
        : null,
  };
}

export function mergeRanges(a: KeyRange | null, b: KeyRange | null): KeyRange | null {
  if (!a) return b;
  if (!b) return a;
  return {
    minStartKey: Math.min(a.minStartKey, b.minStartKey),
    maxStartKey: Math.max(a.maxStartKey, b.maxStartKey),
    maxEndKey: Math.max(a.maxEndKey, b.maxEndKey),
  };
}

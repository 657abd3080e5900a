// SQL text of one extraction chunk, derived from the IDB catalog (data-model 3.1–3.3, 4.1).
// Identifiers come from the catalog only, and the numbers spliced in (COPY takes no bind
// parameters; provider tags are constants) are checked integers: hence the `unsafe` builders.
import { GSYS_NOT_COPIED, changeMarkerSql } from '../../idb/catalog.ts';
import type { IdbColumn, IdbTable } from '../../idb/catalog.ts';
import type { GidbTable } from '../../idb/ddl.ts';

/** Largest bigint: the bound of a table whose provider has no G_PROV_CONTROL row. */
export const NO_BOUND = 9223372036854775807n;
export const STAGE = 'extract_stage';
export const CHG = 'extract_chg';

/** IDB columns copied to GIDB (data-model 4.1), with serial ids as plain bigint. */
export function copiedColumns(t: IdbTable): IdbColumn[] {
  return t.columns
    .filter((c) => !GSYS_NOT_COPIED.includes(c.name))
    .map((c) => ({ name: c.name.toLowerCase(), type: c.type === 'bigserial' ? 'bigint' : c.type }));
}

function assertBigint(v: bigint, what: string): string {
  if (typeof v !== 'bigint' || v < 0n || v > NO_BOUND)
    throw new Error(`${what} ${String(v)} is not a marker`);
  return v.toString();
}

/**
 * The source SELECT of one chunk: rows with hwm < marker <= upper, where upper is the marker of
 * the `limit`-th row (so every row sharing the last marker comes along) or the bound.
 * A full-copy table (no markers) is read whole.
 */
export function unsafeChunkSelect(t: IdbTable, hwm: bigint, bound: bigint, limit: number | null): string {
  const cols = copiedColumns(t)
    .map((c) => c.name)
    .join(', ');
  if (t.fullCopy) return `SELECT ${cols}, 0 AS ${CHG} FROM ${t.name}`;
  const chg = changeMarkerSql(t);
  const lo = assertBigint(hwm, 'high-water mark');
  const hi = assertBigint(bound, 'bound');
  let upper = hi;
  if (limit !== null) {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`chunk size ${limit} is not valid`);
    upper = `COALESCE((SELECT ${chg} FROM ${t.name} WHERE ${chg} > ${lo} AND ${chg} <= ${hi}
      ORDER BY ${chg} OFFSET ${limit - 1} LIMIT 1), ${hi})`;
  }
  return `SELECT ${cols}, ${chg} AS ${CHG} FROM ${t.name}
    WHERE ${chg} > ${lo} AND ${chg} <= ${upper} ORDER BY ${chg}`;
}

export function stageDdl(t: IdbTable): string {
  const cols = copiedColumns(t).map((c) => `${c.name} ${c.type}`);
  return `CREATE TEMP TABLE ${STAGE} (${[...cols, `${CHG} bigint`].join(', ')}) ON COMMIT DROP`;
}

/** Prefixes the table's own column names in a catalog predicate with an alias. */
export function qualify(t: IdbTable, predicate: string, alias: string): string {
  const names = new Set(t.columns.map((c) => c.name.toLowerCase()));
  return predicate.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (w) =>
    names.has(w.toLowerCase()) ? `${alias}.${w}` : w,
  );
}

function has(t: IdbTable, name: string): boolean {
  return t.columns.some((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** Completed version (data-model 3.2): the HA merge's first rule. */
export function completeSql(t: IdbTable, alias: string): string {
  return t.completedWhen ? `(${qualify(t, t.completedWhen, alias)})` : 'true';
}

/** The row's latest event time (3.3): Terminated_TS, else its first time (Deleted_TS for config). */
export function latestTsSql(t: IdbTable, alias: string): string {
  const parts: string[] = [];
  if (has(t, 'Terminated_TS')) parts.push(`${alias}.terminated_ts`);
  if (t.kind === 'config' && has(t, 'Deleted_TS')) parts.push(`${alias}.deleted_ts`);
  if (t.firstTimeColumn) parts.push(`${alias}.${t.firstTimeColumn.toLowerCase()}`);
  if (parts.length === 0) return 'NULL::int';
  return parts.length === 1 ? parts[0]! : `COALESCE(${parts.join(', ')})`;
}

/** Largest event `_TS` of a row (CTL_EXTRACT_HISTORY.MAX_TS is its maximum over the chunk). */
export function maxTsSql(t: IdbTable, alias: string): string {
  const ts = t.columns.filter((c) => c.type === 'int' && /_TS$/i.test(c.name));
  if (ts.length === 0) return 'NULL::int';
  return `GREATEST(${ts.map((c) => `${alias}.${c.name.toLowerCase()}`).join(', ')})`;
}

export function startKeySql(g: GidbTable, alias: string): string | null {
  const t = g.idbTable;
  if (t.kind === 'config') return null;
  if (!t.firstTimeColumn) return 'NULL::int';
  const x = `${alias}.${t.firstTimeColumn.toLowerCase()}`;
  // Partitioned tables need a key; a row without its first time lands in the default partition.
  return `COALESCE((floor(${x} / 900.0) * 900)::int, 0)`;
}

export function coversSql(t: IdbTable, alias: string, providerTag: number): string {
  if (!Number.isInteger(providerTag)) throw new Error(`provider tag ${providerTag} is not an integer`);
  return `EXISTS (SELECT 1 FROM ctl_ds_coverage c WHERE c.data_source_key = ${alias}.data_source_key
    AND c.providertag = ${providerTag} AND ${latestTsSql(t, alias)} >= c.start_ts
    AND (c.end_ts IS NULL OR ${latestTsSql(t, alias)} < c.end_ts))`;
}

// Pieces both adapters share: error wrapping, the COPY statements, identifier checks.
import { DbError } from '../errors.ts';
import type { QueryOptions, Tx } from './types.ts';

interface RawDbError {
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
}

/** Wraps a driver error: keeps the SQLSTATE, adds the statement's name (or its first words). */
export function makeDbError(err: RawDbError, name: string | undefined, sql: string | undefined): DbError {
  const label = name ?? (sql ? sql.replace(/\s+/g, ' ').trim().slice(0, 80) : undefined);
  const parts = [label ? `${label}: ${err.message}` : err.message];
  if (err.detail) parts.push(`detail: ${err.detail}`);
  if (err.hint) parts.push(`hint: ${err.hint}`);
  return new DbError(parts.join('; '), err.code, name, { cause: err });
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

/** Throws unless text is a plain (optionally schema-qualified) SQL identifier. */
export function assertIdentifier(text: string): string {
  if (!IDENT.test(text)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(text)}`);
  return text;
}

export function csvCopyInSql(table: string, columns: readonly string[], source: string): string {
  const cols = columns.map(assertIdentifier).join(', ');
  return `COPY ${assertIdentifier(table)} (${cols}) FROM ${source} WITH (FORMAT csv)`;
}

export function csvCopyOutSql(select: string, target: string): string {
  return `COPY (${select}) TO ${target} WITH (FORMAT csv, HEADER true)`;
}

/** One CSV field for COPY … FORMAT csv: null/undefined = NULL (empty unquoted), '' = quoted empty. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (value instanceof Date) s = value.toISOString();
  else if (typeof value === 'boolean') s = value ? 't' : 'f';
  else s = String(value);
  if (s === '' || /[",\r\n]/.test(s) || s.trim() !== s) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** Rows (arrays of values) as CSV text for copyIn. */
export function toCsv(rows: Iterable<readonly unknown[]>): string {
  let out = '';
  for (const row of rows) out += row.map(csvField).join(',') + '\n';
  return out;
}

/** BEGIN, fn, COMMIT — or ROLLBACK when fn throws — on one connection that the caller holds. */
export async function inTransaction<T>(tx: Tx, fn: (tx: Tx) => Promise<T>, opts?: QueryOptions): Promise<T> {
  await tx.exec('BEGIN', opts);
  try {
    const result = await fn(tx);
    await tx.exec('COMMIT', opts);
    return result;
  } catch (err) {
    await tx.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

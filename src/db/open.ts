// Opens a database by URL:
//   pglite:memory            embedded, in memory (tests)
//   pglite:///abs/dir        embedded, data in a directory (relative: pglite:data/infomart)
//   postgres://user@host:port/db   a PostgreSQL server (postgresql:// too)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { InfomartError } from '../errors.ts';
import type { Db } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface ParsedDbUrl {
  readonly kind: 'pglite' | 'postgres';
  /** PGlite data directory (absolute), or null for in-memory. */
  readonly dataDir: string | null;
  readonly url: string;
  readonly displayUrl: string;
}

export function parseDbUrl(url: string, baseDir = process.cwd()): ParsedDbUrl {
  if (url.startsWith('pglite:')) {
    const rest = url.slice('pglite:'.length).replace(/^\/\//, '');
    if (rest === '' || rest === 'memory' || rest === 'memory://') {
      return { kind: 'pglite', dataDir: null, url, displayUrl: 'pglite:memory' };
    }
    const dir = resolve(baseDir, rest);
    return { kind: 'pglite', dataDir: dir, url, displayUrl: `pglite://${dir}` };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let display: string;
    try {
      const u = new URL(url);
      if (u.password) u.password = '***';
      display = u.toString();
    } catch {
      throw new InfomartError(
        'BAD_REQUEST',
        `database url "${url}" is not valid; expected postgres://user@host:port/db`,
      );
    }
    return { kind: 'postgres', dataDir: null, url, displayUrl: display };
  }
  throw new InfomartError(
    'BAD_REQUEST',
    `database url "${url}" is not valid; expected pglite:memory, pglite:///path/to/dir or postgres://user@host:port/db`,
  );
}

export interface OpenDbOptions {
  /** Password to add to a postgres URL (from the DAP's password-env variable). */
  readonly password?: string;
  readonly user?: string;
  readonly poolSize?: number;
  readonly baseDir?: string;
}

export async function openDb(url: string, opts: OpenDbOptions = {}): Promise<Db> {
  const parsed = parseDbUrl(url, opts.baseDir);
  if (parsed.kind === 'pglite') {
    if (parsed.dataDir) mkdirSync(parsed.dataDir, { recursive: true });
    return openPglite(parsed.dataDir, parsed.displayUrl);
  }
  let connect = url;
  if (opts.password !== undefined || opts.user !== undefined) {
    const u = new URL(url);
    if (opts.user !== undefined) u.username = opts.user;
    if (opts.password !== undefined) u.password = opts.password;
    connect = u.toString();
  }
  return openPostgres(connect, parsed.displayUrl, opts.poolSize);
}

/** Opens, runs fn, always closes. */
export async function withDb<T>(url: string, fn: (db: Db) => Promise<T>, opts?: OpenDbOptions): Promise<T> {
  const db = await openDb(url, opts);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

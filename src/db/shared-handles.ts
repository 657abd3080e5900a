// A process-wide registry of open databases by URL. An embedded (PGlite) data directory can be
// open only once per process, yet the server, its simulator and its jobs all need the same
// source databases: they share one handle, closed when the last user releases it.
import { openDb, parseDbUrl, type OpenDbOptions } from './open.ts';
import type { Db } from './types.ts';

interface Entry {
  db: Promise<Db>;
  refs: number;
}

const open = new Map<string, Entry>();

function keyOf(url: string, opts: OpenDbOptions): string {
  const p = parseDbUrl(url, opts.baseDir);
  return p.kind === 'pglite' ? `pglite:${p.dataDir ?? `memory:${url}`}` : `${url}|${opts.user ?? ''}`;
}

export interface DbLease {
  readonly db: Db;
  release(): Promise<void>;
}

export async function acquireDb(url: string, opts: OpenDbOptions = {}): Promise<DbLease> {
  const key = keyOf(url, opts);
  let e = open.get(key);
  if (!e) {
    e = { db: openDb(url, opts), refs: 0 };
    open.set(key, e);
    e.db.catch(() => open.delete(key));
  }
  e.refs++;
  const entry = e;
  let db: Db;
  try {
    db = await entry.db;
  } catch (err) {
    entry.refs--;
    throw err;
  }
  let released = false;
  return {
    db,
    async release() {
      if (released) return;
      released = true;
      entry.refs--;
      if (entry.refs === 0) {
        open.delete(key);
        await db.close();
      }
    },
  };
}

// Embedded adapter: PGlite (real PostgreSQL in WASM) owned by a worker thread. PGlite has one
// connection, so statements are serialized here; a transaction holds the connection until it
// ends, and other callers queue behind it.
import { Worker } from 'node:worker_threads';
import type { Db, Params, QueryOptions, QueryResult, Tx } from './types.ts';
import { makeDbError, csvCopyInSql, csvCopyOutSql, inTransaction } from './shared.ts';
import { lockDataDir } from './dir-lock.ts';

interface WorkerReply {
  id?: number;
  ok?: boolean;
  ready?: boolean;
  result?: { rows?: unknown[]; rowCount?: number; text?: string };
  error?: { message: string; code?: string; detail?: string; hint?: string };
}

type Request = {
  op: 'query' | 'exec' | 'copyIn' | 'copyOut' | 'close';
  sql?: string;
  params?: Params;
  csv?: string;
};

/** A FIFO lock: the single PGlite connection is held by one caller (statement or transaction) at a time. */
function makeLock() {
  let tail: Promise<void> = Promise.resolve();
  return async function acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = tail;
    tail = prev.then(() => next);
    await prev;
    return release;
  };
}

export async function openPglite(dataDir: string | null, displayUrl: string): Promise<Db> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    return await startWorker(dataDir, displayUrl, unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

async function startWorker(dataDir: string | null, displayUrl: string, unlock: () => void): Promise<Db> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir },
    // The worker is plain JavaScript: no TypeScript loader needed there.
    execArgv: [],
  });
  const pending = new Map<
    number,
    { resolve: (r: WorkerReply['result']) => void; reject: (e: unknown) => void; name?: string; sql?: string }
  >();
  let nextId = 1;
  let closed = false;
  let fatal: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (msg: WorkerReply) => {
      if (msg.ready) return resolve();
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p || msg.id === undefined) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(makeDbError(msg.error ?? { message: 'unknown error' }, p.name, p.sql));
    });
    worker.on('error', (err) => {
      fatal = err;
      reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    worker.on('exit', (code) => {
      if (!closed) {
        fatal = new Error(`PGlite worker exited (code ${code})`);
        for (const p of pending.values()) p.reject(fatal);
        pending.clear();
      }
    });
  });
  await ready;

  function send(req: Request, opts?: QueryOptions): Promise<WorkerReply['result']> {
    if (fatal) return Promise.reject(fatal);
    if (closed) return Promise.reject(new Error('database is closed'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, name: opts?.name, sql: req.sql });
      worker.postMessage({ id, ...req });
    });
  }

  const acquire = makeLock();
  async function locked<T>(fn: () => Promise<T>): Promise<T> {
    const release = await acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  // Unlocked operations: used inside a transaction, which already holds the lock.
  const raw: Tx = {
    async query<R>(sql: string, params: Params = [], opts?: QueryOptions): Promise<QueryResult<R>> {
      const r = await send({ op: 'query', sql, params: params as unknown[] }, opts);
      return { rows: (r?.rows ?? []) as R[], rowCount: r?.rowCount ?? 0 };
    },
    async exec(sql: string, opts?: QueryOptions): Promise<void> {
      await send({ op: 'exec', sql }, opts);
    },
    async copyIn(
      table: string,
      columns: readonly string[],
      csv: string,
      opts?: QueryOptions,
    ): Promise<number> {
      if (csv.length === 0) return 0;
      const r = await send({ op: 'copyIn', sql: csvCopyInSql(table, columns, "'/dev/blob'"), csv }, opts);
      return r?.rowCount ?? 0;
    },
    async copyOut(select: string, opts?: QueryOptions): Promise<string> {
      const r = await send({ op: 'copyOut', sql: csvCopyOutSql(select, "'/dev/blob'") }, opts);
      return r?.text ?? '';
    },
  };

  return {
    kind: 'pglite',
    capabilities: { concurrentConnections: false, serverStatistics: false },
    displayUrl,
    query: (sql, params, opts) => locked(() => raw.query(sql, params, opts)),
    exec: (sql, opts) => locked(() => raw.exec(sql, opts)),
    copyIn: (table, columns, csv, opts) => locked(() => raw.copyIn(table, columns, csv, opts)),
    copyOut: (select, opts) => locked(() => raw.copyOut(select, opts)),
    async transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: QueryOptions): Promise<T> {
      return locked(() => inTransaction(raw, fn, opts));
    },
    async close(): Promise<void> {
      if (closed) return;
      await locked(async () => {
        await send({ op: 'close' }).catch(() => undefined);
        closed = true;
      });
      await worker.terminate();
      unlock();
    },
  };
}

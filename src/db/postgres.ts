// Server adapter: a node-postgres pool; COPY through pg-copy-streams.
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, Params, QueryOptions, QueryResult, Tx } from './types.ts';
import { csvCopyInSql, csvCopyOutSql, inTransaction, makeDbError } from './shared.ts';

const OID = { INT8: 20, NUMERIC: 1700, TIMESTAMP: 1114 } as const;

/** Same value shapes as the embedded adapter: int8/numeric as numbers, timestamp as UTC. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.INT8 || oid === OID.NUMERIC) return (v: string) => Number(v);
    if (oid === OID.TIMESTAMP) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

function wrap(err: unknown, opts: QueryOptions | undefined, sql: string): never {
  const e = err as { message?: string; code?: string; detail?: string; hint?: string };
  throw makeDbError(
    { message: e.message ?? String(err), code: e.code, detail: e.detail, hint: e.hint },
    opts?.name,
    sql,
  );
}

function makeQueryable(
  client: pg.Pool | pg.PoolClient,
  withClient: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>,
): Tx {
  return {
    async query<R>(sql: string, params: Params = [], opts?: QueryOptions): Promise<QueryResult<R>> {
      try {
        const r = await client.query(sql, params as unknown[]);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      } catch (err) {
        return wrap(err, opts, sql);
      }
    },
    async exec(sql: string, opts?: QueryOptions): Promise<void> {
      try {
        // The simple query protocol (no parameters) accepts several statements.
        await client.query(sql);
      } catch (err) {
        wrap(err, opts, sql);
      }
    },
    async copyIn(
      table: string,
      columns: readonly string[],
      csv: string,
      opts?: QueryOptions,
    ): Promise<number> {
      if (csv.length === 0) return 0;
      const sql = csvCopyInSql(table, columns, 'STDIN');
      return withClient(async (c) => {
        try {
          const stream = c.query(copyFrom(sql));
          await pipeline(Readable.from([csv]), stream);
          return Number(stream.rowCount ?? 0);
        } catch (err) {
          return wrap(err, opts, sql);
        }
      });
    },
    async copyOut(select: string, opts?: QueryOptions): Promise<string> {
      const sql = csvCopyOutSql(select, 'STDOUT');
      return withClient(async (c) => {
        try {
          const chunks: Buffer[] = [];
          const stream = c.query(copyTo(sql));
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          return Buffer.concat(chunks).toString('utf8');
        } catch (err) {
          return wrap(err, opts, sql);
        }
      });
    },
  };
}

export async function openPostgres(url: string, displayUrl: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const withPooled = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      return await fn(c);
    } finally {
      c.release();
    }
  };
  // Fail fast with a clear message when the server cannot be reached.
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    wrap(err, { name: `connect ${displayUrl}` }, 'SELECT 1');
  }
  const base = makeQueryable(pool, withPooled);
  return {
    kind: 'postgres',
    capabilities: { concurrentConnections: true, serverStatistics: true },
    displayUrl,
    ...base,
    async transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: QueryOptions): Promise<T> {
      return withPooled((c) =>
        inTransaction(
          makeQueryable(c, (f) => f(c)),
          fn,
          opts,
        ),
      );
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}

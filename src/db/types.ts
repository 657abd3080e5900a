// The narrow database seam. Everything in the project talks to a database through this
// interface; `openDb(url)` picks the adapter (PGlite in a worker thread, or a PostgreSQL server).

/** Bind parameters: values only, never SQL text. */
export type Params = readonly unknown[];

export interface QueryOptions {
  /** A short name for the statement, added to error messages ("extract.upsert-g-call"). */
  readonly name?: string;
}

export interface QueryResult<R> {
  readonly rows: R[];
  /** Rows affected by INSERT/UPDATE/DELETE (0 for statements that report none). */
  readonly rowCount: number;
}

/** What an adapter can do; callers branch on these, never on the adapter's identity. */
export interface DbCapabilities {
  /** More than one connection: statements of different callers may run at the same time. */
  readonly concurrentConnections: boolean;
  /** ANALYZE/VACUUM and the statistics views are meaningful (a PostgreSQL server). */
  readonly serverStatistics: boolean;
}

export interface Queryable {
  /** One statement with bind parameters ($1, $2 …). */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: Params,
    opts?: QueryOptions,
  ): Promise<QueryResult<R>>;
  /** Several statements separated by semicolons, no parameters (migrations, DDL). */
  exec(sql: string, opts?: QueryOptions): Promise<void>;
  /**
   * Bulk load: rows as CSV text (RFC 4180, no header; empty unquoted field = NULL) into the
   * columns of a table. Returns the number of rows loaded.
   */
  copyIn(table: string, columns: readonly string[], csv: string, opts?: QueryOptions): Promise<number>;
  /** Bulk read: the CSV text (with a header line) of a SELECT. */
  copyOut(select: string, opts?: QueryOptions): Promise<string>;
}

export type Tx = Queryable;

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  readonly capabilities: DbCapabilities;
  /** A URL that names this database without its password (for logs and messages). */
  readonly displayUrl: string;
  /**
   * Runs fn inside one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
   * throws. Never wait on another database or the network inside fn: the embedded adapter has a
   * single connection that everyone else waits for.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: QueryOptions): Promise<T>;
  close(): Promise<void>;
}

// The Info Mart handle a job receives (DESIGN 8): the server's Db with two duties added.
// - Retries: a transaction is a unit, and so is a statement outside any; a transient failure
//   (transient-errors.ts) rolls it back and runs it again (unit-retry.ts). Statements inside a
//   transaction are never retried alone: the whole transaction is.
// - Kill: before and after every statement the kill switch is read; once flipped, the statement
//   throws JobKilledError, so the open transaction ends in ROLLBACK. Where the database has other
//   connections (a PostgreSQL server), a statement running at that moment is cancelled too
//   (pg_cancel_backend); on PGlite it finishes first, then the next check throws.
import type { Db, Params, QueryOptions, QueryResult, Tx } from '../db/types.ts';
import { JobKilledError, type KillSwitch } from './kill-switch.ts';
import { runUnitWithRetries, type UnitRetryDeps } from './unit-retry.ts';

interface OpenTx {
  pid: number | null;
  inFlight: number;
}

export interface JobDbDeps extends UnitRetryDeps {
  readonly kill: KillSwitch;
}

export function makeJobDb(db: Db, deps: JobDbDeps): Db {
  const { kill } = deps;
  const open = new Set<OpenTx>();
  const canCancel = db.capabilities.concurrentConnections;

  if (canCancel) {
    kill.onKill(() => {
      for (const t of open) {
        if (t.pid === null || t.inFlight === 0) continue;
        void db
          .query(`SELECT pg_cancel_backend($1::int)`, [t.pid], { name: 'runner.kill-cancel' })
          .catch(() => undefined);
      }
    });
  }

  /** One statement under the kill switch; `t` counts statements in flight on an open transaction. */
  async function guarded<T>(run: () => Promise<T>, t: OpenTx | null): Promise<T> {
    kill.throwIfKilled();
    if (t) t.inFlight++;
    try {
      const r = await run();
      kill.throwIfKilled();
      return r;
    } catch (err) {
      if (kill.killed && !(err instanceof JobKilledError)) throw new JobKilledError(kill.reason ?? 'killed');
      throw err;
    } finally {
      if (t) t.inFlight--;
    }
  }

  function wrapQueryable(q: Tx, t: OpenTx | null): Tx {
    return {
      query: <R>(sql: string, params?: Params, opts?: QueryOptions): Promise<QueryResult<R>> =>
        guarded(() => q.query<R>(sql, params, opts), t),
      exec: (sql: string, opts?: QueryOptions) => guarded(() => q.exec(sql, opts), t),
      copyIn: (table: string, columns: readonly string[], csv: string, opts?: QueryOptions) =>
        guarded(() => q.copyIn(table, columns, csv, opts), t),
      copyOut: (select: string, opts?: QueryOptions) => guarded(() => q.copyOut(select, opts), t),
    };
  }

  const inTx = (name: string | undefined, what: string): string => name ?? what;
  const single = wrapQueryable(db, null);
  const unit = <T>(name: string, fn: () => Promise<T>): Promise<T> => runUnitWithRetries(name, fn, deps);

  return {
    kind: db.kind,
    capabilities: db.capabilities,
    displayUrl: db.displayUrl,
    query: (sql, params, opts) => unit(inTx(opts?.name, 'statement'), () => single.query(sql, params, opts)),
    exec: (sql, opts) => unit(inTx(opts?.name, 'statement'), () => single.exec(sql, opts)),
    copyIn: (table, columns, csv, opts) =>
      unit(inTx(opts?.name, `copy into ${table}`), () => single.copyIn(table, columns, csv, opts)),
    copyOut: (select, opts) => unit(inTx(opts?.name, 'copy out'), () => single.copyOut(select, opts)),
    transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: QueryOptions): Promise<T> {
      return unit(inTx(opts?.name, 'transaction'), () =>
        db.transaction(async (tx) => {
          const t: OpenTx = { pid: null, inFlight: 0 };
          open.add(t);
          try {
            if (canCancel) {
              const r = await guarded(
                () =>
                  tx.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`, [], {
                    name: 'runner.backend-pid',
                  }),
                t,
              );
              t.pid = r.rows[0]?.pid ?? null;
            }
            return await fn(wrapQueryable(tx, t));
          } finally {
            open.delete(t);
          }
        }, opts),
      );
    },
    close: () => Promise.reject(new Error('a job may not close the Info Mart handle it was given')),
  };
}

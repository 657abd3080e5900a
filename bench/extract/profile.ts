// `--profile`: wraps a Db so every statement's time is summed by its name (transactions included),
// to see where an extraction run spends its time beyond the COPY. With several workers the sums
// overlap and exceed the wall-clock time; they are proportions, not a timeline.
import type { Db, Queryable, Tx } from '../../src/db/types.ts';

export interface Profile {
  readonly db: Db;
  /** Lines "name: total s (count)", largest first. */
  report(): string[];
}

function base(name: string | undefined, sql: string): string {
  // Names carry the table ("extract.merge GIDB_G_CALL_V"); the first word groups them.
  return (name ?? sql.trim().split(/\s+/).slice(0, 3).join(' ')).split(' ')[0] ?? 'unnamed';
}

export function profileDb(inner: Db): Profile {
  const totals = new Map<string, { ms: number; n: number }>();
  const add = (key: string, ms: number): void => {
    const t = totals.get(key) ?? { ms: 0, n: 0 };
    t.ms += ms;
    t.n++;
    totals.set(key, t);
  };
  async function timed<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      add(key, performance.now() - t0);
    }
  }
  function wrap<Q extends Queryable>(q: Q): Queryable {
    return {
      query: (sql, params, opts) => timed(base(opts?.name, sql), () => q.query(sql, params, opts)),
      exec: (sql, opts) => timed(base(opts?.name, sql), () => q.exec(sql, opts)),
      copyIn: (table, cols, csv, opts) =>
        timed(base(opts?.name, 'copyIn'), () => q.copyIn(table, cols, csv, opts)),
      copyOut: (select, opts) => timed(base(opts?.name, 'copyOut'), () => q.copyOut(select, opts)),
    };
  }
  const db: Db = {
    ...wrap(inner),
    kind: inner.kind,
    capabilities: inner.capabilities,
    displayUrl: inner.displayUrl,
    transaction: (fn, opts) =>
      timed(`tx ${base(opts?.name, 'tx')}`, () => inner.transaction((tx: Tx) => fn(wrap(tx)), opts)),
    close: () => inner.close(),
  };
  return {
    db,
    report: () =>
      [...totals.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([k, v]) => `  ${k}: ${(v.ms / 1000).toFixed(2)} s (${v.n})`),
  };
}

// Every IDB row the traffic models produce, with the instants ICON would write it: inserted at
// `ins`, last updated at `upd`. A model simulates a whole call at once, so a row object already
// holds its final values; `before` keeps the values as first inserted, which is what an IDB shows
// while the call is still going on (live mode, the end of a history run, an HA gap).
import type { TableName } from './tables.ts';

export type Cell = string | number | null;
export type RowValues = Record<string, Cell>;

export interface SimRow {
  readonly table: TableName;
  readonly v: RowValues;
  /** Creation order: ties between rows written in the same second keep it. */
  readonly ord: number;
  readonly ins: number;
  upd: number | undefined;
  before: RowValues | undefined;
  /** More updates are expected that the model does not know yet (open sessions, queued e-mails). */
  open: boolean;
  /** Index of the site whose IDBs receive the row; -1 = every IDB (configuration). */
  readonly site: number;
  /**
   * Units the row belongs to (a call, its interaction record, a login session, a chain). An IDB
   * that misses the insert of a unit's anchor row never sees the rest of the unit either.
   */
  readonly units: readonly string[];
  readonly anchor: boolean;
}

export interface InsertOptions {
  readonly site?: number;
  readonly units?: readonly string[];
  readonly anchor?: boolean;
  readonly open?: boolean;
}

export interface RowLog {
  insert(table: TableName, values: RowValues, ts: number, opts?: InsertOptions): SimRow;
  /** Changes columns at ts; `close` (default true) says no further update will follow. */
  update(row: SimRow, changes: RowValues, ts: number, close?: boolean): void;
  /** The rows inserted since the previous call, in creation order. */
  drain(): SimRow[];
  /** Rows inserted so far in total. */
  readonly count: number;
}

export function makeRowLog(): RowLog {
  let fresh: SimRow[] = [];
  let ord = 0;
  return {
    insert(table, values, ts, opts = {}) {
      const row: SimRow = {
        table,
        v: values,
        ord: ord++,
        ins: ts,
        upd: undefined,
        before: undefined,
        open: opts.open ?? false,
        site: opts.site ?? 0,
        units: opts.units ?? [],
        anchor: opts.anchor ?? false,
      };
      fresh.push(row);
      return row;
    },
    update(row, changes, ts, close = true) {
      if (ts < row.ins || (row.upd !== undefined && ts < row.upd)) {
        throw new Error(`${row.table}: update at ${ts} before the row's last write`);
      }
      if (row.before === undefined) row.before = { ...row.v };
      Object.assign(row.v, changes);
      row.upd = ts;
      if (close) row.open = false;
    },
    drain() {
      const out = fresh;
      fresh = [];
      return out;
    },
    get count() {
      return ord;
    },
  };
}

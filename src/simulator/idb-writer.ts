// Writes simulated rows into one IDB the way its ICON would have: every insert and update gets
// the next change marker in the order they happened (GSYS_SEQ, GSYS_USEQ), GSYS_DOMAIN names the
// provider session of the write, and writes that fall into one of the IDB's gaps are lost. Rows
// are loaded with COPY once complete; G_PROV_CONTROL and GSYS_SEQ_GEN move in the same commit.
import type { Db, Tx } from '../db/types.ts';
import { PROVIDER_TAG } from './codes.ts';
import { readExistingConfig } from './config-existing.ts';
import { csvCell, dayNumber, tsText } from './csv.ts';
import type { RowValues, SimRow } from './row-log.ts';
import type { Gap, ProviderSession } from './sessions.ts';
import { inGap, sessionAt, sessionsFor, writeSessions } from './sessions.ts';
import { PROVIDERS, TABLES, TABLE_NAMES } from './tables.ts';
import type { TableName, TableSpec } from './tables.ts';

export interface IdbTargetOptions {
  readonly db: Db;
  /** Site whose rows this IDB receives (configuration goes to every IDB). */
  readonly site: number;
  /** DBID of this ICON and of the primary ICON of its HA pair (itself when not in a pair). */
  readonly iconDbid: number;
  readonly primaryDbid: number;
  readonly switchId: number;
  readonly gaps: readonly Gap[];
  /** Start of the ICON's first provider session. */
  readonly sessionStart: number;
}

interface RowState {
  seq: number;
  useq: number | null;
  useqTs: number | null;
  domain: number;
  lostUpdate: boolean;
  dropped: boolean;
}

export interface IdbWriter {
  readonly options: IdbTargetOptions;
  /** Reads the IDB's counters and declares the provider sessions. */
  init(): Promise<void>;
  accept(rows: readonly SimRow[]): void;
  /** Writes every row whose writes all happened before `until`; returns rows written. */
  flush(until: number): Promise<number>;
  /** Writes what is still pending as it stands at `horizon` (open interactions stay open). */
  finish(horizon: number): Promise<number>;
  readonly sessions: readonly ProviderSession[];
  /** Highest change marker written so far. */
  readonly counter: number;
}

export function copyColumns(spec: TableSpec, withSeq = true): string[] {
  const cols: string[] = [];
  if (spec.idMode === 'explicit') cols.push(spec.idColumn);
  cols.push(...spec.columns);
  for (const t of spec.times) cols.push(t, `${t}_ts`);
  if (spec.provider) {
    cols.push('gsys_domain', 'gsys_partition');
    if (withSeq) cols.push('gsys_seq', 'gsys_useq');
  }
  return cols;
}

/** One CSV line of a row: id, data, time pairs, then the GSYS block when the table has one. */
export function csvLine(
  spec: TableSpec,
  v: RowValues,
  id: number | null,
  gsys: readonly (number | null)[] | null,
): string {
  let out = spec.idMode === 'explicit' ? `${id},` : '';
  for (const c of spec.columns) out += `${csvCell(v[c])},`;
  for (const t of spec.times) {
    const ts = v[`${t}_ts`];
    out += typeof ts === 'number' ? `${tsText(ts)},${ts},` : ',,';
  }
  if (gsys) for (const g of gsys) out += g === null ? ',' : `${g},`;
  return out.slice(0, -1);
}

function partitionTs(spec: TableSpec, row: SimRow): number {
  const first = spec.times[0];
  const ts = first ? row.v[`${first}_ts`] : null;
  return typeof ts === 'number' ? ts : row.ins;
}

export function makeIdbWriter(options: IdbTargetOptions): IdbWriter {
  const { db } = options;
  const pending = new Map<SimRow, RowState>();
  const droppedUnits = new Set<string>();
  const nextId = new Map<TableName, number>();
  let counter = 0;
  let sessions: ProviderSession[] = [];
  let existing: (r: SimRow) => boolean = () => false;

  function accepts(r: SimRow): boolean {
    return r.site === -1 || r.site === options.site;
  }

  function sequence(until: number): void {
    const events: { ts: number; ord: number; k: number; r: SimRow; st: RowState }[] = [];
    for (const [r, st] of pending) {
      if (st.dropped) continue;
      if (st.seq === 0 && r.ins < until) events.push({ ts: r.ins, ord: r.ord, k: 0, r, st });
      if (r.upd !== undefined && r.upd < until && st.useqTs !== r.upd)
        events.push({ ts: r.upd, ord: r.ord, k: 1, r, st });
    }
    events.sort((a, b) => a.ts - b.ts || a.ord - b.ord || a.k - b.k);
    for (const e of events) {
      const { r, st } = e;
      if (e.k === 0) {
        const lost = inGap(options.gaps, e.ts) || r.units.some((u) => droppedUnits.has(u));
        if (lost) {
          st.dropped = true;
          if (r.anchor && r.units[0] !== undefined) droppedUnits.add(r.units[0]);
          continue;
        }
        st.seq = ++counter;
        st.domain = sessionAt(sessions, e.ts).dssId;
      } else {
        if (st.dropped) continue;
        st.useqTs = r.upd ?? null;
        if (inGap(options.gaps, e.ts)) {
          st.lostUpdate = true;
          continue;
        }
        st.lostUpdate = false;
        st.useq = ++counter;
        st.domain = sessionAt(sessions, e.ts).dssId;
      }
    }
  }

  async function write(
    rows: { r: SimRow; st: RowState; v: RowValues; useq: number | null }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const byTable = new Map<TableName, string[]>();
    for (const { r, st, v, useq } of rows) {
      const spec: TableSpec = TABLES[r.table];
      let id: number | null = null;
      if (spec.idMode === 'explicit') {
        id = nextId.get(r.table) ?? 1;
        nextId.set(r.table, id + 1);
      }
      const gsys = spec.provider ? [st.domain, dayNumber(partitionTs(spec, r)), st.seq, useq] : null;
      let lines = byTable.get(r.table);
      if (!lines) byTable.set(r.table, (lines = []));
      lines.push(csvLine(spec, v, id, gsys));
    }
    const copy = (q: Tx, table: TableName, text: string[]): Promise<number> =>
      q.copyIn(table, copyColumns(TABLES[table]), text.join('\n') + '\n', { name: `simulate.copy-${table}` });
    if (db.capabilities.concurrentConnections) {
      // A server loads the tables side by side; G_PROV_CONTROL moves only once all are committed,
      // so a reader bounded by SeqCurrent never sees part of an hour.
      const queue = [...byTable];
      const worker = async (): Promise<void> => {
        for (let job = queue.shift(); job; job = queue.shift()) await copy(db, job[0], job[1]);
      };
      await Promise.all([worker(), worker(), worker()]);
      await db.transaction((tx) => advanceControl(tx));
    } else {
      await db.transaction(async (tx: Tx) => {
        for (const [table, text] of byTable) await copy(tx, table, text);
        await advanceControl(tx);
      });
    }
    return rows.length;
  }

  async function advanceControl(tx: Tx): Promise<void> {
    if (counter === 0) return;
    await tx.query(
      `INSERT INTO g_prov_control (domainid, primaryid, providertag, seqcounter, seqcurrent)
       SELECT $1::int, $2::int, tag, $3::bigint, $3::bigint FROM unnest($4::int[]) AS tag
       ON CONFLICT (domainid, primaryid, providertag)
       DO UPDATE SET seqcounter = GREATEST(g_prov_control.seqcounter, excluded.seqcounter),
                     seqcurrent = GREATEST(g_prov_control.seqcurrent, excluded.seqcurrent)`,
      [options.iconDbid, options.primaryDbid, counter, PROVIDERS.map((p) => PROVIDER_TAG[p])],
      { name: 'simulate.prov-control' },
    );
    await tx.query(
      `SELECT setval('gsys_seq_gen', GREATEST($1::bigint, (SELECT last_value FROM gsys_seq_gen)))`,
      [counter],
      {
        name: 'simulate.seq-gen',
      },
    );
  }

  function complete(r: SimRow, st: RowState): boolean {
    return !r.open && st.seq > 0 && (r.upd === undefined || st.useqTs === r.upd);
  }

  return {
    options,
    get sessions() {
      return sessions;
    },
    get counter() {
      return counter;
    },
    async init() {
      existing = await readExistingConfig(db);
      const seq = await db.query<{ v: string }>(
        `SELECT GREATEST((SELECT last_value FROM gsys_seq_gen), COALESCE((SELECT max(seqcounter) FROM g_prov_control), 0))::text AS v`,
        [],
        { name: 'simulate.read-seq' },
      );
      counter = Number(seq.rows[0]?.v ?? 0);
      for (const name of TABLE_NAMES) {
        const spec: TableSpec = TABLES[name];
        if (spec.idMode !== 'explicit') continue;
        const r = await db.query<{ v: string | null }>(
          `SELECT max(${spec.idColumn})::text AS v FROM ${name}`,
          [],
          {
            name: `simulate.max-id-${name}`,
          },
        );
        nextId.set(name, Number(r.rows[0]?.v ?? 0) + 1);
      }
      const dss = await db.query<{ v: string | null }>(
        `SELECT max(dss_id)::text AS v FROM g_dss_gcc_provider`,
        [],
        {
          name: 'simulate.max-dss',
        },
      );
      sessions = sessionsFor(options.sessionStart, options.gaps, Number(dss.rows[0]?.v ?? 0) + 1);
      await writeSessions(db, sessions, options);
    },
    accept(rows) {
      for (const r of rows) {
        if (accepts(r) && !existing(r)) {
          pending.set(r, { seq: 0, useq: null, useqTs: null, domain: 0, lostUpdate: false, dropped: false });
        }
      }
    },
    async flush(until) {
      sequence(until);
      const out: { r: SimRow; st: RowState; v: RowValues; useq: number | null }[] = [];
      for (const [r, st] of pending) {
        if (st.dropped) {
          pending.delete(r);
        } else if (complete(r, st)) {
          const v = st.lostUpdate ? (r.before ?? r.v) : r.v;
          out.push({ r, st, v, useq: st.lostUpdate ? null : st.useq });
          pending.delete(r);
        }
      }
      out.sort((a, b) => a.st.seq - b.st.seq);
      return write(out);
    },
    async finish(horizon) {
      let n = await this.flush(horizon);
      const out: { r: SimRow; st: RowState; v: RowValues; useq: number | null }[] = [];
      for (const [r, st] of pending) {
        if (st.dropped || st.seq === 0) continue;
        const future = r.upd !== undefined && r.upd >= horizon;
        const v = future || st.lostUpdate ? (r.before ?? r.v) : r.v;
        out.push({ r, st, v, useq: future || st.lostUpdate ? null : st.useq });
      }
      pending.clear();
      out.sort((a, b) => a.st.seq - b.st.seq);
      n += await write(out);
      return n;
    },
  };
}

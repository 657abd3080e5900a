// Writes simulated rows into an IDB as they happen: a row is inserted when its insert instant has
// passed (in the version it had then), and updated in place when a later change has passed, so
// readers see active calls, open sessions and queued e-mails. Change markers come from the IDB
// itself (GSYS_SEQ default, GSYS_USEQ update trigger); G_PROV_CONTROL follows in the same commit.
import type { Db, Tx } from '../db/types.ts';
import { PROVIDER_TAG } from './codes.ts';
import { readExistingConfig } from './config-existing.ts';
import { copyColumns, csvLine } from './idb-writer.ts';
import type { RowValues, SimRow } from './row-log.ts';
import { sessionsFor, writeSessions } from './sessions.ts';
import type { ProviderSession } from './sessions.ts';
import { PROVIDERS, TABLES, TABLE_NAMES } from './tables.ts';
import type { TableName, TableSpec } from './tables.ts';
import { tsText } from './csv.ts';

/** Columns that find a row again for an update (tables whose rows the simulator updates). */
const SERIAL_KEYS: Partial<Record<TableName, readonly string[]>> = {
  g_call: ['callid'],
  g_virtual_queue: ['callid', 'endpointid', 'added_ts'],
  go_campaign: ['sessid'],
  go_chain: ['chainguid'],
};

function updateKey(spec: TableSpec): readonly string[] {
  if (spec.idMode === 'explicit') return [spec.idColumn];
  if (spec.idMode === 'none') return ['id'];
  const key = SERIAL_KEYS[spec.name as TableName];
  if (!key) throw new Error(`${spec.name}: rows of this table are never updated`);
  return key;
}

interface LiveState {
  id: number | null;
  inserted: boolean;
  writtenUpd: number | undefined;
}

export interface LiveWriterOptions {
  readonly db: Db;
  readonly site: number;
  readonly iconDbid: number;
  readonly switchId: number;
  readonly sessionStart: number;
}

export interface LiveWriter {
  init(): Promise<void>;
  accept(rows: readonly SimRow[]): void;
  /** Writes every insert and update that happened before `until`; returns statements' row count. */
  tick(until: number): Promise<number>;
}

export function makeLiveWriter(options: LiveWriterOptions): LiveWriter {
  const { db } = options;
  const pending = new Map<SimRow, LiveState>();
  const nextId = new Map<TableName, number>();
  let sessions: ProviderSession[] = [];
  let existing: (r: SimRow) => boolean = () => false;

  function gsys(r: SimRow, spec: TableSpec): (number | null)[] | null {
    if (!spec.provider) return null;
    const first = spec.times[0];
    const ts = first ? r.v[`${first}_ts`] : null;
    const day = tsText(typeof ts === 'number' ? ts : r.ins)
      .slice(0, 10)
      .replace(/-/g, '');
    return [sessions[0]?.dssId ?? null, Number(day)];
  }

  async function insert(tx: Tx, rows: { r: SimRow; st: LiveState; v: RowValues }[]): Promise<void> {
    const byTable = new Map<TableName, string[]>();
    for (const { r, st, v } of rows) {
      const spec: TableSpec = TABLES[r.table];
      if (spec.idMode === 'explicit') {
        st.id = nextId.get(r.table) ?? 1;
        nextId.set(r.table, st.id + 1);
      }
      let lines = byTable.get(r.table);
      if (!lines) byTable.set(r.table, (lines = []));
      lines.push(csvLine(spec, v, st.id, gsys(r, spec)));
    }
    for (const [table, lines] of byTable) {
      await tx.copyIn(table, copyColumns(TABLES[table], false), lines.join('\n') + '\n', {
        name: `simulate.live-insert-${table}`,
      });
    }
  }

  async function update(tx: Tx, rows: { r: SimRow; st: LiveState }[]): Promise<void> {
    const byTable = new Map<TableName, { r: SimRow; st: LiveState }[]>();
    for (const x of rows) byTable.set(x.r.table, [...(byTable.get(x.r.table) ?? []), x]);
    for (const [table, list] of byTable) {
      const spec: TableSpec = TABLES[table];
      const cols = copyColumns(spec, false).filter((c) => !c.startsWith('gsys_'));
      const key = updateKey(spec);
      const stage = `sim_stage_${table}`;
      await tx.exec(
        `CREATE TEMP TABLE IF NOT EXISTS ${stage} AS SELECT ${cols.join(', ')} FROM ${table} WITH NO DATA`,
      );
      await tx.exec(`TRUNCATE ${stage}`);
      const lines = list.map(({ r, st }) => csvLine({ ...spec, provider: null }, r.v, st.id, null));
      await tx.copyIn(stage, cols, lines.join('\n') + '\n', { name: `simulate.live-stage-${table}` });
      const set = cols.filter((c) => !key.includes(c)).map((c) => `${c} = s.${c}`);
      const on = key.map((k) => `t.${k} = s.${k}`).join(' AND ');
      await tx.query(`UPDATE ${table} t SET ${set.join(', ')} FROM ${stage} s WHERE ${on}`, [], {
        name: `simulate.live-update-${table}`,
      });
    }
  }

  return {
    async init() {
      existing = await readExistingConfig(db);
      for (const name of TABLE_NAMES) {
        const spec: TableSpec = TABLES[name];
        if (spec.idMode !== 'explicit') continue;
        const r = await db.query<{ v: string | null }>(
          `SELECT max(${spec.idColumn})::text AS v FROM ${name}`,
        );
        nextId.set(name, Number(r.rows[0]?.v ?? 0) + 1);
      }
      const dss = await db.query<{ v: string | null }>(
        `SELECT max(dss_id)::text AS v FROM g_dss_gcc_provider`,
      );
      sessions = sessionsFor(options.sessionStart, [], Number(dss.rows[0]?.v ?? 0) + 1);
      await writeSessions(db, sessions, {
        iconDbid: options.iconDbid,
        primaryDbid: options.iconDbid,
        switchId: options.switchId,
      });
    },
    accept(rows) {
      for (const r of rows) {
        if ((r.site === -1 || r.site === options.site) && !existing(r))
          pending.set(r, { id: null, inserted: false, writtenUpd: undefined });
      }
    },
    async tick(until) {
      const inserts: { r: SimRow; st: LiveState; v: RowValues; ts: number }[] = [];
      const updates: { r: SimRow; st: LiveState; ts: number }[] = [];
      for (const [r, st] of pending) {
        const updated = r.upd !== undefined && r.upd < until;
        if (!st.inserted && r.ins < until) {
          inserts.push({ r, st, v: updated ? r.v : (r.before ?? r.v), ts: r.ins });
          st.inserted = true;
          if (updated) st.writtenUpd = r.upd;
        } else if (st.inserted && updated && st.writtenUpd !== r.upd) {
          updates.push({ r, st, ts: r.upd ?? 0 });
          st.writtenUpd = r.upd;
        }
        if (st.inserted && !r.open && (r.upd === undefined || st.writtenUpd === r.upd)) pending.delete(r);
      }
      if (inserts.length === 0 && updates.length === 0) return 0;
      inserts.sort((a, b) => a.ts - b.ts || a.r.ord - b.r.ord);
      updates.sort((a, b) => a.ts - b.ts || a.r.ord - b.r.ord);
      await db.transaction(async (tx) => {
        await insert(tx, inserts);
        await update(tx, updates);
        await tx.query(
          `INSERT INTO g_prov_control (domainid, primaryid, providertag, seqcounter, seqcurrent)
           SELECT $1::int, $1::int, tag, v, v FROM unnest($2::int[]) AS tag, (SELECT last_value AS v FROM gsys_seq_gen) s
           ON CONFLICT (domainid, primaryid, providertag)
           DO UPDATE SET seqcounter = excluded.seqcounter, seqcurrent = excluded.seqcurrent`,
          [options.iconDbid, PROVIDERS.map((p) => PROVIDER_TAG[p])],
          { name: 'simulate.live-prov-control' },
        );
      });
      return inserts.length + updates.length;
    },
  };
}

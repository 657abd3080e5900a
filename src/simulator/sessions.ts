// Provider sessions of one IDB (G_DSS_<P>_PROVIDER rows) and the coverage they declare: an IDB of
// an HA pair has gaps, periods when its ICON was down and wrote nothing.
import type { Db } from '../db/types.ts';
import { DS_TYPE, DSCONN_TYPE } from './codes.ts';
import { tsText } from './csv.ts';
import { DSS_TABLES, PROVIDERS } from './tables.ts';
import type { Provider } from './tables.ts';

export interface Gap {
  readonly start: number;
  readonly end: number;
}

export interface ProviderSession {
  readonly dssId: number;
  readonly start: number;
  /** null: still connected. */
  readonly end: number | null;
}

/** Sessions covering [start, ∞) except the gaps (sorted, non-overlapping). */
export function sessionsFor(start: number, gaps: readonly Gap[], firstDssId: number): ProviderSession[] {
  const out: ProviderSession[] = [];
  let from = start;
  for (const g of [...gaps].sort((a, b) => a.start - b.start)) {
    out.push({ dssId: firstDssId + out.length, start: from, end: g.start });
    from = g.end;
  }
  out.push({ dssId: firstDssId + out.length, start: from, end: null });
  return out;
}

export function inGap(gaps: readonly Gap[], ts: number): boolean {
  for (const g of gaps) if (ts >= g.start && ts < g.end) return true;
  return false;
}

/** The session a write at ts belongs to (the one before a gap for writes inside it). */
export function sessionAt(sessions: readonly ProviderSession[], ts: number): ProviderSession {
  let found = sessions[0]!;
  for (const s of sessions) if (s.start <= ts) found = s;
  return found;
}

const DS_TYPE_OF: Readonly<Record<Provider, number>> = {
  cfg: DS_TYPE.configServer,
  gcc: DS_TYPE.tserver,
  gls: DS_TYPE.tserver,
  gud: DS_TYPE.tserver,
  gos: DS_TYPE.ocs,
};

/** Writes the sessions to every provider table (set-based: one INSERT … SELECT per table). */
export async function writeSessions(
  db: Db,
  sessions: readonly ProviderSession[],
  ids: { readonly iconDbid: number; readonly primaryDbid: number; readonly switchId: number },
): Promise<void> {
  const cols = [
    'dss_id',
    'icon_stime',
    'icon_stime_ts',
    'icon_etime',
    'icon_etime_ts',
    'dsconn_stime',
    'dsconn_stime_ts',
    'dsconn_etime',
    'dsconn_etime_ts',
  ];
  for (const p of PROVIDERS) {
    const rows = sessions.map((s) => [
      s.dssId,
      tsText(s.start),
      s.start,
      s.end === null ? null : tsText(s.end),
      s.end,
      tsText(s.start),
      s.start,
      s.end === null ? null : tsText(s.end),
      s.end,
    ]);
    await db.query(
      `INSERT INTO ${DSS_TABLES[p]} (${cols.join(', ')}, icon_dbid, ds_dbid, ds_dbid_prim, ds2_dbid, ds_type, dsconn_type, dsconn_sdsts)
       SELECT (r->>0)::int, (r->>1)::timestamp, (r->>2)::int, (r->>3)::timestamp, (r->>4)::int,
              (r->>5)::timestamp, (r->>6)::int, (r->>7)::timestamp, (r->>8)::int, $2::int, $3::int, $4::int, $5::int, $6::int,
              CASE WHEN (r->>0)::int = $7::int THEN $8::int ELSE $9::int END, (r->>2)::int
         FROM jsonb_array_elements($1::jsonb) AS r`,
      [
        JSON.stringify(rows),
        ids.iconDbid,
        ids.iconDbid * 10 + PROVIDERS.indexOf(p),
        ids.primaryDbid * 10 + PROVIDERS.indexOf(p),
        ids.switchId,
        DS_TYPE_OF[p],
        sessions[0]?.dssId ?? 0,
        DSCONN_TYPE.firstConnect,
        DSCONN_TYPE.reconnect,
      ],
      { name: `simulate.sessions-${p}` },
    );
  }
}

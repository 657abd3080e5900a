// The source side of a run: CTL_DS rows for the DAPs, and what is read once per IDB when the job
// starts — upper bounds from G_PROV_CONTROL, provider sessions (HA coverage), the ICON DBID.
import type { Dap } from '../../config/types.ts';
import type { Db } from '../../db/types.ts';
import { DATA_SOURCE_TYPE, PROVIDER_TAG, rolesOf } from './plan.ts';
import type { SourcePart } from './plan.ts';

/** Registers one CTL_DS row per (DAP, role); rows of DAPs no longer configured become inactive. */
export async function registerDataSources(
  db: Db,
  daps: readonly Dap[],
  nowMs: number,
): Promise<SourcePart[]> {
  const pairs = daps.flatMap((dap) => rolesOf(dap).map((role) => ({ dap, role })));
  const names = pairs.map((p) => p.dap.name);
  const roles = pairs.map((p) => p.role);
  const keys = await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO ctl_ds (dap_name, role, data_source_type, ha_set, active_flag, created_ts)
       SELECT x.d, x.r, x.t, x.h, 1, $5 FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS x(d, r, t, h)
       ON CONFLICT (dap_name, role) DO UPDATE SET ha_set = EXCLUDED.ha_set, active_flag = 1,
         data_source_type = EXCLUDED.data_source_type
       WHERE (ctl_ds.ha_set, ctl_ds.active_flag, ctl_ds.data_source_type)
         IS DISTINCT FROM (EXCLUDED.ha_set, 1::numeric, EXCLUDED.data_source_type)`,
      [
        names,
        roles,
        roles.map((r) => DATA_SOURCE_TYPE[r]),
        pairs.map((p) => p.dap.haSet),
        Math.floor(nowMs / 1000),
      ],
      { name: 'extract.ctl-ds-upsert' },
    );
    await tx.query(
      `UPDATE ctl_ds SET active_flag = 0 WHERE active_flag = 1
         AND (dap_name, role) NOT IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [names, roles],
      { name: 'extract.ctl-ds-inactive' },
    );
    const r = await tx.query<{ k: number; d: string; r: string }>(
      `SELECT data_source_key AS k, dap_name AS d, role AS r FROM ctl_ds WHERE active_flag = 1`,
      [],
      { name: 'extract.ctl-ds-keys' },
    );
    return new Map(r.rows.map((x) => [`${x.d}|${x.r}`, x.k]));
  });
  return pairs.map(({ dap, role }) => {
    const k = keys.get(`${dap.name}|${role}`);
    if (k === undefined) throw new Error(`CTL_DS has no row for dap:${dap.name} ${role}`);
    return { dap, role, dataSourceKey: k, dataSourceType: DATA_SOURCE_TYPE[role], iconDbid: 0, dssId: null };
  });
}

export interface Session {
  readonly providerTag: number;
  readonly dssId: number;
  readonly iconDbid: number | null;
  readonly start: number | null;
  readonly end: number | null;
}

export interface SourceInfo {
  /** Upper bound per provider tag (largest SeqCurrent); absent = no bound. */
  readonly bounds: ReadonlyMap<number, bigint>;
  readonly sessions: readonly Session[];
}

/** Reads an IDB's control tables once (jobs 5.2: the bound is read when the job starts). */
export async function readSourceInfo(idb: Db): Promise<SourceInfo> {
  const bounds = new Map<number, bigint>();
  const present = await idb.query<{ t: string }>(
    `SELECT x.t FROM unnest($1::text[]) AS x(t) WHERE to_regclass(x.t) IS NOT NULL`,
    [['g_prov_control', ...Object.keys(PROVIDER_TAG).map((p) => `g_dss_${p}_provider`)]],
    { name: 'extract.source-tables' },
  );
  const has = new Set(present.rows.map((r) => r.t));
  if (has.has('g_prov_control')) {
    const r = await idb.query<{ tag: number; b: string | null }>(
      `SELECT providertag AS tag, max(seqcurrent)::text AS b FROM g_prov_control GROUP BY providertag`,
      [],
      { name: 'extract.bounds' },
    );
    for (const row of r.rows) if (row.b !== null) bounds.set(row.tag, BigInt(row.b));
  }
  const sessions: Session[] = [];
  for (const [p, tag] of Object.entries(PROVIDER_TAG)) {
    const table = `g_dss_${p}_provider`;
    if (!has.has(table)) continue;
    const r = await idb.query<{ dss: number; icon: number | null; s: number | null; e: number | null }>(
      `SELECT dss_id AS dss, icon_dbid AS icon, dsconn_stime_ts AS s, COALESCE(dsconn_etime_ts, icon_etime_ts) AS e
         FROM ${table} ORDER BY dss_id`,
      [],
      { name: `extract.sessions ${table}` },
    );
    for (const row of r.rows) {
      sessions.push({ providerTag: tag, dssId: row.dss, iconDbid: row.icon, start: row.s, end: row.e });
    }
  }
  return { bounds, sessions };
}

/** Stores an IDB's sessions as the coverage of its parts and fills their ICON DBID. */
export async function storeCoverage(db: Db, parts: readonly SourcePart[], info: SourceInfo): Promise<void> {
  const last = info.sessions.reduce<Session | null>(
    (a, s) => (a === null || s.dssId > a.dssId ? s : a),
    null,
  );
  for (const p of parts) {
    p.iconDbid = last?.iconDbid ?? 0;
    p.dssId = last?.dssId ?? null;
  }
  const s = info.sessions;
  await db.transaction(async (tx) => {
    const keys = parts.map((p) => p.dataSourceKey);
    await tx.query(`DELETE FROM ctl_ds_coverage WHERE data_source_key = ANY($1::int[])`, [keys], {
      name: 'extract.coverage-clear',
    });
    await tx.query(
      `INSERT INTO ctl_ds_coverage (data_source_key, providertag, dss_id, start_ts, end_ts)
       SELECT k, x.tag, x.dss, x.s, x.e FROM unnest($1::int[]) AS k
         CROSS JOIN unnest($2::int[], $3::int[], $4::int[], $5::int[]) AS x(tag, dss, s, e)`,
      [keys, s.map((x) => x.providerTag), s.map((x) => x.dssId), s.map((x) => x.start), s.map((x) => x.end)],
      { name: 'extract.coverage-store' },
    );
    await tx.query(
      `UPDATE ctl_ds SET icon_dbid = $2 WHERE data_source_key = ANY($1::int[]) AND icon_dbid IS DISTINCT FROM $2`,
      [keys, last?.iconDbid ?? 0],
      { name: 'extract.ctl-ds-icon' },
    );
  });
}

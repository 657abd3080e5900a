// Shared pieces of the extraction tests: source IDBs that the job can open by URL, an Info Mart,
// a run of Job_ExtractICON with its history row, and per-table counts and checksums.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import type { ResolvedConfig } from '../../src/config/index.ts';
import type { Clock } from '../../src/core/clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { acquireDb } from '../../src/db/shared-handles.ts';
import type { Db } from '../../src/db/types.ts';
import { changeMarkerSql, getGidbTable, idbTables } from '../../src/idb/index.ts';
import type { IdbTable } from '../../src/idb/index.ts';
import { extractIconJob } from '../../src/jobs/extract-icon/index.ts';
import { copiedColumns } from '../../src/jobs/extract-icon/sql.ts';
import { createRun } from '../../src/runner/history.ts';
import { executeRun } from '../../src/runner/execute.ts';
import type { ExecuteResult } from '../../src/runner/execute.ts';
import { makeTestDb } from '../helpers/databases.ts';
import type { DbKind } from '../helpers/databases.ts';

export const log = pino({ level: 'silent' });

export interface Source {
  readonly url: string;
  readonly db: Db;
  dispose(): Promise<void>;
}

/**
 * An empty, migrated IDB. PGlite: a data directory opened through the process-wide handle
 * registry, so the job (which opens its DAPs by URL) shares this very handle.
 */
export async function makeSource(kind: DbKind): Promise<Source> {
  if (kind === 'postgres') {
    const t = await makeTestDb('postgres');
    await migrate(t.db, 'idb');
    return { url: t.url, db: t.db, dispose: () => t.dispose() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'infomart-idb-'));
  const url = `pglite://${dir}`;
  const lease = await acquireDb(url);
  await migrate(lease.db, 'idb');
  return {
    url,
    db: lease.db,
    async dispose() {
      await lease.release();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface DapSpec {
  readonly name: string;
  readonly roles: string;
  readonly url: string;
  readonly haSet?: string;
}

export function makeConfig(
  daps: readonly DapSpec[],
  gimEtl: Record<string, string | number> = {},
): ResolvedConfig {
  const lines = ['[gim-etl]', ...Object.entries(gimEtl).map(([k, v]) => `${k} = ${v}`), '[dap:im]'];
  lines.push('role = INFO_MART', 'url = pglite:memory');
  for (const d of daps) {
    lines.push(`[dap:${d.name}]`, `role = ${d.roles}`, `url = ${d.url}`);
    if (d.haSet) lines.push(`ha-set = ${d.haSet}`);
  }
  return loadConfig({ text: lines.join('\n') + '\n' }).config;
}

export async function runExtract(
  db: Db,
  config: ResolvedConfig,
  clock: Clock,
  signal?: AbortSignal,
  onChunk?: () => void,
): Promise<ExecuteResult & { jobId: string }> {
  const jobId = await createRun(db, {
    jobName: 'Job_ExtractICON',
    status: 'RUNNING',
    origin: 'manual',
    nowMs: clock.now(),
  });
  const r = await executeRun({
    def: extractIconJob,
    jobId,
    params: '',
    db,
    config,
    clock,
    log,
    signal: signal ?? new AbortController().signal,
    onProgress: onChunk,
  });
  return { jobId, ...r };
}

export interface Digest {
  readonly n: number;
  readonly sum: string;
}

function rowHash(t: IdbTable, alias: string): string {
  const cols = copiedColumns(t).map((c) => `${alias}.${c.name}`);
  return `hashtext(ROW(${cols.join(', ')})::text)::bigint`;
}

/** Count and order-independent checksum of an IDB table's rows up to its marker bound. */
export async function idbDigest(db: Db, t: IdbTable, bound: bigint | null): Promise<Digest> {
  const where = bound !== null && t.hasGsys ? `WHERE ${changeMarkerSql(t, 's')} <= ${bound.toString()}` : '';
  const r = await db.query<Digest>(
    `SELECT count(*)::int AS n, COALESCE(sum(${rowHash(t, 's')}), 0)::text AS sum FROM ${t.name} s ${where}`,
  );
  return r.rows[0]!;
}

export async function gidbDigest(
  db: Db,
  gidbName: string,
  dataSourceKeys?: readonly number[],
): Promise<Digest> {
  const g = getGidbTable(gidbName);
  const where = dataSourceKeys ? `WHERE s.data_source_key = ANY($1::int[])` : '';
  const r = await db.query<Digest>(
    `SELECT count(*)::int AS n, COALESCE(sum(${rowHash(g.idbTable, 's')}), 0)::text AS sum FROM ${g.name} s ${where}`,
    dataSourceKeys ? [dataSourceKeys] : [],
  );
  return r.rows[0]!;
}

/** Every GIDB table's full contents (minus audit keys) as one comparable text per table. */
export async function gidbSnapshot(db: Db): Promise<Record<string, Digest>> {
  const out: Record<string, Digest> = {};
  for (const t of idbTables.filter((x) => x.extracted)) {
    for (const fam of t.roles.includes('ICON_CORE') ? (t.voiceOnly ? ['V'] : ['V', 'MM']) : ['']) {
      const name = fam ? `GIDB_${t.name}_${fam}` : `GIDB_${t.name}`;
      out[name] = await gidbDigest(db, name);
    }
  }
  return out;
}

export async function providerBounds(db: Db): Promise<Map<number, bigint>> {
  const r = await db.query<{ tag: number; b: string }>(
    `SELECT providertag AS tag, max(seqcurrent)::text AS b FROM g_prov_control GROUP BY providertag`,
  );
  return new Map(r.rows.map((x) => [x.tag, BigInt(x.b)]));
}

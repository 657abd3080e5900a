// The IDB schema version (jobs R20, 5.2 pre-checks). An IDB states its version in the one row of
// GSYS_SCHEMA_INFO that migrations/idb writes (project choice, modelled on the Info Mart's
// CTL_SCHEMA_INFO). A database without any IDB table is not an IDB at all (a DAP pointing at the
// wrong database): that is reported like an unreachable source, not as a version to migrate.
import type { Db } from '../db/types.ts';
import { idbTables } from './catalog.ts';

/** The version migrations/idb/0002_schema_version.sql writes: the catalog of data-model section 2. */
export const IDB_SCHEMA_VERSION = '8.1.5';

/** IDB schema versions this server extracts from. */
export const SUPPORTED_IDB_VERSIONS: readonly string[] = Object.freeze([IDB_SCHEMA_VERSION]);

export const IDB_VERSION_TABLE = 'gsys_schema_info';

export type IdbVersionState =
  | { readonly kind: 'supported'; readonly version: string }
  /** version null: the IDB has its tables but states no version (no GSYS_SCHEMA_INFO row). */
  | { readonly kind: 'unsupported'; readonly version: string | null }
  | { readonly kind: 'not-an-idb' };

/** Reads and judges the schema version an IDB states. */
export async function readIdbVersion(idb: Db): Promise<IdbVersionState> {
  const r = await idb.query<{ has_table: boolean; idb_tables: number }>(
    `SELECT to_regclass($1) IS NOT NULL AS has_table,
            (SELECT count(*)::int FROM unnest($2::text[]) AS x(t) WHERE to_regclass(x.t) IS NOT NULL) AS idb_tables`,
    [IDB_VERSION_TABLE, idbTables.map((t) => t.name.toLowerCase())],
    { name: 'idb.version.tables' },
  );
  const row = r.rows[0];
  if (!row?.has_table) {
    return (row?.idb_tables ?? 0) === 0 ? { kind: 'not-an-idb' } : { kind: 'unsupported', version: null };
  }
  const v = await idb.query<{ v: string }>(
    `SELECT schema_version AS v FROM ${IDB_VERSION_TABLE} WHERE schema_name = 'IDB'`,
    [],
    { name: 'idb.version.read' },
  );
  const version = v.rows[0]?.v ?? null;
  return version !== null && SUPPORTED_IDB_VERSIONS.includes(version)
    ? { kind: 'supported', version }
    : { kind: 'unsupported', version };
}

/** The R20 message for one IDB whose version is not supported: names the DAP, the version, the supported ones. */
export function unsupportedIdbMessage(dapName: string, version: string | null): string {
  const found =
    version === null ? 'states no schema version (no GSYS_SCHEMA_INFO row)' : `has schema version ${version}`;
  return `dap:${dapName}: the IDB ${found}; this server supports IDB version ${SUPPORTED_IDB_VERSIONS.join(', ')}`;
}

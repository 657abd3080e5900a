// The IDB (source) schema: catalog, generated DDL and the extraction indexes.
export * from './catalog.ts';
export { gidbTables, getGidbTable, idbIndexName, idbIndexSql, GSYS_SEQUENCE, AUDIT_COLUMNS } from './ddl.ts';
export type { GidbTable } from './ddl.ts';
export { createIdbIndexes } from './indexes.ts';
export type { IdbIndexResult } from './indexes.ts';
export {
  IDB_SCHEMA_VERSION,
  SUPPORTED_IDB_VERSIONS,
  readIdbVersion,
  unsupportedIdbMessage,
} from './version.ts';
export type { IdbVersionState } from './version.ts';

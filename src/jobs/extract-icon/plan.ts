// What one extraction run reads: a part per (source DAP, role), a task per (part, IDB table).
// ICON_CFG tasks form the first phase and complete before any other starts (data-model 3.1).
import type { Dap } from '../../config/types.ts';
import { familyOfRole, gidbTableName, idbTablesForRole } from '../../idb/catalog.ts';
import type { IdbProvider, IdbRole, IdbTable } from '../../idb/catalog.ts';

export const EXTRACT_ROLES: readonly IdbRole[] = ['ICON_CFG', 'ICON_CORE', 'ICON_MM', 'ICON_OCS'];

/** CTL_DS.DATA_SOURCE_TYPE / CTL_EXTRACT_HISTORY.DATA_SOURCE_TYPE of a role (data-model 4.6). */
export const DATA_SOURCE_TYPE: Readonly<Record<IdbRole, number>> = {
  ICON_CORE: 1,
  ICON_MM: 2,
  ICON_OCS: 3,
  ICON_CFG: 4,
};

/** G_PROV_CONTROL.ProviderTag of each provider (data-model 2.6). */
export const PROVIDER_TAG: Readonly<Record<IdbProvider, number>> = { cfg: 1, gcc: 2, gls: 3, gud: 4, gos: 5 };

export interface SourcePart {
  readonly dap: Dap;
  readonly role: IdbRole;
  readonly dataSourceKey: number;
  readonly dataSourceType: number;
  /** From the IDB's latest provider session; 0 when the IDB declares none. */
  iconDbid: number;
  dssId: number | null;
}

export interface TableTask {
  readonly part: SourcePart;
  readonly table: IdbTable;
  readonly gidbName: string;
  /** null for tables without a provider (GSYS_DNPREMOTELOCATION). */
  readonly providerTag: number | null;
}

export function sourceDaps(daps: readonly Dap[]): Dap[] {
  return daps.filter((d) => !d.roles.includes('INFO_MART'));
}

export function rolesOf(dap: Dap): IdbRole[] {
  return EXTRACT_ROLES.filter((r) => dap.roles.includes(r));
}

export function tasksOf(part: SourcePart): TableTask[] {
  const family = familyOfRole(part.role);
  return idbTablesForRole(part.role).map((table) => ({
    part,
    table,
    gidbName: gidbTableName(table, table.roles.includes('ICON_CORE') ? family : null),
    providerTag: table.provider ? PROVIDER_TAG[table.provider] : null,
  }));
}

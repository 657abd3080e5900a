// The IDB (Interaction Concentrator source) subset as data: one typed description per table of
// data-model section 2, with the extraction facts of section 3.2. The IDB DDL
// (migrations/idb), the GIDB copies (migrations/infomart) and the extraction all derive from it,
// so a column exists in exactly one place.
import { COLUMNS } from './catalog-columns.ts';

export type IdbProvider = 'cfg' | 'gcc' | 'gls' | 'gud' | 'gos';
export type IdbRole = 'ICON_CFG' | 'ICON_CORE' | 'ICON_MM' | 'ICON_OCS';
export type GidbFamily = 'V' | 'MM';

/** session: G_DSS_*_PROVIDER and G_PROV_CONTROL (read live, never copied). */
export type IdbTableKind = 'session' | 'config' | 'operational';

export interface IdbColumn {
  /** Genesys spelling; PostgreSQL folds it to lower case. */
  readonly name: string;
  /** PostgreSQL type in the spelling of data-model section 2 (`bigserial` for IDB serial ids). */
  readonly type: string;
}

export interface IdbTable {
  readonly name: string;
  readonly kind: IdbTableKind;
  /** ICON provider writing the table; null for GSYS_DNPREMOTELOCATION and G_PROV_CONTROL. */
  readonly provider: IdbProvider | null;
  /** Extraction roles that read the table. */
  readonly roles: readonly IdbRole[];
  /** Only ICON_CORE (voice) DAPs have it: GIDB copy `_V` only. */
  readonly voiceOnly: boolean;
  readonly columns: readonly IdbColumn[];
  readonly primaryKey: readonly string[];
  /** Natural (upsert) key of the GIDB copy (3.2); empty for session tables. */
  readonly naturalKey: readonly string[];
  /** Rows are never updated after insert (change marker = GSYS_SEQ). */
  readonly insertOnly: boolean;
  /** SQL predicate (over the table's own columns) that says a row is complete (3.2); null = always. */
  readonly completedWhen: string | null;
  /** Configuration rows: predicate for a deleted object / association. */
  readonly deletedWhen: string | null;
  /** `_TS` column whose 15-minute key is the GIDB START_DATE_TIME_KEY; null when there is none. */
  readonly firstTimeColumn: string | null;
  /** Has the GSYS block of data-model 1.2 (and so change markers). */
  readonly hasGsys: boolean;
  /** Copied to GIDB (false for session/control tables, read live). */
  readonly extracted: boolean;
  /** Copied in full each cycle instead of by change marker (GSYS_DNPREMOTELOCATION). */
  readonly fullCopy: boolean;
}

export const GSYS_COLUMNS: readonly IdbColumn[] = [
  { name: 'GSYS_DOMAIN', type: 'int' },
  { name: 'GSYS_PARTITION', type: 'int' },
  { name: 'GSYS_SEQ', type: 'bigint' },
  { name: 'GSYS_USEQ', type: 'bigint' },
  { name: 'GSYS_TS', type: 'timestamp' },
  { name: 'GSYS_EXT_VCH1', type: 'varchar(255)' },
  { name: 'GSYS_EXT_VCH2', type: 'varchar(255)' },
  { name: 'GSYS_EXT_INT1', type: 'int' },
  { name: 'GSYS_EXT_INT2', type: 'int' },
];

/** GSYS columns the GIDB copies leave out (data-model 4.1). */
export const GSYS_NOT_COPIED: readonly string[] = ['GSYS_PARTITION', 'GSYS_TS'];

const CORE_MM: readonly IdbRole[] = ['ICON_CORE', 'ICON_MM'];
const ALL_ROLES: readonly IdbRole[] = ['ICON_CFG', 'ICON_CORE', 'ICON_MM', 'ICON_OCS'];
const TERMINATED = 'Terminated_TS IS NOT NULL';

interface Spec {
  readonly kind?: IdbTableKind;
  readonly provider: IdbProvider | null;
  readonly roles: readonly IdbRole[];
  readonly voiceOnly?: boolean;
  readonly pk: readonly string[];
  readonly uk?: readonly string[];
  readonly insertOnly?: boolean;
  readonly completedWhen?: string | null;
  readonly first?: string | null;
  readonly gsys?: boolean;
  readonly fullCopy?: boolean;
}

function cfg(): Spec {
  return { kind: 'config', provider: 'cfg', roles: ['ICON_CFG'], pk: ['ID'], first: 'Created_TS' };
}
function dss(): Spec {
  return { kind: 'session', provider: null, roles: ALL_ROLES, pk: ['DSS_ID'], gsys: false };
}
function gcc(uk: readonly string[], extra: Partial<Spec> = {}): Spec {
  return { provider: 'gcc', roles: CORE_MM, pk: ['ID'], uk, ...extra };
}

const SPECS: Readonly<Record<keyof typeof COLUMNS, Spec>> = {
  G_DSS_CFG_PROVIDER: dss(),
  G_DSS_GCC_PROVIDER: dss(),
  G_DSS_GLS_PROVIDER: dss(),
  G_DSS_GUD_PROVIDER: dss(),
  G_DSS_GOS_PROVIDER: dss(),
  G_PROV_CONTROL: { ...dss(), pk: ['DomainID', 'PrimaryID', 'ProviderTag'] },
  GC_TENANT: cfg(),
  GC_SWITCH: cfg(),
  GC_AGENT: cfg(),
  GC_PLACE: cfg(),
  GC_GROUP: cfg(),
  GC_ENDPOINT: cfg(),
  GC_LOGIN: cfg(),
  GC_SKILL: cfg(),
  GC_TIME_ZONE: cfg(),
  GC_CAMPAIGN: cfg(),
  GC_CALLING_LIST: cfg(),
  GCX_GROUP_AGENT: cfg(),
  GCX_GROUP_ENDPOINT: cfg(),
  GCX_SKILL_LEVEL: cfg(),
  GCX_AGENT_PLACE: cfg(),
  GCX_LOGIN_INFO: cfg(),
  G_IR: gcc(['IRID'], { completedWhen: TERMINATED, first: 'Created_TS' }),
  G_IR_HISTORY: gcc(['IRID', 'ChangeType', 'Added_TS'], { pk: ['IRHID'], insertOnly: true }),
  G_CALL: gcc(['CallID'], { completedWhen: TERMINATED, first: 'Created_TS' }),
  G_CALL_HISTORY: gcc(['CallID', 'ChangeType', 'CSeq'], { pk: ['CHID'], insertOnly: true }),
  G_PARTY: gcc(['PartyID'], { completedWhen: TERMINATED, first: 'Created_TS' }),
  G_PARTY_HISTORY: gcc(['PartyID', 'PSeq'], { pk: ['PHID'], insertOnly: true }),
  G_VIRTUAL_QUEUE: gcc(['CallID', 'EndPointID', 'Added_TS'], {
    completedWhen: 'Terminated_TS IS NOT NULL AND Result <> 0',
  }),
  G_ROUTE_RESULT: gcc(['CallID', 'PartyID', 'Added_TS'], { insertOnly: true }),
  G_IS_LINK: gcc(['ISLinkID', 'LinkType'], { roles: ['ICON_CORE'], voiceOnly: true, insertOnly: true }),
  GSYS_DNPREMOTELOCATION: {
    provider: null,
    roles: ['ICON_CORE'],
    voiceOnly: true,
    pk: ['ID'],
    uk: ['RemoteLocation'],
    gsys: false,
    first: null,
    fullCopy: true,
  },
  G_USERDATA_HISTORY: { ...gcc(['CallID', 'CSeq', 'KeyName']), provider: 'gud', insertOnly: true },
  G_CALL_USERDATA: {
    ...gcc(['CALLID']),
    provider: 'gud',
    roles: ['ICON_CORE'],
    voiceOnly: true,
    first: null,
  },
  G_LOGIN_SESSION: {
    ...gcc(['LoginSessionID']),
    provider: 'gls',
    completedWhen: TERMINATED,
    first: 'Created_TS',
  },
  GX_SESSION_ENDPOINT: {
    ...gcc(['LoginSessionID', 'EndPointID', 'MediaType', 'Created_TS']),
    provider: 'gls',
    completedWhen: TERMINATED,
    first: 'Created_TS',
  },
  G_AGENT_STATE_HISTORY: {
    ...gcc(['LoginSessionID', 'EndPointID', 'MediaType', 'Seq']),
    provider: 'gls',
    insertOnly: true,
  },
  G_AGENT_STATE_RC: {
    ...gcc(['SessionID', 'EndPointID', 'MediaType', 'KeyName', 'Created_TS']),
    provider: 'gls',
    completedWhen: TERMINATED,
    first: 'Created_TS',
  },
  G_DND_HISTORY: {
    ...gcc(['LoginSessionID', 'EndPointID', 'MediaType', 'Added_TS']),
    provider: 'gls',
    insertOnly: true,
  },
  GO_CAMPAIGN: { ...gos(['SessID']), completedWhen: TERMINATED, first: 'Created_TS' },
  GO_CAMPAIGNHISTORY: { ...gos(['SessID', 'Added_TS', 'State']), insertOnly: true },
  GO_CHAIN: { ...gos(['ChainGUID']), completedWhen: TERMINATED, first: 'Created_TS' },
  GO_CHAINREC_HIST: { ...gos(['ChainGUID', 'RecordHandle', 'Added_TS', 'State']), insertOnly: true },
  GOX_CHAIN_CALL: { ...gos(['CallAttID', 'CallID']), insertOnly: true },
  GO_FIELDHIST: { ...gos(['ChainGUID', 'RecordHandle', 'FieldName', 'Added_TS']), insertOnly: true },
};

function gos(uk: readonly string[]): Spec {
  return { provider: 'gos', roles: ['ICON_OCS'], pk: ['ID'], uk };
}

function build(name: keyof typeof COLUMNS, s: Spec): IdbTable {
  const kind = s.kind ?? 'operational';
  const hasGsys = s.gsys ?? true;
  const own = COLUMNS[name];
  const columns = hasGsys ? [...own, ...GSYS_COLUMNS] : own;
  // Operational tables without an explicit first column start at Added (history rows).
  const first = s.first !== undefined ? s.first : 'Added_TS';
  return {
    name,
    kind,
    provider: s.provider,
    roles: s.roles,
    voiceOnly: s.voiceOnly ?? false,
    columns,
    primaryKey: s.pk,
    naturalKey: kind === 'session' ? [] : (s.uk ?? ['ID']),
    insertOnly: s.insertOnly ?? false,
    completedWhen: s.completedWhen ?? null,
    deletedWhen: kind === 'config' ? 'Status = 2 OR Deleted_TS IS NOT NULL' : null,
    firstTimeColumn: kind === 'session' ? null : first,
    hasGsys,
    extracted: kind !== 'session',
    fullCopy: s.fullCopy ?? false,
  };
}

/** Every IDB table of data-model section 2, in section order. */
export const idbTables: readonly IdbTable[] = Object.freeze(
  (Object.keys(SPECS) as (keyof typeof COLUMNS)[]).map((n) => build(n, SPECS[n])),
);

const BY_NAME = new Map(idbTables.map((t) => [t.name.toUpperCase(), t]));

export function getIdbTable(name: string): IdbTable {
  const t = BY_NAME.get(name.toUpperCase());
  if (!t) throw new Error(`unknown IDB table ${name}`);
  return t;
}

/** IDB tables an extraction role reads and copies to GIDB. */
export function idbTablesForRole(role: IdbRole): IdbTable[] {
  return idbTables.filter((t) => t.extracted && t.roles.includes(role));
}

/**
 * Name of the GIDB copy (data-model 4.1): configuration and outbound tables have no suffix
 * (family null), tables shared by voice and multimedia take the family of the DAP's role, voice-only
 * tables exist only as `_V`.
 */
export function gidbTableName(idbTable: string | IdbTable, family: GidbFamily | null): string {
  const t = typeof idbTable === 'string' ? getIdbTable(idbTable) : idbTable;
  if (!t.extracted) throw new Error(`${t.name} is read live and has no GIDB copy`);
  const shared = t.roles.includes('ICON_CORE');
  if (!shared) {
    if (family !== null) throw new Error(`${t.name} has one GIDB copy: pass family null`);
    return `GIDB_${t.name}`;
  }
  if (family === null) throw new Error(`${t.name} needs a family ('V' or 'MM')`);
  if (t.voiceOnly && family !== 'V') throw new Error(`${t.name} is voice only: no _MM copy`);
  return `GIDB_${t.name}_${family}`;
}

/** The family a DAP role fills; null for ICON_CFG and ICON_OCS. */
export function familyOfRole(role: IdbRole): GidbFamily | null {
  if (role === 'ICON_CORE') return 'V';
  if (role === 'ICON_MM') return 'MM';
  return null;
}

/**
 * Change marker expression of data-model 3.1 (column names unqualified, or qualified by alias).
 * The IDB extraction indexes are built on exactly this text, so queries must use it verbatim.
 */
export function changeMarkerSql(idbTable: string | IdbTable, alias?: string): string {
  const t = typeof idbTable === 'string' ? getIdbTable(idbTable) : idbTable;
  if (!t.hasGsys) throw new Error(`${t.name} has no GSYS columns, hence no change marker`);
  const p = alias ? `${alias}.` : '';
  return t.insertOnly ? `${p}GSYS_SEQ` : `GREATEST(${p}GSYS_SEQ, COALESCE(${p}GSYS_USEQ, 0))`;
}

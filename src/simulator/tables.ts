// The IDB tables the simulator writes (data-model.md 2.1–2.5), as it writes them: the data
// columns of a row object, its time columns (each written as the pair X timestamp + X_TS int),
// its provider and how its surrogate id is filled. Names are lower case, as PostgreSQL folds them.

export type Provider = 'cfg' | 'gcc' | 'gls' | 'gud' | 'gos';

export interface TableSpec {
  readonly name: string;
  /** null: not written by an ICON provider (no GSYS block, no change marker). */
  readonly provider: Provider | null;
  /** explicit: numeric id assigned by the writer; serial: left to the column default; none. */
  readonly idMode: 'explicit' | 'serial' | 'none';
  readonly idColumn: string;
  /** Data columns of the row object (no id, no time pairs, no GSYS block). */
  readonly columns: readonly string[];
  /** Base names of the time pairs; the row object holds `<name>_ts` (epoch s or null). */
  readonly times: readonly string[];
}

const CFG_TIMES = ['created', 'deleted'];
const CFG_COLS = ['state', 'status'];

function t(
  name: string,
  provider: Provider | null,
  idMode: TableSpec['idMode'],
  columns: readonly string[],
  times: readonly string[],
  idColumn = 'id',
): TableSpec {
  return { name, provider, idMode, idColumn, columns, times };
}

export const TABLES = {
  gc_tenant: t('gc_tenant', 'cfg', 'none', ['id', 'name', ...CFG_COLS], CFG_TIMES),
  gc_switch: t('gc_switch', 'cfg', 'none', ['id', 'tenantid', 'name', 'type', ...CFG_COLS], CFG_TIMES),
  gc_agent: t(
    'gc_agent',
    'cfg',
    'none',
    [
      'id',
      'tenantid',
      'folderid',
      'username',
      'firstname',
      'lastname',
      'employeeid',
      'email',
      'type',
      'placeid',
      ...CFG_COLS,
    ],
    CFG_TIMES,
  ),
  gc_place: t('gc_place', 'cfg', 'none', ['id', 'tenantid', 'folderid', 'name', ...CFG_COLS], CFG_TIMES),
  gc_group: t(
    'gc_group',
    'cfg',
    'none',
    ['id', 'tenantid', 'folderid', 'name', 'type', 'dngrouptype', 'script', ...CFG_COLS],
    CFG_TIMES,
  ),
  gc_endpoint: t(
    'gc_endpoint',
    'cfg',
    'none',
    ['id', 'dn', 'tenantid', 'switchid', 'type', 'name', 'association', ...CFG_COLS],
    CFG_TIMES,
  ),
  gc_login: t('gc_login', 'cfg', 'none', ['id', 'logincode', 'tenantid', 'switchid', ...CFG_COLS], CFG_TIMES),
  gc_skill: t('gc_skill', 'cfg', 'none', ['id', 'name', 'tenantid', ...CFG_COLS], CFG_TIMES),
  gc_time_zone: t(
    'gc_time_zone',
    'cfg',
    'none',
    ['id', 'tenantid', 'name', 'description', 'javaname', 'utcoffset', 'dstobserved', ...CFG_COLS],
    CFG_TIMES,
  ),
  gc_campaign: t('gc_campaign', 'cfg', 'none', ['id', 'tenantid', 'name', 'description', ...CFG_COLS], CFG_TIMES),
  gc_calling_list: t(
    'gc_calling_list',
    'cfg',
    'none',
    ['id', 'tenantid', 'name', 'description', 'tablename', 'timezoneid', ...CFG_COLS],
    CFG_TIMES,
  ),
  gcx_group_agent: t('gcx_group_agent', 'cfg', 'explicit', ['groupid', 'agentid', 'status'], CFG_TIMES),
  gcx_group_endpoint: t('gcx_group_endpoint', 'cfg', 'explicit', ['groupid', 'endpointid', 'status'], CFG_TIMES),
  gcx_skill_level: t('gcx_skill_level', 'cfg', 'explicit', ['agentid', 'skillid', 'slevel', 'status'], CFG_TIMES),
  gcx_agent_place: t('gcx_agent_place', 'cfg', 'explicit', ['placeid', 'agentid', 'status'], CFG_TIMES),
  gcx_login_info: t(
    'gcx_login_info',
    'cfg',
    'explicit',
    ['loginid', 'agentid', 'wrapuptime', 'status'],
    CFG_TIMES,
  ),

  g_ir: t(
    'g_ir',
    'gcc',
    'explicit',
    ['irid', 'state', 'parentirid', 'parentlinktype', 'rootcallid', 'mediatype'],
    ['created', 'terminated'],
  ),
  g_ir_history: t('g_ir_history', 'gcc', 'serial', ['irid', 'xseq', 'changetype', 'refid'], ['added'], 'irhid'),
  g_call: t(
    'g_call',
    'gcc',
    'serial',
    [
      'callid',
      'irid',
      'parentcallid',
      'mergecallid',
      'mergetype',
      'connid',
      'connidnum',
      'switchcallid',
      'calltype',
      'mediatype',
      'switchid',
      'tenantid',
      'state',
      'ccevent',
      'cceventcause',
      'ani',
      'dnis',
      'subject',
    ],
    ['created', 'terminated'],
  ),
  g_call_history: t('g_call_history', 'gcc', 'serial', ['callid', 'cseq', 'changetype', 'refid'], ['added'], 'chid'),
  g_party: t(
    'g_party',
    'gcc',
    'explicit',
    [
      'partyid',
      'partyguid',
      'callid',
      'type',
      'prole',
      'parentpartyid',
      'parentlinktype',
      'state',
      'prevstate',
      'endpointdn',
      'endpointid',
      'endpointtype',
      'agentid',
      'switchid',
      'tenantid',
      'ccevent',
      'cceventcause',
    ],
    ['created', 'terminated'],
  ),
  g_party_history: t(
    'g_party_history',
    'gcc',
    'serial',
    ['partyid', 'pseq', 'cseq', 'changetype', 'ccevent', 'cceventcause', 'callid', 'state', 'prevstate', 'endpointid'],
    ['added'],
    'phid',
  ),
  g_virtual_queue: t(
    'g_virtual_queue',
    'gcc',
    'serial',
    ['callid', 'partyid', 'irid', 'endpointid', 'tenantid', 'result', 'resultreason', 'targetdn', 'targetagentid'],
    ['added', 'terminated'],
  ),
  g_route_result: t(
    'g_route_result',
    'gcc',
    'serial',
    [
      'callid',
      'connid',
      'partyid',
      'irid',
      'endpointid',
      'rtargetruleselected',
      'rtargetobjectselected',
      'rtargetagentselected',
      'rtargettypeselected',
      'rstrategyname',
      'result',
    ],
    ['added'],
  ),
  g_is_link: t(
    'g_is_link',
    'gcc',
    'serial',
    ['islinkid', 'callid', 'partyid', 'switchid', 'linktype', 'remotelocation'],
    ['added'],
  ),
  gsys_dnpremotelocation: t('gsys_dnpremotelocation', null, 'serial', ['remotelocation'], []),
  g_userdata_history: t(
    'g_userdata_history',
    'gud',
    'serial',
    ['callid', 'partyid', 'endpointid', 'cseq', 'changetype', 'keyname', 'value'],
    ['added'],
  ),
  g_call_userdata: t(
    'g_call_userdata',
    'gud',
    'explicit',
    [
      'callid',
      'g_customer_segment',
      'g_service_type',
      'g_service_subtype',
      'g_business_result',
      'customer_id',
      'transaction_id',
      'cause_id',
      'account_id',
      'destination_id',
      'target_id',
    ],
    [],
  ),

  g_login_session: t(
    'g_login_session',
    'gls',
    'explicit',
    ['loginsessionid', 'agentid', 'loginid', 'placeid', 'state', 'primarydeviceid', 'switchid', 'tenantid'],
    ['created', 'terminated'],
  ),
  gx_session_endpoint: t(
    'gx_session_endpoint',
    'gls',
    'explicit',
    [
      'loginsessionid',
      'agentid',
      'endpointid',
      'endpointtype',
      'queueid',
      'queuetype',
      'placeid',
      'state',
      'mediatype',
      'tenantid',
    ],
    ['created', 'terminated'],
  ),
  g_agent_state_history: t(
    'g_agent_state_history',
    'gls',
    'explicit',
    [
      'loginsessionid',
      'loginid',
      'type',
      'state',
      'pendingstate',
      'seq',
      'agentid',
      'endpointid',
      'queueid',
      'mediatype',
      'workmode',
      'prevstate',
    ],
    ['added'],
  ),
  g_agent_state_rc: t(
    'g_agent_state_rc',
    'gls',
    'explicit',
    ['sessionid', 'endpointid', 'queueid', 'agentstate', 'workmode', 'hwflag', 'keyname', 'agentid', 'mediatype', 'value'],
    ['created', 'terminated'],
  ),
  g_dnd_history: t(
    'g_dnd_history',
    'gls',
    'explicit',
    ['loginsessionid', 'agentstate', 'endpointid', 'agentid', 'mediatype', 'dndstate'],
    ['added'],
  ),

  go_campaign: t(
    'go_campaign',
    'gos',
    'serial',
    ['sessid', 'campaignid', 'groupid', 'tenantid', 'dialmode', 'state'],
    ['created', 'terminated'],
  ),
  go_campaignhistory: t(
    'go_campaignhistory',
    'gos',
    'serial',
    ['sessid', 'campaignid', 'groupid', 'state', 'prevstate', 'dialmode'],
    ['added'],
  ),
  go_chain: t(
    'go_chain',
    'gos',
    'serial',
    ['chainguid', 'parentguid', 'sessid', 'campaignid', 'groupid', 'callinglistid', 'chainid', 'state'],
    ['created', 'terminated'],
  ),
  go_chainrec_hist: t(
    'go_chainrec_hist',
    'gos',
    'serial',
    [
      'chainguid',
      'recordhandle',
      'state',
      'prevstate',
      'callattid',
      'chainn',
      'attemptnumber',
      'callresult',
      'recordtype',
      'recordstatus',
      'contactinfo',
      'contactinfotype',
      'timezoneid',
      'dailyfrom',
      'dailytill',
      'attemptcause',
      'attemptcauseby',
    ],
    ['prevsenter', 'added'],
  ),
  gox_chain_call: t('gox_chain_call', 'gos', 'serial', ['callid', 'chainguid', 'callattid'], ['added']),
  go_fieldhist: t(
    'go_fieldhist',
    'gos',
    'serial',
    ['chainguid', 'recordhandle', 'callattid', 'fieldname', 'fieldvalue'],
    ['added'],
  ),
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The data-source-session table of each provider. */
export const DSS_TABLES: Readonly<Record<Provider, string>> = {
  cfg: 'g_dss_cfg_provider',
  gcc: 'g_dss_gcc_provider',
  gls: 'g_dss_gls_provider',
  gud: 'g_dss_gud_provider',
  gos: 'g_dss_gos_provider',
};

export const PROVIDERS: readonly Provider[] = ['cfg', 'gcc', 'gls', 'gud', 'gos'];

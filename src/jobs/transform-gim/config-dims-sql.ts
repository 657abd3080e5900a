// Set-based SQL of the configuration dimensions (data-model 4.4, 5.13). Every statement reads the
// changed rows of its GIDB table ($1 < UPDATE_AUDIT_KEY <= $2) plus the rows that referenced a
// configuration object created in this commit (STG_TF_NEW_CFG), and writes with audit key $3.
// Dimension rows are updated in place only when a value differs.

/** Key of a referenced configuration object: NULL/0 -> -2 NONE, not (yet) known -> -1 UNKNOWN. */
export function unsafeRefKey(dim: string, keyCol: string, dbidCol: string, ref: string, extra = ''): string {
  return `(CASE WHEN ${ref} IS NULL OR ${ref} = 0 THEN -2 ELSE COALESCE(
    (SELECT d.${keyCol} FROM ${dim} d WHERE d.${dbidCol} = ${ref}${extra}), -1) END)`;
}

const CHANGED = `x.update_audit_key > $1 AND x.update_audit_key <= $2`;
const newCfg = (type: string, col: string): string =>
  `x.${col} IN (SELECT cfg_dbid FROM stg_tf_new_cfg WHERE cfg_type = '${type}')`;
const tenantKey = unsafeRefKey('tenant', 'tenant_key', 'tenant_cfg_dbid', 'x.tenantid');

/** Objects whose dimension row does not exist yet: (cfg type, GIDB table, dimension test). */
export const NEW_CFG_SOURCES: readonly (readonly [string, string, string])[] = [
  ['TENANT', 'gidb_gc_tenant', `SELECT 1 FROM tenant d WHERE d.tenant_cfg_dbid = x.id`],
  [
    'AGENT',
    'gidb_gc_agent',
    `SELECT 1 FROM resource_ d WHERE d.resource_cfg_type_id = 3 AND d.resource_cfg_dbid = x.id`,
  ],
  [
    'DN',
    'gidb_gc_endpoint',
    `SELECT 1 FROM resource_ d WHERE d.resource_cfg_type_id = 2 AND d.resource_cfg_dbid = x.id`,
  ],
  ['GROUP', 'gidb_gc_group', `SELECT 1 FROM group_ d WHERE d.group_cfg_dbid = x.id`],
  ['PLACE', 'gidb_gc_place', `SELECT 1 FROM place d WHERE d.place_cfg_dbid = x.id`],
  ['TIME_ZONE', 'gidb_gc_time_zone', `SELECT 1 FROM time_zone d WHERE d.time_zone_cfg_dbid = x.id`],
  ['CAMPAIGN', 'gidb_gc_campaign', `SELECT 1 FROM campaign d WHERE d.campaign_cfg_dbid = x.id`],
  [
    'CALLING_LIST',
    'gidb_gc_calling_list',
    `SELECT 1 FROM calling_list d WHERE d.calling_list_cfg_dbid = x.id`,
  ],
];

export function newCfgSql(type: string, table: string, exists: string): string {
  return `INSERT INTO stg_tf_new_cfg (cfg_type, cfg_dbid)
          SELECT DISTINCT '${type}', x.id FROM ${table} x WHERE ${CHANGED} AND NOT EXISTS (${exists})
          ON CONFLICT DO NOTHING`;
}

export interface DimStatement {
  /** The GIDB table whose mark gives $1/$2. */
  readonly source: string;
  readonly sql: string;
}

const upd = (cols: readonly string[], target: string): string =>
  `${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, update_audit_key = excluded.update_audit_key
   WHERE (${cols.map((c) => `${target}.${c}`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `excluded.${c}`).join(', ')})`;

const RES_COLS = [
  'tenant_key',
  'switch_name',
  'resource_type',
  'resource_type_code',
  'resource_subtype',
  'resource_name',
  'agent_first_name',
  'agent_last_name',
  'employee_id',
  'start_ts',
  'end_ts',
];

const ENDPOINT_TYPE = `(CASE x.type
    WHEN 3 THEN 'Queue|QUEUE|ACDQueue' WHEN 5 THEN 'Queue|QUEUE|VirtualQueue'
    WHEN 20 THEN 'Queue|QUEUE|InteractionQueue' WHEN 21 THEN 'Queue|QUEUE|Workbin'
    WHEN 4 THEN 'RoutingPoint|ROUTINGPOINT|RoutingPoint'
    WHEN 6 THEN 'RoutingPoint|ROUTINGPOINT|VirtualRoutingPoint'
    WHEN 9 THEN 'IVRPort|IVRPORT|IVRPort' ELSE 'DN|DN|Extension' END)`;

/** In dependency order: tenants and time zones before what references them. */
export const DIM_STATEMENTS: readonly DimStatement[] = [
  {
    source: 'gidb_gc_tenant',
    sql: `INSERT INTO tenant (tenant_name, tenant_cfg_dbid, start_ts, end_ts, create_audit_key, update_audit_key)
          SELECT x.name, x.id, x.created_ts, x.deleted_ts, $3, $3 FROM gidb_gc_tenant x WHERE ${CHANGED}
          ON CONFLICT (tenant_cfg_dbid) DO UPDATE SET ${upd(['tenant_name', 'start_ts', 'end_ts'], 'tenant')}`,
  },
  {
    source: 'gidb_gc_time_zone',
    sql: `INSERT INTO time_zone (tenant_key, time_zone_name, description, java_name, utc_offset_min, dst_observed,
            time_zone_cfg_dbid, create_audit_key, update_audit_key)
          SELECT ${tenantKey}, x.name, x.description, x.javaname, x.utcoffset, x.dstobserved, x.id, $3, $3
            FROM gidb_gc_time_zone x WHERE ${CHANGED} OR ${newCfg('TENANT', 'tenantid')}
          ON CONFLICT (time_zone_cfg_dbid) DO UPDATE SET ${upd(
            ['tenant_key', 'time_zone_name', 'description', 'java_name', 'utc_offset_min', 'dst_observed'],
            'time_zone',
          )}`,
  },
  {
    source: 'gidb_gc_agent',
    sql: `INSERT INTO resource_ (${RES_COLS.join(', ')}, resource_cfg_dbid, resource_cfg_type_id, purge_flag,
            create_audit_key, update_audit_key)
          SELECT ${tenantKey}, NULL, 'Agent', 'AGENT', 'Agent', x.username, x.firstname, x.lastname, x.employeeid,
                 x.created_ts, x.deleted_ts, x.id, 3, 0, $3, $3
            FROM gidb_gc_agent x WHERE ${CHANGED} OR ${newCfg('TENANT', 'tenantid')}
          ON CONFLICT (resource_cfg_type_id, resource_cfg_dbid) DO UPDATE SET ${upd(RES_COLS, 'resource_')}`,
  },
  {
    source: 'gidb_gc_endpoint',
    sql: `INSERT INTO resource_ (${RES_COLS.join(', ')}, resource_cfg_dbid, resource_cfg_type_id, purge_flag,
            create_audit_key, update_audit_key)
          SELECT ${tenantKey}, (SELECT s.name FROM gidb_gc_switch s WHERE s.id = x.switchid),
                 split_part(t.v, '|', 1), split_part(t.v, '|', 2), split_part(t.v, '|', 3), x.dn,
                 NULL, NULL, NULL, x.created_ts, x.deleted_ts, x.id, 2, 0, $3, $3
            FROM gidb_gc_endpoint x CROSS JOIN LATERAL (SELECT ${ENDPOINT_TYPE} AS v) t
           WHERE ${CHANGED} OR ${newCfg('TENANT', 'tenantid')}
              OR x.switchid IN (SELECT s.id FROM gidb_gc_switch s WHERE s.update_audit_key > $4 AND s.update_audit_key <= $5)
          ON CONFLICT (resource_cfg_type_id, resource_cfg_dbid) DO UPDATE SET ${upd(RES_COLS, 'resource_')}`,
  },
  {
    source: 'gidb_gc_group',
    sql: `INSERT INTO group_ (tenant_key, group_name, group_type, group_type_code, group_cfg_dbid, start_ts, end_ts,
            purge_flag, create_audit_key, update_audit_key)
          SELECT ${tenantKey}, x.name,
                 CASE x.type WHEN 1 THEN 'Agent' WHEN 2 THEN 'Place' WHEN 3 THEN 'Queue' ELSE 'Unknown' END,
                 CASE x.type WHEN 1 THEN 'AGENT' WHEN 2 THEN 'PLACE' WHEN 3 THEN 'QUEUE' ELSE 'UNKNOWN' END,
                 x.id, x.created_ts, x.deleted_ts, 0, $3, $3
            FROM gidb_gc_group x WHERE ${CHANGED} OR ${newCfg('TENANT', 'tenantid')}
          ON CONFLICT (group_cfg_dbid) DO UPDATE SET ${upd(
            ['tenant_key', 'group_name', 'group_type', 'group_type_code', 'start_ts', 'end_ts'],
            'group_',
          )}`,
  },
  {
    source: 'gidb_gc_place',
    sql: `INSERT INTO place (tenant_key, place_name, place_cfg_dbid, start_ts, end_ts, purge_flag,
            create_audit_key, update_audit_key)
          SELECT ${tenantKey}, x.name, x.id, x.created_ts, x.deleted_ts, 0, $3, $3
            FROM gidb_gc_place x WHERE ${CHANGED} OR ${newCfg('TENANT', 'tenantid')}
          ON CONFLICT (place_cfg_dbid) DO UPDATE SET ${upd(['tenant_key', 'place_name', 'start_ts', 'end_ts'], 'place')}`,
  },
  {
    source: 'gidb_gc_campaign',
    sql: `INSERT INTO campaign (tenant_key, campaign_name, campaign_description, campaign_cfg_dbid, start_ts, end_ts,
            create_audit_key, update_audit_key)
          SELECT ${tenantKey}, x.name, x.description, x.id, x.created_ts, x.deleted_ts, $3, $3
            FROM gidb_gc_campaign x WHERE ${CHANGED} OR ${newCfg('TENANT', 'tenantid')}
          ON CONFLICT (campaign_cfg_dbid) DO UPDATE SET ${upd(
            ['tenant_key', 'campaign_name', 'campaign_description', 'start_ts', 'end_ts'],
            'campaign',
          )}`,
  },
  {
    source: 'gidb_gc_calling_list',
    sql: `INSERT INTO calling_list (tenant_key, calling_list_name, calling_list_description, time_zone_key,
            calling_list_cfg_dbid, start_ts, end_ts, create_audit_key, update_audit_key)
          SELECT ${tenantKey}, x.name, x.description,
                 ${unsafeRefKey('time_zone', 'time_zone_key', 'time_zone_cfg_dbid', 'x.timezoneid')},
                 x.id, x.created_ts, x.deleted_ts, $3, $3
            FROM gidb_gc_calling_list x
           WHERE ${CHANGED} OR ${newCfg('TENANT', 'tenantid')} OR ${newCfg('TIME_ZONE', 'timezoneid')}
          ON CONFLICT (calling_list_cfg_dbid) DO UPDATE SET ${upd(
            [
              'tenant_key',
              'calling_list_name',
              'calling_list_description',
              'time_zone_key',
              'start_ts',
              'end_ts',
            ],
            'calling_list',
          )}`,
  },
  resourceGroupFact('gidb_gcx_group_agent', 'GCX_GROUP_AGENT', 'agentid', 3, 'AGENT'),
  resourceGroupFact('gidb_gcx_group_endpoint', 'GCX_GROUP_ENDPOINT', 'endpointid', 2, 'DN'),
];

function resourceGroupFact(
  table: string,
  label: string,
  col: string,
  cfgType: number,
  newType: string,
): DimStatement {
  const res = unsafeRefKey(
    'resource_',
    'resource_key',
    'resource_cfg_dbid',
    `x.${col}`,
    ` AND d.resource_cfg_type_id = ${cfgType}`,
  );
  const grp = unsafeRefKey('group_', 'group_key', 'group_cfg_dbid', 'x.groupid');
  const cols = [
    'tenant_key',
    'resource_key',
    'group_key',
    'active_flag',
    'start_date_time_key',
    'end_date_time_key',
    'start_ts',
    'end_ts',
  ];
  return {
    source: table,
    sql: `INSERT INTO resource_group_fact_ (${cols.join(', ')}, source_table, source_id, create_audit_key, update_audit_key)
          SELECT (SELECT g.tenant_key FROM group_ g WHERE g.group_cfg_dbid = x.groupid), ${res}, ${grp},
                 CASE WHEN x.deleted_ts IS NULL THEN 1 ELSE 0 END,
                 x.created_ts / 900 * 900, COALESCE(x.deleted_ts / 900 * 900, 2147482800), x.created_ts, x.deleted_ts,
                 '${label}', x.id, $3, $3
            FROM ${table} x
           WHERE ${CHANGED} OR ${newCfg(newType, col)} OR ${newCfg('GROUP', 'groupid')}
          ON CONFLICT (source_table, source_id) DO UPDATE SET ${upd(cols, 'resource_group_fact_')}`,
  };
}

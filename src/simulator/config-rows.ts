// Writes the center's configuration to the GC_* / GCX_* tables, with its history: objects
// created before the period, agents hired and removed during it, renamed, re-skilled.
import type { AgentCfg, Center, EndpointCfg } from './center.ts';
import { AGENT_TYPE, CFG_STATE, CFG_STATUS, GROUP_TYPE } from './codes.ts';
import type { Rng } from './rng.ts';
import type { RowLog, RowValues, SimRow } from './row-log.ts';
import type { TableName } from './tables.ts';

const ALL_SITES = -1;

interface Life {
  readonly created: number;
  readonly deleted: number | null;
}

function cfgRow(log: RowLog, table: TableName, values: RowValues, life: Life): SimRow {
  const row = log.insert(
    table,
    {
      ...values,
      state: CFG_STATE.enabled,
      status: CFG_STATUS.active,
      created_ts: life.created,
      deleted_ts: null,
    },
    life.created,
    { site: ALL_SITES },
  );
  return row;
}

function deleteAt(log: RowLog, row: SimRow, ts: number | null): void {
  if (ts !== null) log.update(row, { status: CFG_STATUS.deleted, deleted_ts: ts }, ts);
}

function endpointRow(log: RowLog, center: Center, e: EndpointCfg, created: number): SimRow {
  return cfgRow(
    log,
    'gc_endpoint',
    {
      id: e.id,
      dn: e.dn,
      tenantid: center.tenantId,
      switchid: e.switchId,
      type: e.type,
      name: e.name,
      association: null,
    },
    { created, deleted: null },
  );
}

function agentRows(log: RowLog, center: Center, a: AgentCfg, rng: Rng): void {
  const life = { created: a.createdTs, deleted: a.deletedTs };
  const tenantid = center.tenantId;
  deleteAt(
    log,
    cfgRow(log, 'gc_place', { id: a.placeId, tenantid, folderid: 1, name: `Place_${a.placeId}` }, life),
    a.deletedTs,
  );
  if (a.kind === 'voice') {
    const dn = endpointRow(
      log,
      center,
      { id: a.dnId, dn: a.dn, name: a.dn, type: 1, site: a.site, switchId: a.switchId },
      a.createdTs,
    );
    deleteAt(log, dn, a.deletedTs);
    const login = cfgRow(
      log,
      'gc_login',
      { id: a.loginId, logincode: `L${a.loginId}`, tenantid, switchid: a.switchId },
      life,
    );
    deleteAt(log, login, a.deletedTs);
  }
  const person = cfgRow(
    log,
    'gc_agent',
    {
      id: a.id,
      tenantid,
      folderid: 1,
      username: a.userName,
      firstname: a.firstName,
      lastname: a.lastName,
      employeeid: `E${a.id}`,
      email: `${a.userName}@acme.example`,
      type: AGENT_TYPE.agent,
      placeid: a.placeId,
    },
    { created: a.createdTs, deleted: a.deletedTs },
  );
  const renameFirst =
    a.rename !== null && a.rename.ts > a.createdTs && (a.deletedTs === null || a.rename.ts < a.deletedTs);
  if (a.rename && renameFirst) log.update(person, { lastname: a.rename.lastName }, a.rename.ts);
  deleteAt(log, person, a.deletedTs);
  const assoc = (table: TableName, values: RowValues, created = a.createdTs, deleted = a.deletedTs): void => {
    deleteAt(log, cfgRow(log, table, values, { created, deleted }), deleted);
  };
  for (const groupid of a.groupIds) assoc('gcx_group_agent', { groupid, agentid: a.id });
  assoc('gcx_agent_place', { placeid: a.placeId, agentid: a.id });
  if (a.kind === 'voice')
    assoc('gcx_login_info', { loginid: a.loginId, agentid: a.id, wrapuptime: a.wrapupTime });
  for (const skillid of a.skillIds) {
    // Some skill levels are re-rated during the period: the old association ends, a new one starts.
    const change =
      a.deletedTs === null && rng.chance(0.15)
        ? Math.max(a.createdTs + 60, rng.int(center.from, center.until - 1))
        : null;
    assoc('gcx_skill_level', { agentid: a.id, skillid, slevel: rng.int(1, 10) }, a.createdTs, change);
    if (change !== null)
      assoc('gcx_skill_level', { agentid: a.id, skillid, slevel: rng.int(1, 10) }, change, null);
  }
}

export function writeCenterConfig(log: RowLog, center: Center, rng: Rng): void {
  const t0 = center.configEpoch - 335 * 86400;
  const base = { created: t0, deleted: null };
  const tenantid = center.tenantId;
  cfgRow(log, 'gc_tenant', { id: tenantid, name: center.tenantName }, base);
  for (const s of center.sites) {
    cfgRow(log, 'gc_switch', { id: s.switchId, tenantid, name: s.switchName, type: 1 }, base);
  }
  for (const tz of center.timeZones) {
    cfgRow(
      log,
      'gc_time_zone',
      {
        id: tz.id,
        tenantid,
        name: tz.name,
        description: tz.javaName,
        javaname: tz.javaName,
        utcoffset: tz.utcOffset,
        dstobserved: tz.dst,
      },
      base,
    );
  }
  for (const sk of center.skills) cfgRow(log, 'gc_skill', { id: sk.id, name: sk.name, tenantid }, base);
  for (const s of center.sites) {
    for (const e of [s.rp, s.vq, s.acdQueue]) endpointRow(log, center, e, center.configEpoch);
  }
  endpointRow(log, center, center.interactionQueue, center.configEpoch);
  endpointRow(log, center, center.workbin, center.configEpoch);
  for (const g of center.groups) {
    cfgRow(
      log,
      'gc_group',
      {
        id: g.id,
        tenantid,
        folderid: 2,
        name: g.name,
        type: g.type === 3 ? GROUP_TYPE.dn : GROUP_TYPE.agent,
        dngrouptype: g.type === 3 ? 1 : 0,
        script: null,
      },
      { created: center.configEpoch, deleted: null },
    );
    if (g.type === 3) {
      for (const endpointid of g.memberIds) {
        cfgRow(
          log,
          'gcx_group_endpoint',
          { groupid: g.id, endpointid },
          { created: center.configEpoch, deleted: null },
        );
      }
    }
  }
  for (const c of center.campaigns) {
    cfgRow(
      log,
      'gc_campaign',
      { id: c.id, tenantid, name: c.name, description: `${c.name} campaign` },
      { created: center.configEpoch, deleted: null },
    );
    cfgRow(
      log,
      'gc_calling_list',
      {
        id: c.callingListId,
        tenantid,
        name: c.callingListName,
        description: `Contacts for ${c.name}`,
        tablename: `cl_${c.name.toLowerCase()}`,
        timezoneid: c.timeZoneId,
      },
      { created: center.configEpoch, deleted: null },
    );
  }
  for (const a of center.agents) agentRows(log, center, a, rng);
}

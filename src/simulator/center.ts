// The contact center being simulated: one tenant, a switch per site, agents with places, DNs,
// logins, groups and skills, routing points, virtual and ACD queues, interaction queues and
// workbins, time zones, campaigns and calling lists. Pure: the same options and seed give the
// same center; config-rows.ts writes it (with its history) to the GC_*/GCX_* tables.
import type { Rng } from './rng.ts';

export type AgentKind = 'voice' | 'mm';

export interface AgentCfg {
  readonly id: number;
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly kind: AgentKind;
  readonly site: number;
  readonly switchId: number;
  readonly placeId: number;
  /** The agent's extension (voice agents); 0 for multimedia agents. */
  readonly dnId: number;
  readonly dn: string;
  readonly loginId: number;
  readonly groupIds: readonly number[];
  readonly skillIds: readonly number[];
  readonly wrapupTime: number;
  /** Exists in the configuration from … until (null = not deleted in the simulated period). */
  readonly createdTs: number;
  readonly deletedTs: number | null;
  /** Last name changes to this value at this instant (a configuration update), if any. */
  readonly rename: { readonly ts: number; readonly lastName: string } | null;
}

export interface EndpointCfg {
  readonly id: number;
  readonly dn: string;
  readonly name: string;
  /** GC_ENDPOINT.Type (code book 2.6). */
  readonly type: number;
  readonly site: number;
  readonly switchId: number;
}

export interface GroupCfg {
  readonly id: number;
  readonly name: string;
  readonly type: 1 | 3;
  readonly memberIds: readonly number[];
}

export interface CampaignCfg {
  readonly id: number;
  readonly name: string;
  readonly groupId: number;
  readonly callingListId: number;
  readonly callingListName: string;
  readonly timeZoneId: number;
  readonly dialMode: number;
}

export interface TimeZoneCfg {
  readonly id: number;
  readonly name: string;
  readonly javaName: string;
  readonly utcOffset: number;
  readonly dst: number;
}

export interface SiteCfg {
  readonly index: number;
  readonly switchId: number;
  readonly switchName: string;
  readonly rp: EndpointCfg;
  readonly vq: EndpointCfg;
  readonly acdQueue: EndpointCfg;
  /** The name the other site's ISCC links use for this one. */
  readonly location: string;
}

export interface Center {
  readonly tenantId: number;
  readonly tenantName: string;
  readonly configEpoch: number;
  /** The simulated period [from, until). */
  readonly from: number;
  readonly until: number;
  readonly sites: readonly SiteCfg[];
  readonly agents: readonly AgentCfg[];
  readonly interactionQueue: EndpointCfg;
  readonly workbin: EndpointCfg;
  readonly groups: readonly GroupCfg[];
  readonly skills: readonly { readonly id: number; readonly name: string }[];
  readonly timeZones: readonly TimeZoneCfg[];
  readonly campaigns: readonly CampaignCfg[];
  /** Remote sites no monitored IDB records (GSYS_DNPREMOTELOCATION). */
  readonly unmonitoredLocation: string;
}

export interface CenterOptions {
  /** Start of the simulated period (UTC epoch s). */
  readonly from: number;
  readonly days: number;
  /** Voice agents per site. */
  readonly voiceAgents: readonly number[];
  readonly mmAgents: number;
  /** 1, or 2 when calls cross into a second monitored site. */
  readonly sites: number;
}

const FIRST = [
  'Ann',
  'Ben',
  'Carla',
  'Dev',
  'Eva',
  'Farid',
  'Gina',
  'Hugo',
  'Iris',
  'Jon',
  'Kim',
  'Luis',
  'Mia',
  'Noor',
];
const LAST = [
  'Smith',
  'Doe',
  'Garcia',
  'Khan',
  'Novak',
  'Okafor',
  'Rossi',
  'Tanaka',
  'Weber',
  'Silva',
  'Berg',
  'Lund',
];
const SKILLS = ['English', 'Spanish', 'Billing', 'Technical', 'Sales'];
const TEAMS = ['Sales', 'Support', 'Billing', 'Retention'];
const DAY = 86400;
/** 2020-01-01: when the simulated center's base configuration was created. */
const CONFIG_EPOCH = 1577836800;

export const CENTER_IDS = {
  tenant: 101,
  switchBase: 200,
  agentBase: 50000,
  placeBase: 60000,
  dnBase: 70000,
  loginBase: 80000,
  groupBase: 8000,
  skillBase: 9000,
  tzBase: 11000,
  campaignBase: 12000,
  listBase: 13000,
} as const;

function endpoint(id: number, dn: string, name: string, type: number, site: SiteCfgSeed): EndpointCfg {
  return { id, dn, name, type, site: site.index, switchId: site.switchId };
}

interface SiteCfgSeed {
  readonly index: number;
  readonly switchId: number;
}

export function makeCenter(opts: CenterOptions, rng: Rng): Center {
  // The base configuration does not depend on the period, so later runs (another period, or live
  // mode after a bulk history) find the same objects already in the IDB.
  const configEpoch = Math.min(CONFIG_EPOCH, opts.from - 30 * DAY);
  const periodEnd = opts.from + opts.days * DAY;
  const sites: SiteCfg[] = [];
  for (let s = 0; s < opts.sites; s++) {
    const seed = { index: s, switchId: CENTER_IDS.switchBase + s + 1 };
    const tag = String.fromCharCode(65 + s);
    sites.push({
      index: s,
      switchId: seed.switchId,
      switchName: `SIP_Switch_${tag}`,
      rp: endpoint(4001 + s * 10, `${4000 + s * 10}`, `RP_Inbound_${tag}`, 4, seed),
      vq: endpoint(3101 + s * 10, `VQ_Main_${tag}`, `VQ_Main_${tag}`, 5, seed),
      acdQueue: endpoint(3001 + s * 10, `${3000 + s * 10}`, `ACD_Queue_${tag}`, 3, seed),
      location: `Site_${tag}`,
    });
  }
  const site0 = { index: 0, switchId: CENTER_IDS.switchBase + 1 };
  const teamGroups = TEAMS.map((name, i) => ({ id: CENTER_IDS.groupBase + 1 + i, name }));
  const mmGroupId = CENTER_IDS.groupBase + 10;
  const outboundGroupId = CENTER_IDS.groupBase + 11;
  const agents: AgentCfg[] = [];
  const voiceSites = opts.voiceAgents.flatMap((n, site) => Array.from({ length: n }, () => site));
  const total = voiceSites.length + opts.mmAgents;
  for (let i = 0; i < total; i++) {
    const kind: AgentKind = i < voiceSites.length ? 'voice' : 'mm';
    const site = voiceSites[i] ?? 0;
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const id = CENTER_IDS.agentBase + i + 1;
    const team = teamGroups[i % teamGroups.length]!;
    const groupIds = kind === 'mm' ? [mmGroupId] : i % 5 === 0 ? [team.id, outboundGroupId] : [team.id];
    // A few agents join or leave during the period, one is renamed, so configuration history
    // has creations, updates and deletions whatever the period's length.
    const joins = i % 17 === 16;
    const leaves = !joins && i % 19 === 18;
    const createdTs = joins
      ? opts.from + rng.int(0, opts.days - 1) * DAY + 6 * 3600
      : configEpoch + rng.int(0, 20) * DAY;
    const deletedTs = leaves ? opts.from + rng.int(0, opts.days - 1) * DAY + 23 * 3600 + 1800 : null;
    const rename =
      i % 53 === 52 || i === 2
        ? { ts: opts.from + rng.int(0, periodEnd - opts.from - 1), lastName: rng.pick(LAST) }
        : null;
    agents.push({
      id,
      userName: `${first.toLowerCase()}.${last.toLowerCase()}${i + 1}`,
      firstName: first,
      lastName: last,
      kind,
      site,
      switchId: CENTER_IDS.switchBase + site + 1,
      placeId: CENTER_IDS.placeBase + i + 1,
      dnId: kind === 'voice' ? CENTER_IDS.dnBase + i + 1 : 0,
      dn: kind === 'voice' ? String(CENTER_IDS.dnBase + i + 1) : '',
      loginId: CENTER_IDS.loginBase + i + 1,
      groupIds,
      skillIds: [
        CENTER_IDS.skillBase + 1 + (i % SKILLS.length),
        CENTER_IDS.skillBase + 1 + ((i + 2) % SKILLS.length),
      ],
      wrapupTime: rng.pick([0, 30, 60]),
      createdTs,
      deletedTs: deletedTs !== null && deletedTs > createdTs ? deletedTs : null,
      rename,
    });
  }
  const groups: GroupCfg[] = [
    ...teamGroups.map((g) => ({
      id: g.id,
      name: g.name,
      type: 1 as const,
      memberIds: agents.filter((a) => a.groupIds.includes(g.id)).map((a) => a.id),
    })),
    {
      id: mmGroupId,
      name: 'Digital',
      type: 1,
      memberIds: agents.filter((a) => a.kind === 'mm').map((a) => a.id),
    },
    {
      id: outboundGroupId,
      name: 'Outbound',
      type: 1,
      memberIds: agents.filter((a) => a.groupIds.includes(outboundGroupId)).map((a) => a.id),
    },
    {
      id: CENTER_IDS.groupBase + 20,
      name: 'Inbound Queues',
      type: 3,
      memberIds: sites.flatMap((s) => [s.vq.id, s.acdQueue.id]),
    },
  ];
  const timeZones: TimeZoneCfg[] = [
    { id: CENTER_IDS.tzBase + 1, name: 'ECT', javaName: 'Europe/Paris', utcOffset: 60, dst: 1 },
    { id: CENTER_IDS.tzBase + 2, name: 'EST', javaName: 'America/New_York', utcOffset: -300, dst: 1 },
    { id: CENTER_IDS.tzBase + 3, name: 'GMT', javaName: 'Etc/UTC', utcOffset: 0, dst: 0 },
  ];
  const campaigns: CampaignCfg[] = [
    { name: 'Renewals', dialMode: 1 },
    { name: 'Winback', dialMode: 2 },
  ].map((c, i) => ({
    id: CENTER_IDS.campaignBase + i + 1,
    name: c.name,
    groupId: outboundGroupId,
    callingListId: CENTER_IDS.listBase + i + 1,
    callingListName: `${c.name}_List`,
    timeZoneId: timeZones[i % timeZones.length]!.id,
    dialMode: c.dialMode,
  }));
  return {
    tenantId: CENTER_IDS.tenant,
    tenantName: 'Acme',
    configEpoch,
    from: opts.from,
    until: periodEnd,
    sites,
    agents,
    interactionQueue: endpoint(3201, 'IQ_Inbound', 'IQ_Inbound', 20, site0),
    workbin: endpoint(3301, 'WB_Personal', 'WB_Personal', 21, site0),
    groups,
    skills: SKILLS.map((name, i) => ({ id: CENTER_IDS.skillBase + 1 + i, name })),
    timeZones,
    campaigns,
    unmonitoredLocation: 'Site_Z',
  };
}

/** True when the agent exists in the configuration over the whole interval. */
export function agentExists(a: AgentCfg, from: number, to: number): boolean {
  return a.createdTs <= from && (a.deletedTs === null || to < a.deletedTs);
}

// Deterministic, varied fact rows for aggregation tests and the benchmark: interactions with agent
// and mediation IRFs, MSFs, IRF state segments, user data, contact attempts; agent sessions with
// states and reasons; group memberships. Every measure of data-model 6.2 gets exercised, with
// excluded rows (active, discarded) mixed in.
import type { Row } from './fixtures.ts';
import { IRF_MEASURES, irfRow, se } from './fixtures.ts';

export const AGENTS = [101, 102, 103, 104, 105, 106];
export const QUEUES = [201, 202, 203];
export const ACD_QUEUE = 203;
export const AGENT_GROUPS = [401, 402];
export const QUEUE_GROUP = 403;

export interface GeneratedFacts {
  readonly INTERACTION_FACT: Row[];
  readonly INTERACTION_RESOURCE_FACT: Row[];
  readonly MEDIATION_SEGMENT_FACT: Row[];
  readonly IXN_RESOURCE_STATE_FACT: Row[];
  readonly IRF_USER_DATA_GEN_1: Row[];
  readonly CONTACT_ATTEMPT_FACT: Row[];
  readonly SM_RES_SESSION_FACT: Row[];
  readonly SM_RES_STATE_FACT: Row[];
  readonly SM_RES_STATE_REASON_FACT: Row[];
}

export const FACT_TABLES = [
  'INTERACTION_FACT',
  'INTERACTION_RESOURCE_FACT',
  'MEDIATION_SEGMENT_FACT',
  'IXN_RESOURCE_STATE_FACT',
  'IRF_USER_DATA_GEN_1',
  'CONTACT_ATTEMPT_FACT',
  'SM_RES_SESSION_FACT',
  'SM_RES_STATE_FACT',
  'SM_RES_STATE_REASON_FACT',
] as const;

export function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dimension rows the facts refer to (resources, groups, memberships). */
export function dimensionRows(
  rangeStart: number,
  rangeEnd: number,
): { resources: Row[]; groups: Row[]; memberships: Row[] } {
  const res = (key: number, code: string): Row => ({
    RESOURCE_KEY: key,
    TENANT_KEY: 1,
    RESOURCE_TYPE_CODE: code,
    RESOURCE_NAME: `r${key}`,
    RESOURCE_CFG_DBID: key,
    RESOURCE_CFG_TYPE_ID: code === 'AGENT' ? 3 : 2,
  });
  const mid = Math.floor((rangeStart + rangeEnd) / 2);
  return {
    resources: [
      ...AGENTS.map((k) => res(k, 'AGENT')),
      ...QUEUES.map((k) => res(k, 'QUEUE')),
      res(301, 'ROUTINGPOINT'),
    ],
    groups: [
      { GROUP_KEY: 401, TENANT_KEY: 1, GROUP_NAME: 'ag1', GROUP_TYPE_CODE: 'AGENT', GROUP_CFG_DBID: 401 },
      { GROUP_KEY: 402, TENANT_KEY: 1, GROUP_NAME: 'ag2', GROUP_TYPE_CODE: 'AGENT', GROUP_CFG_DBID: 402 },
      { GROUP_KEY: 403, TENANT_KEY: 1, GROUP_NAME: 'qg', GROUP_TYPE_CODE: 'QUEUE', GROUP_CFG_DBID: 403 },
    ],
    memberships: [
      // 101-103 in ag1 all along; 103 also in ag2 until mid-range; 104 in ag2 from mid-range; 105, 106 in none.
      ...[101, 102, 103].map((r, i) => ({
        RESOURCE_KEY: r,
        GROUP_KEY: 401,
        SOURCE_ID: i + 1,
        START_TS: rangeStart - 86400,
        END_TS: null,
      })),
      { RESOURCE_KEY: 103, GROUP_KEY: 402, SOURCE_ID: 10, START_TS: rangeStart - 86400, END_TS: mid },
      { RESOURCE_KEY: 104, GROUP_KEY: 402, SOURCE_ID: 11, START_TS: mid, END_TS: null },
      { RESOURCE_KEY: 201, GROUP_KEY: 403, SOURCE_ID: 20, START_TS: rangeStart - 86400, END_TS: null },
      { RESOURCE_KEY: 202, GROUP_KEY: 403, SOURCE_ID: 21, START_TS: rangeStart - 86400, END_TS: null },
    ].map((m) => ({
      ...m,
      TENANT_KEY: 1,
      SOURCE_TABLE: m.GROUP_KEY === 403 ? 'GCX_GROUP_ENDPOINT' : 'GCX_GROUP_AGENT',
      ACTIVE_FLAG: 1,
    })),
  };
}

const AGENT_TDS = [4110, 4110, 4110, 16010, 5110, 14110, 1210, 4410, 4133, 4132, 4120, 4150, 4112, 4113];
const MSF_TDS = [9110, 9110, 9110, 1310, 9210, 9410, 9010, 3010, 13010, 2010];

export interface GenerateOptions {
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  /** Mean seconds between interaction starts. */
  readonly spacing: number;
  /** First ids (so several batches can be generated into one database). */
  readonly firstId?: number;
}

export function generateFacts(o: GenerateOptions): GeneratedFacts {
  const rnd = makeRandom(o.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const f: GeneratedFacts = {
    INTERACTION_FACT: [],
    INTERACTION_RESOURCE_FACT: [],
    MEDIATION_SEGMENT_FACT: [],
    IXN_RESOURCE_STATE_FACT: [],
    IRF_USER_DATA_GEN_1: [],
    CONTACT_ATTEMPT_FACT: [],
    SM_RES_SESSION_FACT: [],
    SM_RES_STATE_FACT: [],
    SM_RES_STATE_REASON_FACT: [],
  };
  let id = o.firstId ?? 1;
  for (let s = o.start + int(0, o.spacing); s < o.end; s += int(1, 2 * o.spacing)) {
    const ixn = id++;
    const media = pick([1, 1, 1, 2, 3]);
    const type = pick([2, 2, 3, 4, 6]);
    const e = s + int(20, 1500);
    const sdt = Math.floor(s / 900) * 900;
    const status = pick([0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 8]);
    f.INTERACTION_FACT.push({
      INTERACTION_ID: ixn,
      TENANT_KEY: 1,
      INTERACTION_TYPE_KEY: type,
      MEDIA_TYPE_KEY: media,
      MEDIA_SERVER_IXN_GUID: `C${ixn}`,
      STATUS: status,
      ...se(s, e),
    });
    const irfs: Row[] = [];
    const nAgents = pick([0, 1, 1, 1, 2, 2, 3]);
    for (let k = 0; k < nAgents; k++) {
      const is = s + int(0, 300);
      const ie = Math.min(e + int(0, 60), is + int(5, 1200));
      const m: Partial<Record<(typeof IRF_MEASURES)[number], readonly [number, number]>> = {};
      for (const name of IRF_MEASURES) if (rnd() < 0.35) m[name] = [int(0, 2), int(0, 400)];
      const irf = irfRow({
        id: id++,
        interactionId: ixn,
        interactionSdt: sdt,
        resource: pick(AGENTS),
        td: pick(AGENT_TDS),
        start: is,
        end: ie,
        guid: `P${id}`,
        descriptor: pick([-2, 1, 2]),
        type,
        media,
        m,
      });
      irfs.push(irf);
      if (rnd() < 0.5) {
        f.IRF_USER_DATA_GEN_1.push({
          INTERACTION_RESOURCE_ID: irf.INTERACTION_RESOURCE_ID ?? null,
          START_DATE_TIME_KEY: irf.START_DATE_TIME_KEY ?? null,
          TENANT_KEY: 1,
          REVENUE: pick(['12', '-7', '1234567890', 'abc', '300', null]),
          SATISFACTION: pick(['5', '3', '', 'x1', '999999999']),
        });
      }
      // State segments tile [is, ie) of the IRF, some across 15-minute boundaries.
      let t0 = is;
      while (t0 < ie) {
        const t1 = Math.min(ie, t0 + int(0, 500));
        f.IXN_RESOURCE_STATE_FACT.push({
          IXN_RESOURCE_STATE_FACT_KEY: id++,
          TENANT_KEY: 1,
          MEDIA_TYPE_KEY: media,
          RESOURCE_KEY: irf.RESOURCE_KEY ?? null,
          PLACE_KEY: -2,
          INTERACTION_RESOURCE_STATE_KEY: pick([10, 20, 30, 31, 32, 33, 34, 40, 50, 0]),
          INTERACTION_TYPE_KEY: type,
          INTERACTION_RESOURCE_ID: irf.INTERACTION_RESOURCE_ID ?? null,
          INTERACTION_RESOURCE_SDT_KEY: irf.START_DATE_TIME_KEY ?? null,
          TOTAL_DURATION: t1 - t0,
          STATE_COUNT: int(0, 1),
          ...se(t0, t1),
        });
        if (t1 === t0) break;
        t0 = t1;
      }
    }
    if (rnd() < 0.3) {
      irfs.push(
        irfRow({
          id: id++,
          interactionId: ixn,
          interactionSdt: sdt,
          resource: ACD_QUEUE,
          td: pick([1310, 9110, 3010]),
          start: s + int(0, 20),
          end: e,
          guid: `M${id}`,
          mediation: int(0, 300),
          type,
          media,
        }),
      );
    }
    f.INTERACTION_RESOURCE_FACT.push(...irfs);
    const nMsf = pick([0, 1, 1, 2]);
    for (let k = 0; k < nMsf; k++) {
      const ms = s + int(0, 30);
      const td = pick(MSF_TDS);
      const target = td === 9110 && irfs.length > 0 ? pick(irfs) : null;
      f.MEDIATION_SEGMENT_FACT.push({
        MEDIATION_SEGMENT_ID: id++,
        TENANT_KEY: 1,
        INTERACTION_ID: ixn,
        INTERACTION_SDT_KEY: sdt,
        MEDIA_TYPE_KEY: media,
        INTERACTION_TYPE_KEY: type,
        RESOURCE_KEY: pick(QUEUES),
        TECHNICAL_DESCRIPTOR_KEY: td,
        TARGET_IXN_RESOURCE_ID: target?.INTERACTION_RESOURCE_ID ?? null,
        TARGET_IXN_RESOURCE_SDT_KEY: target?.START_DATE_TIME_KEY ?? null,
        IXN_RESOURCE_ID: null,
        MEDIATION_DURATION: int(0, 4000),
        MEDIATION_GUID: `Q${id}`,
        ...se(ms, ms + int(0, 200)),
      });
    }
    const nCaf = pick([0, 0, 0, 1, 2]);
    for (let k = 0; k < nCaf; k++) {
      const cs = s - int(0, 100);
      f.CONTACT_ATTEMPT_FACT.push({
        CONTACT_ATTEMPT_FACT_KEY: id++,
        TENANT_KEY: 1,
        MEDIA_TYPE_KEY: 1,
        CAMPAIGN_KEY: pick([501, 502]),
        CALLING_LIST_KEY: pick([601, 602]),
        GROUP_KEY: pick([401, 402]),
        CALL_RESULT_KEY: pick([33, 33, 7, 9]),
        DIALING_MODE_KEY: pick([1, 2]),
        CALL_ATTEMPT_ID: `A${id}`,
        INTERACTION_ID: rnd() < 0.9 ? ixn : null,
        INTERACTION_SDT_KEY: sdt,
        ...se(cs, rnd() < 0.1 ? null : cs + int(0, 900)),
      });
    }
  }
  // Agent sessions: a few per agent, states tiling each, reasons on NotReady periods.
  for (const agent of AGENTS) {
    let t = o.start + int(0, 3600);
    while (t < o.end) {
      const sessEnd = t + int(600, 5 * 3600);
      const active = sessEnd >= o.end ? 1 : 0;
      const session = id++;
      const media = pick([1, 1, 3]);
      f.SM_RES_SESSION_FACT.push({
        SM_RES_SESSION_FACT_KEY: session,
        TENANT_KEY: 1,
        MEDIA_TYPE_KEY: media,
        RESOURCE_KEY: agent,
        TOTAL_DURATION: active ? null : sessEnd - t,
        ACTIVE_FLAG: active,
        ...se(t, active ? null : sessEnd),
      });
      let u = t;
      while (u < sessEnd) {
        const v = Math.min(sessEnd, u + int(0, 1800));
        const st = pick([3, 3, 2, 5, 4, 1, 0]);
        const stActive = active && v === sessEnd ? 1 : 0;
        f.SM_RES_STATE_FACT.push({
          SM_RES_STATE_FACT_KEY: id++,
          TENANT_KEY: 1,
          MEDIA_TYPE_KEY: media,
          RESOURCE_KEY: agent,
          RESOURCE_STATE_KEY: st,
          SM_RES_SESSION_FACT_KEY: session,
          TOTAL_DURATION: v - u,
          ACTIVE_FLAG: stActive,
          ...se(u, stActive ? null : v),
        });
        if (st === 2) {
          f.SM_RES_STATE_REASON_FACT.push({
            SM_RES_STATE_REASON_FACT_KEY: id++,
            TENANT_KEY: 1,
            MEDIA_TYPE_KEY: media,
            RESOURCE_KEY: agent,
            RESOURCE_STATE_KEY: 2,
            RESOURCE_STATE_REASON_KEY: pick([7, 8]),
            TOTAL_DURATION: v - u,
            ACTIVE_FLAG: stActive,
            ...se(u, stActive ? null : v),
          });
        }
        u = v === u ? u + 1 : v;
      }
      t = sessEnd + int(60, 7200);
    }
  }
  return f;
}

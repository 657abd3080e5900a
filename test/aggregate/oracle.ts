// An independent model of data-model 6.2 in plain TypeScript: SUBHR rows of every hierarchy from
// the generated fact objects, and the roll-up of any level through the DATE_TIME keys. Written
// from the reference text, not from the SQL, so the tests compare two implementations.
import type { Row } from './fixtures.ts';
import { AGENTS, QUEUE_GROUP, type GeneratedFacts } from './generate.ts';
import { DEFAULT_TIME_RANGE_BOUNDS } from '../../src/jobs/shared/fixed-dimension-rows.ts';

export type Table = Map<string, Record<string, number>>;
export type Tables = Map<string, Table>;

const n = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));
const nz = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const isNull = (v: unknown): boolean => v === null || v === undefined;
const ONLINE = new Set([1, 3]);
const k15 = (ts: number): number => Math.floor(ts / 900) * 900;
const td = (key: number): { tr: number; rr: number; ro: number; rn: number } => ({
  tr: Math.floor(key / 1000),
  rr: Math.floor(key / 100) % 10,
  ro: Math.floor(key / 10) % 10,
  rn: key % 10,
});
const INT = (v: unknown): number => (typeof v === 'string' && /^-?[0-9]{1,9}$/.test(v) ? Number(v) : 0);
const SL = 20,
  SA = 10,
  SE = 10;

export interface Membership {
  RESOURCE_KEY: number;
  GROUP_KEY: number;
  START_TS: number;
  END_TS: number | null;
}

function add(
  tables: Tables,
  table: string,
  grain: readonly unknown[],
  m: Record<string, number>,
  max: readonly string[] = [],
): void {
  let t = tables.get(table);
  if (!t) tables.set(table, (t = new Map()));
  const key = grain.map((g) => (isNull(g) ? -1 : Number(g))).join('|');
  const cur = t.get(key);
  if (!cur) {
    t.set(key, { ...m });
    return;
  }
  for (const [name, v] of Object.entries(m))
    cur[name] = max.includes(name) ? Math.max(cur[name] ?? 0, v) : (cur[name] ?? 0) + v;
}

/** Which resources are agents and which groups are DN (queue) groups; generated data by default. */
export interface OracleWorld {
  readonly agents: ReadonlySet<number>;
  readonly queueGroups: ReadonlySet<number>;
}

const GENERATED_WORLD: OracleWorld = { agents: new Set(AGENTS), queueGroups: new Set([QUEUE_GROUP]) };

export function oracleSubhr(
  f: GeneratedFacts,
  memberships: readonly Membership[],
  world: OracleWorld = GENERATED_WORLD,
): Tables {
  const out: Tables = new Map();
  const agents = world.agents;
  const irfById = new Map<number, Row>();
  for (const i of f.INTERACTION_RESOURCE_FACT) irfById.set(n(i.INTERACTION_RESOURCE_ID), i);
  const ud = new Map<number, Row>();
  for (const u of f.IRF_USER_DATA_GEN_1) ud.set(n(u.INTERACTION_RESOURCE_ID), u);
  const groupsAt = (res: number, at: number, gtype: 'AGENT' | 'QUEUE'): number[] => {
    const gs = memberships
      .filter(
        (m) =>
          m.RESOURCE_KEY === res &&
          (gtype === 'QUEUE') === world.queueGroups.has(m.GROUP_KEY) &&
          m.START_TS <= at &&
          (m.END_TS === null || m.END_TS > at),
      )
      .map((m) => m.GROUP_KEY);
    return gs.length > 0 ? gs : [-2];
  };
  const eng = (i: Row): number =>
    nz(i.TALK_DURATION) + nz(i.POST_CONS_XFER_TALK_DURATION) + nz(i.CONF_JOIN_TALK_DURATION);
  const engaged = (i: Row): boolean =>
    nz(i.TALK_COUNT) + nz(i.POST_CONS_XFER_TALK_COUNT) + nz(i.CONF_JOIN_TALK_COUNT) > 0;
  const hld = (i: Row): number =>
    nz(i.HOLD_DURATION) + nz(i.POST_CONS_XFER_HOLD_DURATION) + nz(i.CONF_JOIN_HOLD_DURATION);
  const held = (i: Row): boolean =>
    nz(i.HOLD_COUNT) + nz(i.POST_CONS_XFER_HOLD_COUNT) + nz(i.CONF_JOIN_HOLD_COUNT) > 0;
  const rng = (i: Row): number =>
    nz(i.RING_DURATION) +
    nz(i.CONS_RCV_RING_DURATION) +
    nz(i.POST_CONS_XFER_RING_DURATION) +
    nz(i.CONF_JOIN_RING_DURATION);
  const ar = (i: Row): boolean => [1, 2, 5].includes(td(n(i.TECHNICAL_DESCRIPTOR_KEY)).ro);
  const b = (x: boolean): number => (x ? 1 : 0);

  const setA = (i: Row): Record<string, number> => {
    const d = td(n(i.TECHNICAL_DESCRIPTOR_KEY));
    const u = ud.get(n(i.INTERACTION_RESOURCE_ID));
    const acc = ar(i) && engaged(i);
    const consAcc = d.ro === 3 && nz(i.CONS_RCV_TALK_COUNT) > 0;
    return {
      OFFERED: b(ar(i)),
      ACCEPTED: b(acc),
      ACCEPTED_TIME: acc ? rng(i) : 0,
      INVITE_TIME: ar(i) ? rng(i) : 0,
      REJECTED: b(ar(i) && d.tr === 14),
      ABANDONED_INVITE: b(ar(i) && d.tr === 1 && d.rr === 2),
      INITIATED: b(d.ro === 4),
      DIAL_TIME: nz(i.DIAL_DURATION),
      ENGAGE: b(engaged(i)),
      ENGAGE_TIME: eng(i),
      HOLD: b(held(i)),
      HOLD_TIME: hld(i),
      WRAP: nz(i.AFTER_CALL_WORK_COUNT),
      WRAP_TIME: nz(i.AFTER_CALL_WORK_DURATION),
      HANDLE_TIME: eng(i) + hld(i) + nz(i.AFTER_CALL_WORK_DURATION),
      SHORT: b(engaged(i) && eng(i) < SE),
      TRANSFER_INIT_AGENT: b(d.tr === 16),
      XFER_RECEIVED_ACCEPTED: b(engaged(i) && (d.ro === 2 || d.rn === 3)),
      CONFERENCE_INIT: b(d.tr === 5),
      CONFERENCE_JOINED: b(engaged(i) && d.rn === 2),
      CONSULT_RECEIVED_OFFERED: b(d.ro === 3),
      CONSULT_RECEIVED_ACCEPTED: b(consAcc),
      CONSULT_RECEIVED_WARM: b(consAcc && (d.rn === 2 || d.rn === 3)),
      CONSULT_RECEIVED_TIME: nz(i.CONS_RCV_TALK_DURATION),
      CONSULT_INITIATED: b(nz(i.CONS_INIT_DIAL_COUNT) + nz(i.CONS_INIT_TALK_COUNT) > 0),
      CONSULT_INITIATED_TIME: nz(i.CONS_INIT_TALK_DURATION),
      REVENUE: engaged(i) ? INT(u?.REVENUE) : 0,
      SATISFACTION: engaged(i) ? INT(u?.SATISFACTION) : 0,
    };
  };
  const pickM = (m: Record<string, number>, names: readonly string[]): Record<string, number> =>
    Object.fromEntries(names.map((x) => [x, m[x] ?? 0]));

  for (const i of f.INTERACTION_RESOURCE_FACT) {
    if (!agents.has(n(i.RESOURCE_KEY))) continue;
    const base = [k15(n(i.START_TS)), i.TENANT_KEY, i.MEDIA_TYPE_KEY];
    const a = setA(i);
    add(
      out,
      'AG2_AGENT_SUBHR',
      [...base, i.RESOURCE_KEY, i.INTERACTION_TYPE_KEY, i.INTERACTION_DESCRIPTOR_KEY],
      a,
    );
    for (const g of groupsAt(n(i.RESOURCE_KEY), n(i.START_TS), 'AGENT')) {
      add(out, 'AG2_AGENT_GRP_SUBHR', [...base, g, i.INTERACTION_TYPE_KEY, i.INTERACTION_DESCRIPTOR_KEY], a);
    }
    const aq = pickM(a, [
      'OFFERED',
      'ACCEPTED',
      'ACCEPTED_TIME',
      'ENGAGE',
      'ENGAGE_TIME',
      'HOLD_TIME',
      'WRAP_TIME',
      'HANDLE_TIME',
      'TRANSFER_INIT_AGENT',
    ]);
    const msfs = f.MEDIATION_SEGMENT_FACT.filter(
      (m) => n(m.TARGET_IXN_RESOURCE_ID) === n(i.INTERACTION_RESOURCE_ID),
    );
    for (const q of msfs.length > 0 ? msfs.map((m) => n(m.RESOURCE_KEY)) : [-2]) {
      add(out, 'AG2_AGENT_QUEUE_SUBHR', [...base, i.RESOURCE_KEY, q, i.INTERACTION_TYPE_KEY], aq);
    }
    const cafs = f.CONTACT_ATTEMPT_FACT.filter(
      (c) => !isNull(c.INTERACTION_ID) && n(c.INTERACTION_ID) === n(i.INTERACTION_ID),
    ).sort(
      (x, y) =>
        n(y.START_TS) - n(x.START_TS) || String(y.CALL_ATTEMPT_ID).localeCompare(String(x.CALL_ATTEMPT_ID)),
    );
    const caf = cafs[0];
    if (caf) {
      add(
        out,
        'AG2_AGENT_CAMPAIGN_SUBHR',
        [...base, i.RESOURCE_KEY, caf.CAMPAIGN_KEY, caf.GROUP_KEY, i.INTERACTION_TYPE_KEY],
        pickM(a, [
          'OFFERED',
          'ACCEPTED',
          'INITIATED',
          'DIAL_TIME',
          'ENGAGE',
          'ENGAGE_TIME',
          'HOLD_TIME',
          'WRAP_TIME',
          'HANDLE_TIME',
        ]),
      );
    }
  }
  for (const c of f.CONTACT_ATTEMPT_FACT) {
    const its = f.INTERACTION_RESOURCE_FACT.filter(
      (i) =>
        !isNull(c.INTERACTION_ID) &&
        n(i.INTERACTION_ID) === n(c.INTERACTION_ID) &&
        agents.has(n(i.RESOURCE_KEY)),
    );
    add(
      out,
      'AG2_CAMPAIGN_SUBHR',
      [
        k15(n(c.START_TS)),
        c.TENANT_KEY,
        c.MEDIA_TYPE_KEY,
        c.CAMPAIGN_KEY,
        c.CALLING_LIST_KEY,
        c.GROUP_KEY,
        c.CALL_RESULT_KEY,
        c.DIALING_MODE_KEY,
      ],
      {
        ATTEMPTS: 1,
        ATTEMPT_TIME: isNull(c.END_TS) ? 0 : Math.max(0, n(c.END_TS) - n(c.START_TS)),
        CONNECTED: b(n(c.CALL_RESULT_KEY) === 33),
        ENGAGE_TIME: its.reduce((s, i) => s + eng(i), 0),
        WRAP_TIME: its.reduce((s, i) => s + nz(i.AFTER_CALL_WORK_DURATION), 0),
      },
    );
  }
  const bucket = (d: number, bounds: readonly number[], base: number): number => {
    let k = -1;
    bounds.forEach((lo, idx) => {
      if (d >= lo) k = base + idx + 1;
    });
    return k;
  };
  for (const m of f.MEDIATION_SEGMENT_FACT) {
    const d = td(n(m.TECHNICAL_DESCRIPTOR_KEY));
    const t = isNull(m.TARGET_IXN_RESOURCE_ID) ? undefined : irfById.get(n(m.TARGET_IXN_RESOURCE_ID));
    const med = nz(m.MEDIATION_DURATION);
    const wait = med + (t ? rng(t) : 0);
    const acc = d.tr === 9 && d.rr === 1;
    const q = {
      ENTERED: 1,
      DISTRIBUTED: b(d.tr === 9),
      DISTRIBUTED_TIME: d.tr === 9 ? med : 0,
      ACCEPTED_AGENT: b(acc),
      ACCEPTED_AGENT_TIME: acc ? wait : 0,
      ACCEPTED_TIME_MAX: acc ? wait : 0,
      ACCEPTED_AGENT_THR: b(acc && wait <= SL),
      ABANDONED: b(d.tr === 1),
      ABANDONED_TIME: d.tr === 1 ? med : 0,
      ABANDONED_SHORT: b(d.tr === 1 && med < SA),
      ABANDONED_INVITE: b(d.tr === 9 && d.rr === 2),
      REDIRECTED: b(d.tr === 9 && d.rr === 4),
      ROUTED_OTHER: b(d.tr === 9 && d.rr === 0),
      CLEARED: b(d.tr === 3),
      PULLED: b(d.tr === 13),
      ENGAGE_TIME: acc && t ? eng(t) : 0,
      HOLD_TIME: acc && t ? hld(t) : 0,
      WRAP_TIME: acc && t ? nz(t.AFTER_CALL_WORK_DURATION) : 0,
      TRANSFER_INIT_AGENT: b(acc && !!t && td(n(t.TECHNICAL_DESCRIPTOR_KEY)).tr === 16),
    };
    const base = [k15(n(m.START_TS)), m.TENANT_KEY, m.MEDIA_TYPE_KEY];
    add(out, 'AG2_QUEUE_SUBHR', [...base, m.RESOURCE_KEY, m.INTERACTION_TYPE_KEY], q, ['ACCEPTED_TIME_MAX']);
    for (const g of groupsAt(n(m.RESOURCE_KEY), n(m.START_TS), 'QUEUE')) {
      add(out, 'AG2_QUEUE_GRP_SUBHR', [...base, g, m.INTERACTION_TYPE_KEY], q, ['ACCEPTED_TIME_MAX']);
    }
    if (d.tr === 1)
      add(
        out,
        'AG2_QUEUE_ABN_SUBHR',
        [...base, m.RESOURCE_KEY, m.INTERACTION_TYPE_KEY, bucket(med, DEFAULT_TIME_RANGE_BOUNDS, 100)],
        { ABANDONED: 1, ABANDONED_TIME: med },
      );
    if (acc)
      add(
        out,
        'AG2_QUEUE_ACC_AGENT_SUBHR',
        [...base, m.RESOURCE_KEY, m.INTERACTION_TYPE_KEY, bucket(wait, DEFAULT_TIME_RANGE_BOUNDS, 200)],
        { ACCEPTED_AGENT: 1, ACCEPTED_AGENT_TIME: wait },
      );
  }
  const completeIf = new Map<number, Row>();
  for (const x of f.INTERACTION_FACT) if ((n(x.STATUS) & 5) === 0) completeIf.set(n(x.INTERACTION_ID), x);
  for (const x of completeIf.values()) {
    const its = f.INTERACTION_RESOURCE_FACT.filter((i) => n(i.INTERACTION_ID) === n(x.INTERACTION_ID));
    const agentIts = its.filter((i) => agents.has(n(i.RESOURCE_KEY)));
    const acc = agentIts
      .filter((i) => ar(i) && engaged(i))
      .sort(
        (p, q) => n(p.START_TS) - n(q.START_TS) || (String(p.PARTYGUID) < String(q.PARTYGUID) ? -1 : 1),
      )[0];
    const last = [...its].sort(
      (p, q) => n(q.END_TS) - n(p.END_TS) || (String(q.PARTYGUID) < String(p.PARTYGUID) ? -1 : 1),
    )[0];
    const cw = acc ? n(acc.START_TS) + nz(acc.RING_DURATION) - n(x.START_TS) : 0;
    const abnMsf = f.MEDIATION_SEGMENT_FACT.some(
      (m) => n(m.INTERACTION_ID) === n(x.INTERACTION_ID) && td(n(m.TECHNICAL_DESCRIPTOR_KEY)).tr === 1,
    );
    const abandoned =
      ONLINE.has(n(x.MEDIA_TYPE_KEY)) &&
      !acc &&
      (its.some((i) => td(n(i.TECHNICAL_DESCRIPTOR_KEY)).tr === 1) || abnMsf);
    const e = agentIts.reduce((s, i) => s + eng(i), 0);
    const h = agentIts.reduce((s, i) => s + hld(i), 0);
    const w = agentIts.reduce((s, i) => s + nz(i.AFTER_CALL_WORK_DURATION), 0);
    const u = acc ? ud.get(n(acc.INTERACTION_RESOURCE_ID)) : undefined;
    add(
      out,
      'AG2_ID_SUBHR',
      [
        k15(n(x.START_TS)),
        x.TENANT_KEY,
        x.MEDIA_TYPE_KEY,
        x.INTERACTION_TYPE_KEY,
        acc?.INTERACTION_DESCRIPTOR_KEY ?? last?.INTERACTION_DESCRIPTOR_KEY ?? -2,
      ],
      {
        ENTERED: 1,
        ACCEPTED: b(!!acc),
        ACCEPTED_TIME: cw,
        ACCEPTED_THR: b(!!acc && cw <= SL),
        ABANDONED: b(abandoned),
        ABANDONED_TIME: abandoned ? Math.max(0, n(x.END_TS) - n(x.START_TS)) : 0,
        ENGAGE_TIME: e,
        HOLD_TIME: h,
        WRAP_TIME: w,
        HANDLE_TIME: e + h + w,
        TRANSFERRED: b(its.some((i) => td(n(i.TECHNICAL_DESCRIPTOR_KEY)).tr === 16)),
        CONSULT_RECEIVED_ACCEPTED: 0,
        CONSULT_RECEIVED_TIME: 0,
        REVENUE: INT(u?.REVENUE),
        SATISFACTION: INT(u?.SATISFACTION),
      },
    );
    for (const c of agentIts.filter((i) => td(n(i.TECHNICAL_DESCRIPTOR_KEY)).ro === 3)) {
      add(
        out,
        'AG2_ID_SUBHR',
        [
          k15(n(c.START_TS)),
          c.TENANT_KEY,
          c.MEDIA_TYPE_KEY,
          c.INTERACTION_TYPE_KEY,
          c.INTERACTION_DESCRIPTOR_KEY,
        ],
        {
          ENTERED: 0,
          ACCEPTED: 0,
          ACCEPTED_TIME: 0,
          ACCEPTED_THR: 0,
          ABANDONED: 0,
          ABANDONED_TIME: 0,
          ENGAGE_TIME: 0,
          HOLD_TIME: 0,
          WRAP_TIME: 0,
          HANDLE_TIME: 0,
          TRANSFERRED: 0,
          CONSULT_RECEIVED_ACCEPTED: b(nz(c.CONS_RCV_TALK_COUNT) > 0),
          CONSULT_RECEIVED_TIME: nz(c.CONS_RCV_TALK_DURATION),
          REVENUE: 0,
          SATISFACTION: 0,
        },
      );
    }
  }
  // Interval crediting: per 15-minute bucket the overlap; the count in the start bucket.
  const spread = (s: number, e: number, fn: (bucket: number, ov: number, first: boolean) => void): void => {
    for (let bk = k15(s); bk === k15(s) || bk < e; bk += 900)
      fn(bk, Math.max(0, Math.min(e, bk + 900) - Math.max(s, bk)), bk === k15(s));
  };
  const iAgent: [string, (k: number) => boolean][] = [
    ['INVITE', (k) => Math.floor(k / 10) === 2],
    ['DIAL', (k) => Math.floor(k / 10) === 1],
    ['ENGAGE', (k) => [30, 33, 34].includes(k)],
    ['CONSULT', (k) => [31, 32].includes(k)],
    ['HOLD', (k) => Math.floor(k / 10) === 4],
    ['WRAP', (k) => Math.floor(k / 10) === 5],
  ];
  for (const r of f.IXN_RESOURCE_STATE_FACT) {
    if (!agents.has(n(r.RESOURCE_KEY)) || isNull(r.END_TS)) continue;
    const k = n(r.INTERACTION_RESOURCE_STATE_KEY);
    spread(n(r.START_TS), n(r.END_TS), (bk, ov, first) => {
      const m: Record<string, number> = {};
      for (const [name, is] of iAgent) {
        m[name] = is(k) && first ? nz(r.STATE_COUNT) : 0;
        m[`${name}_TIME`] = is(k) ? ov : 0;
      }
      m.BUSY_TIME = (m.ENGAGE_TIME ?? 0) + (m.CONSULT_TIME ?? 0) + (m.HOLD_TIME ?? 0) + (m.DIAL_TIME ?? 0);
      add(
        out,
        'AG2_I_AGENT_SUBHR',
        [bk, r.TENANT_KEY, r.MEDIA_TYPE_KEY, r.RESOURCE_KEY, r.INTERACTION_TYPE_KEY],
        m,
      );
    });
  }
  const SESS = ['ACTIVE', 'READY', 'NOT_READY', 'BUSY', 'WRAP', 'OTHER'];
  const zero = (): Record<string, number> =>
    Object.fromEntries(
      SESS.flatMap((x) => [
        [x, 0],
        [`${x}_TIME`, 0],
      ]),
    );
  for (const s of f.SM_RES_SESSION_FACT) {
    if (n(s.ACTIVE_FLAG) !== 0) continue;
    spread(n(s.START_TS), n(s.END_TS), (bk, ov, first) =>
      add(out, 'AG2_I_SESS_STATE_SUBHR', [bk, s.TENANT_KEY, s.MEDIA_TYPE_KEY, s.RESOURCE_KEY], {
        ...zero(),
        ACTIVE: b(first),
        ACTIVE_TIME: ov,
      }),
    );
  }
  const stateName: Record<number, string> = {
    3: 'READY',
    2: 'NOT_READY',
    5: 'BUSY',
    4: 'WRAP',
    0: 'OTHER',
    1: 'OTHER',
  };
  for (const s of f.SM_RES_STATE_FACT) {
    if (n(s.ACTIVE_FLAG) !== 0) continue;
    const name = stateName[n(s.RESOURCE_STATE_KEY)] as string;
    spread(n(s.START_TS), n(s.END_TS), (bk, ov, first) =>
      add(out, 'AG2_I_SESS_STATE_SUBHR', [bk, s.TENANT_KEY, s.MEDIA_TYPE_KEY, s.RESOURCE_KEY], {
        ...zero(),
        [name]: b(first),
        [`${name}_TIME`]: ov,
      }),
    );
  }
  for (const s of f.SM_RES_STATE_REASON_FACT) {
    if (n(s.ACTIVE_FLAG) !== 0) continue;
    spread(n(s.START_TS), n(s.END_TS), (bk, ov, first) =>
      add(
        out,
        'AG2_I_STATE_RSN_SUBHR',
        [
          bk,
          s.TENANT_KEY,
          s.MEDIA_TYPE_KEY,
          s.RESOURCE_KEY,
          s.RESOURCE_STATE_KEY,
          s.RESOURCE_STATE_REASON_KEY,
        ],
        { STATE_RSN: b(first), STATE_RSN_TIME: ov },
      ),
    );
  }
  return out;
}

/** Rolls a level's rows up to the next level with a DATE_TIME_KEY -> level key map. */
export function rollUp(rows: Table, keyOf: (dateTimeKey: number) => number, max: readonly string[]): Table {
  const out: Table = new Map();
  for (const [k, m] of rows) {
    const parts = k.split('|');
    parts[0] = String(keyOf(Number(parts[0])));
    const key = parts.join('|');
    const cur = out.get(key);
    if (!cur) out.set(key, { ...m });
    else
      for (const [name, v] of Object.entries(m))
        cur[name] = max.includes(name) ? Math.max(cur[name] ?? 0, v) : (cur[name] ?? 0) + v;
  }
  return out;
}

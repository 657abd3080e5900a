// Scenario builder for the interaction acceptance tests: writes the GIDB rows of a scenario the
// way extraction would (configuration, calls, parties with section-7 style histories, virtual
// queue rows, IS links, user data). Sessions and the transform run: run.ts.
import type { Db } from '../../../src/db/types.ts';
import { at, DAY0, type Row, writeGidb } from '../fixtures.ts';

export { at, DAY0 };
export const TENANT = 101;
/** GC_ENDPOINT ids (section 7): agent DNs, routing point, ACD queue, virtual queue, IQ, workbin. */
export const DN = { jdoe: 7001, bsmith: 7002, rp: 4001, acdq: 3001, vq: 3101, iq: 3201, wb: 3301 } as const;
export const AGENT = { jdoe: 5001, bsmith: 5002 } as const;
export const PLACE_JDOE = 6001;
const OLD = DAY0 - 30 * 86400;

/** Family of GIDB tables: ICON_CORE (`_v`) or ICON_MM (`_mm`). */
export type Fam = 'v' | 'mm';

/** The configuration of section 7, plus an interaction queue and a workbin. */
export async function writeConfig(db: Db, opts: { withoutDn?: number } = {}): Promise<void> {
  const cfg = { tenantid: TENANT, status: 1, state: 1, created_ts: OLD };
  await writeGidb(db, 'gidb_gc_tenant', [{ id: TENANT, name: 'T101', status: 1, state: 1, created_ts: OLD }]);
  await writeGidb(db, 'gidb_gc_switch', [{ id: 1, name: 'SW1', type: 1, ...cfg }]);
  await writeGidb(db, 'gidb_gc_place', [{ id: PLACE_JDOE, name: 'Place6001', ...cfg }]);
  await writeGidb(db, 'gidb_gc_agent', [
    { id: 5001, username: 'jdoe', firstname: 'J', lastname: 'Doe', type: 2, placeid: PLACE_JDOE, ...cfg },
    { id: 5002, username: 'bsmith', firstname: 'B', lastname: 'Smith', type: 2, ...cfg },
  ]);
  const eps: [number, string, number][] = [
    [DN.jdoe, '7001', 1],
    [DN.bsmith, '7002', 1],
    [DN.rp, '4000', 4],
    [DN.acdq, '3001', 3],
    [DN.vq, '3101', 5],
    [DN.iq, 'IQ3201', 20],
    [DN.wb, 'WB3301', 21],
  ];
  await writeGidb(
    db,
    'gidb_gc_endpoint',
    eps
      .filter(([id]) => id !== opts.withoutDn)
      .map(([id, dn, type]) => ({ id, dn, type, switchid: 1, ...cfg })),
  );
}

/** `'1: 10:00:00 1/12; 2: 10:05:00 2/0'` -> rows (PSeq, time, ChangeType, State). */
export function parseHistory(
  h: string,
  shift = 0,
): { pseq: number; ts: number; ct: number; state: number }[] {
  return h
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^(\d+):\s*(\d+):(\d+):(\d+)\s+(\d+)\/(\d+)$/.exec(s);
      if (!m) throw new Error(`bad history row: ${s}`);
      const n = (i: number): number => Number(m[i]);
      return { pseq: n(1), ts: at(n(2), n(3), n(4)) + shift, ct: n(5), state: n(6) };
    });
}

/** `'10:00:05'` -> epoch seconds of DAY0. */
export function hms(s: string): number {
  const [h, m, x] = s.split(':').map(Number);
  return at(h ?? 0, m ?? 0, x ?? 0);
}

export interface CallSpec {
  readonly id: string;
  readonly type: number;
  readonly created: string;
  readonly terminated?: string | null;
  readonly parent?: string;
  readonly merge?: string;
  readonly mergeType?: number;
  readonly media?: number;
  readonly ani?: string;
  readonly dnis?: string;
  readonly connIdNum?: number;
}

export interface PartySpec {
  readonly id: string;
  readonly guid?: string;
  readonly call: string;
  /** G_PARTY.Type: 1 agent, 3 ACDQ, 4 RP, 6 External, 7 IQ, 8 workbin. */
  readonly type: number;
  readonly prole: number;
  readonly parent?: string;
  readonly link?: number;
  readonly endpoint?: number;
  readonly agent?: number;
  readonly dn?: string;
  readonly hist: string;
}

export interface VqSpec {
  readonly call: string;
  readonly party: string;
  readonly added: string;
  readonly terminated: string;
  readonly result: number;
  readonly vq?: number;
}

export interface IsLinkSpec {
  readonly link: string;
  readonly call: string;
  readonly party: string;
  readonly linkType: number;
  readonly added: string;
  readonly remote?: string;
}

export interface UserDataSpec {
  readonly call: string;
  readonly cseq: number;
  readonly key: string;
  readonly value: string | null;
  readonly added: string;
  readonly changeType?: number;
}

export interface Scenario {
  /** Prepended to every CallID, PartyID, PartyGUID and ISLinkID. */
  readonly p: string;
  readonly fam?: Fam;
  /** Seconds added to every time (to move a shape to another day). */
  readonly shift?: number;
  readonly dataSourceKey?: number;
  readonly calls: readonly CallSpec[];
  readonly parties: readonly PartySpec[];
  readonly vqs?: readonly VqSpec[];
  readonly links?: readonly IsLinkSpec[];
  readonly userData?: readonly UserDataSpec[];
  /** G_CALL_USERDATA rows (voice): CallID + predefined columns, e.g. `{ g_customer_segment: 'Gold' }`. */
  readonly callUserData?: readonly { readonly call: string; readonly values: Row }[];
}

function agentDn(agent: number | undefined): number | null {
  return agent === AGENT.jdoe ? DN.jdoe : agent === AGENT.bsmith ? DN.bsmith : null;
}

type P = Partial<PartySpec>;
/** An External (customer / remote stub) party, PRole 1 unless told. */
export const ext = (id: string, call: string, hist: string, o: P = {}): PartySpec => ({
  id,
  call,
  type: 6,
  prole: 1,
  hist,
  ...o,
});
/** An agent party (Type 1) of jdoe or bsmith, PRole 2 unless told. */
export const ag = (
  id: string,
  who: keyof typeof AGENT,
  call: string,
  hist: string,
  o: P = {},
): PartySpec => ({
  id,
  call,
  type: 1,
  prole: 2,
  agent: AGENT[who],
  hist,
  ...o,
});
const med =
  (type: number, endpoint: number, dn: string) =>
  (id: string, call: string, hist: string, o: P = {}): PartySpec => ({
    id,
    call,
    type,
    prole: 2,
    endpoint,
    dn,
    hist,
    ...o,
  });
/** Mediation parties: routing point 4001, ACD queue 3001, interaction queue 3201, workbin 3301. */
export const rp = med(4, DN.rp, '4000');
export const acdq = med(3, DN.acdq, '3001');
export const iq = med(7, DN.iq, 'IQ3201');
export const wb = med(8, DN.wb, 'WB3301');

const ENDPOINT_TYPE: Readonly<Record<number, number>> = { 1: 1, 3: 3, 4: 4, 7: 20, 8: 21 };

function partyRows(s: Scenario, x: PartySpec): { party: Row; hist: Row[] } {
  const shift = s.shift ?? 0;
  const h = parseHistory(x.hist, shift);
  const last = h[h.length - 1];
  const ended = last !== undefined && (last.ct === 2 || last.ct === 4);
  const mm = (s.fam ?? 'v') === 'mm';
  const endpoint = x.endpoint ?? (x.type === 1 ? (mm ? 0 : agentDn(x.agent)) : null);
  const ds = s.dataSourceKey ?? 1;
  const party: Row = {
    partyid: s.p + x.id,
    partyguid: s.p + (x.guid ?? x.id),
    callid: s.p + x.call,
    type: x.type,
    prole: x.prole,
    parentpartyid: x.parent ? s.p + x.parent : null,
    parentlinktype: x.link ?? 0,
    state: ended ? 0 : (last?.state ?? 0),
    endpointdn: x.dn ?? (endpoint ? String(endpoint) : x.type === 6 ? '5551234' : null),
    endpointid: endpoint,
    endpointtype: ENDPOINT_TYPE[x.type] ?? 0,
    agentid: x.agent ?? null,
    switchid: 1,
    tenantid: TENANT,
    created_ts: h[0]?.ts ?? null,
    terminated_ts: ended ? (last?.ts ?? null) : null,
    data_source_key: ds,
  };
  const hist = h.map((r, i) => ({
    partyid: s.p + x.id,
    pseq: r.pseq,
    cseq: r.pseq,
    changetype: r.ct,
    callid: s.p + x.call,
    state: r.state,
    prevstate: i > 0 ? (h[i - 1]?.state ?? 0) : 0,
    endpointid: endpoint,
    added_ts: r.ts,
    data_source_key: ds,
  }));
  return { party, hist };
}

/** Writes the scenario's GIDB rows (one extraction commit per table). */
export async function writeScenario(db: Db, s: Scenario): Promise<void> {
  const fam = s.fam ?? 'v';
  const shift = s.shift ?? 0;
  const ds = s.dataSourceKey ?? 1;
  const t = (x: string | null | undefined): number | null => (x ? hms(x) + shift : null);
  if (s.calls.length > 0) {
    await writeGidb(
      db,
      `gidb_g_call_${fam}`,
      s.calls.map((c) => ({
        callid: s.p + c.id,
        irid: null,
        parentcallid: c.parent ? s.p + c.parent : null,
        mergecallid: c.merge ? s.p + c.merge : null,
        mergetype: c.mergeType ?? 0,
        connidnum: fam === 'v' ? (c.connIdNum ?? 1000) : null,
        calltype: c.type,
        mediatype: c.media ?? (fam === 'v' ? 1 : 3),
        switchid: 1,
        tenantid: TENANT,
        state: c.terminated ? 2 : 1,
        ani: c.ani ?? null,
        dnis: c.dnis ?? null,
        created_ts: t(c.created),
        terminated_ts: t(c.terminated),
        data_source_key: ds,
      })),
    );
  }
  const rows = s.parties.map((x) => partyRows(s, x));
  if (rows.length > 0) {
    await writeGidb(
      db,
      `gidb_g_party_${fam}`,
      rows.map((r) => r.party),
    );
    await writeGidb(
      db,
      `gidb_g_party_history_${fam}`,
      rows.flatMap((r) => r.hist),
    );
  }
  if (s.vqs && s.vqs.length > 0) {
    await writeGidb(
      db,
      `gidb_g_virtual_queue_${fam}`,
      s.vqs.map((v) => ({
        callid: s.p + v.call,
        partyid: s.p + v.party,
        endpointid: v.vq ?? DN.vq,
        tenantid: TENANT,
        result: v.result,
        added_ts: t(v.added),
        terminated_ts: t(v.terminated),
        data_source_key: ds,
      })),
    );
  }
  if (s.links && s.links.length > 0) {
    await writeGidb(
      db,
      'gidb_g_is_link_v',
      s.links.map((l) => ({
        islinkid: s.p + l.link,
        callid: s.p + l.call,
        partyid: s.p + l.party,
        switchid: 1,
        linktype: l.linkType,
        remotelocation: l.remote ?? null,
        added_ts: t(l.added),
        data_source_key: ds,
      })),
    );
  }
  if (s.userData && s.userData.length > 0) {
    await writeGidb(
      db,
      `gidb_g_userdata_history_${fam}`,
      s.userData.map((u) => ({
        callid: s.p + u.call,
        cseq: u.cseq,
        changetype: u.changeType ?? 1,
        keyname: u.key,
        value: u.value,
        added_ts: t(u.added),
        data_source_key: ds,
      })),
    );
  }
  if (s.callUserData && s.callUserData.length > 0) {
    await writeGidb(
      db,
      'gidb_g_call_userdata_v',
      s.callUserData.map((u) => ({ callid: s.p + u.call, ...u.values, data_source_key: ds })),
    );
  }
}

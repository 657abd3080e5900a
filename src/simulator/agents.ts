// The agent pool: shifts, login sessions, breaks with reason codes, DND, and the agent state
// rows that go with the interactions the traffic models hand out. Agents are advanced lazily in
// time order; `acquire` finds the longest-idle agent free within a wait, as an ACD would.
import type { AgentCfg, Center } from './center.ts';
import { agentExists } from './center.ts';
import {
  AGENT_STATE,
  AGENT_STATE_TYPE,
  DND_STATE,
  ENDPOINT_TYPE,
  MEDIA,
  SESSION_STATE,
  WORK_MODE,
} from './codes.ts';
import type { IdGen } from './ids.ts';
import type { Rng } from './rng.ts';
import type { RowLog, SimRow } from './row-log.ts';
import type { SessionTruth, TruthLog } from './truth.ts';

export interface Shift {
  readonly start: number;
  readonly end: number;
}

interface Assoc {
  readonly media: number;
  readonly row: SimRow;
  seq: number;
  state: number;
}

interface Session {
  readonly id: string;
  readonly row: SimRow;
  readonly assocs: Assoc[];
  readonly shift: Shift;
  readonly truth: SessionTruth;
  agentState: number;
  since: number;
}

export interface SimAgent {
  readonly cfg: AgentCfg;
  readonly media: readonly number[];
  readonly shifts: readonly Shift[];
  shiftIdx: number;
  session: Session | null;
  /** When the agent can take the next interaction (after its ACW). */
  freeAt: number;
  nextBreak: number;
}

export interface AgentPool {
  readonly agents: readonly SimAgent[];
  /** Processes logins, breaks and logouts of every agent up to t. */
  advance(t: number): void;
  /**
   * The agent of the kind (and site) that is free soonest, and when, if within maxWait of t;
   * never one in `exclude`. Ties go to the longest idle.
   */
  acquire(
    kind: AgentCfg['kind'],
    site: number,
    t: number,
    maxWait: number,
    exclude?: SimAgent,
  ): { agent: SimAgent; at: number } | null;
  /** Writes a state change on the given media associations (all when omitted). */
  setState(agent: SimAgent, state: number, ts: number, media?: readonly number[], workMode?: number): void;
  /** The agent is occupied until `until` (its Ready row is written by the caller). */
  occupy(agent: SimAgent, until: number): void;
  /** A NotReady period with a reason code (for example after a missed call). */
  notReady(agent: SimAgent, from: number, seconds: number, reason: string): void;
  loginSessionId(agent: SimAgent): string;
  /** Closes every open session's truth at the end of the period (they stay open in the IDB). */
  finish(horizon: number): void;
}

const BREAKS: readonly { readonly reason: string; readonly median: number }[] = [
  { reason: 'Break', median: 600 },
  { reason: 'Coaching', median: 900 },
  { reason: 'Email', median: 420 },
  { reason: 'Personal', median: 300 },
];

export interface PoolOptions {
  readonly center: Center;
  readonly log: RowLog;
  readonly ids: IdGen;
  readonly rng: Rng;
  readonly truth: TruthLog;
  readonly shiftsOf: (a: AgentCfg) => Shift[];
}

export function makeAgentPool(opts: PoolOptions): AgentPool {
  const { center, log, ids, rng, truth } = opts;
  const agents: SimAgent[] = center.agents.map((cfg) => ({
    cfg,
    media: cfg.kind === 'voice' ? [MEDIA.voice] : [MEDIA.email, MEDIA.chat],
    shifts: opts.shiftsOf(cfg).filter((s) => agentExists(cfg, s.start, s.end)),
    shiftIdx: 0,
    session: null,
    freeAt: 0,
    nextBreak: Number.POSITIVE_INFINITY,
  }));

  const groups = new Map<string, SimAgent[]>();
  for (const a of agents) {
    const key = a.cfg.kind === 'voice' ? `voice/${a.cfg.site}` : 'mm';
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const candidates = (kind: AgentCfg['kind'], site: number): readonly SimAgent[] =>
    groups.get(kind === 'voice' ? `voice/${site}` : 'mm') ?? [];

  const units = (s: Session): string[] => [s.id];

  function writeState(
    a: SimAgent,
    s: Session,
    assoc: Assoc,
    state: number,
    ts: number,
    workMode: number,
  ): void {
    assoc.seq += 1;
    log.insert(
      'g_agent_state_history',
      {
        loginsessionid: s.id,
        loginid: a.cfg.kind === 'voice' ? a.cfg.loginId : null,
        type: AGENT_STATE_TYPE.stateChange,
        state,
        pendingstate: null,
        seq: assoc.seq,
        agentid: a.cfg.id,
        endpointid: a.cfg.dnId,
        queueid: 0,
        mediatype: assoc.media,
        workmode: workMode,
        prevstate: assoc.state,
        added_ts: ts,
      },
      ts,
      { site: a.cfg.site, units: units(s) },
    );
    assoc.state = state;
  }

  function summarize(s: Session): number {
    const rank = (st: number): number => [0, 1, 3, 2, 4, 5][st] ?? 0;
    let best = AGENT_STATE.loggedIn as number;
    for (const x of s.assocs) if (rank(x.state) > rank(best)) best = x.state;
    return best;
  }

  function track(s: Session, ts: number): void {
    const now = summarize(s);
    if (now === s.agentState) return;
    s.truth.stateSeconds[s.agentState] = (s.truth.stateSeconds[s.agentState] ?? 0) + (ts - s.since);
    s.agentState = now;
    s.since = ts;
  }

  function setState(
    a: SimAgent,
    state: number,
    ts: number,
    media?: readonly number[],
    workMode?: number,
  ): void {
    const s = a.session;
    if (!s) throw new Error(`agent ${a.cfg.id} has no session at ${ts}`);
    const mode =
      workMode ??
      (state === AGENT_STATE.acw
        ? WORK_MODE.afterCallWork
        : state === AGENT_STATE.ready
          ? WORK_MODE.manualIn
          : WORK_MODE.unknown);
    for (const assoc of s.assocs) {
      if (media && !media.includes(assoc.media)) continue;
      writeState(a, s, assoc, state, ts, mode);
    }
    track(s, ts);
  }

  function login(a: SimAgent, shift: Shift): void {
    const id = ids.next('LS');
    const t = shift.start;
    const place = a.cfg.placeId;
    const row = log.insert(
      'g_login_session',
      {
        loginsessionid: id,
        agentid: a.cfg.id,
        loginid: a.cfg.kind === 'voice' ? a.cfg.loginId : null,
        placeid: place,
        state: SESSION_STATE.active,
        primarydeviceid: a.cfg.kind === 'voice' ? a.cfg.dnId : null,
        switchid: a.cfg.kind === 'voice' ? a.cfg.switchId : null,
        tenantid: center.tenantId,
        created_ts: t,
        terminated_ts: null,
      },
      t,
      { site: a.cfg.site, units: [id], anchor: true, open: true },
    );
    const assocs: Assoc[] = a.media.map((media) => ({
      media,
      seq: 0,
      state: AGENT_STATE.loggedIn,
      row: log.insert(
        'gx_session_endpoint',
        {
          loginsessionid: id,
          agentid: a.cfg.id,
          endpointid: a.cfg.dnId,
          endpointtype: a.cfg.kind === 'voice' ? ENDPOINT_TYPE.extension : 0,
          queueid: 0,
          queuetype: 0,
          placeid: place,
          state: SESSION_STATE.active,
          mediatype: media,
          tenantid: center.tenantId,
          created_ts: t,
          terminated_ts: null,
        },
        t,
        { site: a.cfg.site, units: [id], open: true },
      ),
    }));
    const st: SessionTruth = {
      loginSessionId: id,
      agentId: a.cfg.id,
      mediaTypes: a.media,
      startTs: t,
      endTs: null,
      stateSeconds: {},
      reasons: [],
      dndSeconds: 0,
    };
    truth.sessions.push(st);
    a.session = { id, row, assocs, shift, truth: st, agentState: AGENT_STATE.loggedIn, since: t };
    setState(a, AGENT_STATE.ready, t, undefined, WORK_MODE.manualIn);
    a.freeAt = Math.max(a.freeAt, t);
    a.nextBreak = t + rng.int(5400, 9000);
  }

  function logout(a: SimAgent, t: number): void {
    const s = a.session;
    if (!s) return;
    track(s, t);
    s.truth.stateSeconds[s.agentState] = (s.truth.stateSeconds[s.agentState] ?? 0) + (t - s.since);
    s.truth.endTs = t;
    for (const assoc of s.assocs) {
      log.update(assoc.row, { state: SESSION_STATE.ended, terminated_ts: t }, t);
    }
    log.update(s.row, { state: SESSION_STATE.ended, terminated_ts: t }, t);
    a.session = null;
    a.shiftIdx += 1;
    a.nextBreak = Number.POSITIVE_INFINITY;
  }

  function notReady(a: SimAgent, from: number, seconds: number, reason: string, dnd = false): void {
    const s = a.session;
    if (!s) return;
    const to = from + seconds;
    setState(a, AGENT_STATE.notReady, from, undefined, WORK_MODE.auxWork);
    if (dnd) {
      for (const [ts, dndstate] of [
        [from, DND_STATE.on],
        [to, DND_STATE.off],
      ] as const) {
        log.insert(
          'g_dnd_history',
          {
            loginsessionid: s.id,
            agentstate: AGENT_STATE.notReady,
            endpointid: a.cfg.dnId,
            agentid: a.cfg.id,
            mediatype: a.media[0] ?? 1,
            dndstate,
            added_ts: ts,
          },
          ts,
          { site: a.cfg.site, units: [s.id] },
        );
      }
      s.truth.dndSeconds += seconds;
    }
    for (const assoc of s.assocs) {
      // G_AGENT_STATE_RC holds closed codes only: ICON writes the row when the reason ends.
      log.insert(
        'g_agent_state_rc',
        {
          sessionid: s.id,
          endpointid: a.cfg.dnId,
          queueid: 0,
          agentstate: AGENT_STATE.notReady,
          workmode: WORK_MODE.auxWork,
          hwflag: 0,
          keyname: 'ReasonCode',
          agentid: a.cfg.id,
          mediatype: assoc.media,
          value: reason,
          created_ts: from,
          terminated_ts: to,
        },
        to,
        { site: a.cfg.site, units: [s.id] },
      );
    }
    s.truth.reasons.push({ reason, startTs: from, endTs: to });
    setState(a, AGENT_STATE.ready, to, undefined, WORK_MODE.manualIn);
    a.freeAt = Math.max(a.freeAt, to);
  }

  function advanceAgent(a: SimAgent, t: number): void {
    for (;;) {
      if (!a.session) {
        const shift = a.shifts[a.shiftIdx];
        if (!shift || shift.start > t) return;
        login(a, shift);
        continue;
      }
      const shift = a.session.shift;
      const breakAt = Math.max(a.freeAt, a.nextBreak);
      const logoutAt = Math.max(a.freeAt, shift.end);
      if (breakAt <= t && breakAt < shift.end - 600) {
        const b = BREAKS[rng.weighted([6, 1, 2, 2])] ?? BREAKS[0]!;
        notReady(a, breakAt, rng.lognormal(b.median, 0.3, 60, 3 * b.median), b.reason, rng.chance(0.25));
        a.nextBreak = a.freeAt + rng.int(5400, 9000);
        continue;
      }
      if (logoutAt <= t) {
        logout(a, logoutAt);
        continue;
      }
      return;
    }
  }

  return {
    agents,
    advance(t) {
      for (const a of agents) advanceAgent(a, t);
    },
    acquire(kind, site, t, maxWait, exclude) {
      let best: SimAgent | null = null;
      let bestAt = Number.POSITIVE_INFINITY;
      for (const a of candidates(kind, site)) {
        if (a === exclude) continue;
        // Advancing an agent only delays when it is free, so one that already loses is skipped.
        const pre = Math.max(t, a.freeAt);
        if (best !== null && (pre > bestAt || (pre === bestAt && a.freeAt >= best.freeAt))) continue;
        advanceAgent(a, t);
        const s = a.session;
        if (!s) continue;
        const at = Math.max(t, a.freeAt);
        // An agent about to take a break or leave is not offered new work.
        if (at >= a.nextBreak || at >= s.shift.end - 120) continue;
        if (at < bestAt || (at === bestAt && best !== null && a.freeAt < best.freeAt)) {
          best = a;
          bestAt = at;
        }
      }
      if (!best || bestAt - t > maxWait) return null;
      return { agent: best, at: bestAt };
    },
    setState,
    occupy(agent, until) {
      agent.freeAt = Math.max(agent.freeAt, until);
    },
    notReady: (agent, from, seconds, reason) => notReady(agent, from, seconds, reason),
    loginSessionId(agent) {
      if (!agent.session) throw new Error(`agent ${agent.cfg.id} is not logged in`);
      return agent.session.id;
    },
    finish(horizon) {
      for (const a of agents) {
        const s = a.session;
        if (!s) continue;
        track(s, horizon);
        s.truth.stateSeconds[s.agentState] = (s.truth.stateSeconds[s.agentState] ?? 0) + (horizon - s.since);
        s.since = horizon;
      }
    },
  };
}

// What every traffic model is given: the row log, ids, randomness, the center and its agents.
import type { AgentPool, SimAgent } from './agents.ts';
import type { CallCtx, Call, Party } from './calls.ts';
import type { Center } from './center.ts';
import { AGENT_STATE, ENDPOINT_TYPE, PARTY_STATE, PARTY_TYPE, PROLE } from './codes.ts';
import type { IdGen } from './ids.ts';
import type { Rng } from './rng.ts';
import type { RowLog } from './row-log.ts';
import type { TruthLog } from './truth.ts';

export interface SimCtx {
  readonly log: RowLog;
  readonly ids: IdGen;
  readonly rng: Rng;
  readonly center: Center;
  readonly pool: AgentPool;
  readonly truth: TruthLog;
  readonly calls: CallCtx;
  /** Share of inbound calls routed to another site (0…1). */
  readonly multiSiteShare: number;
  /** Remote locations already written to GSYS_DNPREMOTELOCATION. */
  readonly remoteLocations: Set<string>;
}

export function agentParty(
  call: Call,
  agent: SimAgent,
  opts: { prole: number; parent?: Party | null; link?: number; state: number; at: number },
): Party {
  const voice = agent.cfg.kind === 'voice';
  return call.party({
    type: PARTY_TYPE.agent,
    prole: opts.prole,
    endpointId: agent.cfg.dnId,
    dn: voice ? agent.cfg.dn : agent.cfg.userName,
    endpointType: voice ? ENDPOINT_TYPE.extension : 0,
    agentId: agent.cfg.id,
    switchId: voice ? agent.cfg.switchId : null,
    parent: opts.parent ?? null,
    link: opts.link ?? 0,
    state: opts.state,
    at: opts.at,
  });
}

export function externalParty(
  call: Call,
  dn: string,
  opts: { prole: number; parent?: Party | null; link?: number; state: number; at: number },
): Party {
  return call.party({
    type: PARTY_TYPE.external,
    prole: opts.prole,
    endpointId: 0,
    dn,
    endpointType: ENDPOINT_TYPE.trunk,
    parent: opts.parent ?? null,
    link: opts.link ?? 0,
    state: opts.state,
    at: opts.at,
  });
}

/** ACW then Ready for a voice agent after it leaves a customer call. */
export function wrapUp(ctx: SimCtx, agent: SimAgent, at: number, median = 30): number {
  const acw = ctx.rng.lognormal(median, 0.5, 3, 600);
  ctx.pool.setState(agent, AGENT_STATE.acw, at);
  ctx.pool.setState(agent, AGENT_STATE.ready, at + acw);
  ctx.pool.occupy(agent, at + acw);
  return acw;
}

export function readyAgain(ctx: SimCtx, agent: SimAgent, at: number, media?: readonly number[]): void {
  ctx.pool.setState(agent, AGENT_STATE.ready, at, media);
  ctx.pool.occupy(agent, at);
}

export const RELEASED = PARTY_STATE.released;
export { PROLE };

// Inbound voice: a customer calls a routing point; URS waits in a virtual queue (or hands the
// call to an ACD queue) until an agent is free or the customer gives up. Answered calls may be
// put on hold, transferred blind, consulted then transferred or conferenced.
import type { SimAgent } from './agents.ts';
import type { Call, Party } from './calls.ts';
import { endIr, startCall } from './calls.ts';
import type { SiteCfg } from './center.ts';
import {
  AGENT_STATE,
  CALL_TYPE,
  ENDPOINT_TYPE,
  LINK,
  MEDIA,
  PARTY_STATE,
  PARTY_TYPE,
  PROLE,
  VQ_RESULT,
} from './codes.ts';
import type { SimCtx } from './context.ts';
import { agentParty, externalParty, wrapUp } from './context.ts';
import type { SimRow } from './row-log.ts';
import type { InteractionTruth } from './truth.ts';
import { newInteractionTruth } from './truth.ts';
import { attachCallData, closeCallData } from './user-data.ts';
import { crossSite } from './voice-multisite.ts';

const S = PARTY_STATE;

interface Answered {
  readonly call: Call;
  readonly customer: Party;
  readonly truth: InteractionTruth;
  agent: SimAgent;
  party: Party;
  /** When the current agent connected. */
  readonly at: number;
}

export function inboundVoice(ctx: SimCtx, t0: number): void {
  const { rng, center } = ctx;
  const site = center.sites[0]!;
  const ani = `555${rng.int(1000000, 9999999)}`;
  const dnis = `800555${String(rng.int(0, 9)).padStart(4, '0')}`;
  const call = startCall(ctx.calls, {
    site: 0,
    callType: CALL_TYPE.inbound,
    mediaType: MEDIA.voice,
    switchId: site.switchId,
    at: t0,
    ani,
    dnis,
  });
  const truth = newInteractionTruth(call.callId, 'inbound-answered', MEDIA.voice, 0, t0);
  ctx.truth.interactions.push(truth);
  const customer = externalParty(call, ani, { prole: PROLE.originator, state: S.connected, at: t0 });
  const rp = call.party({
    type: PARTY_TYPE.routingPoint,
    prole: PROLE.receiver,
    endpointId: site.rp.id,
    dn: site.rp.dn,
    endpointType: ENDPOINT_TYPE.routingPoint,
    state: S.routing,
    at: t0,
  });
  const data = attachCallData(ctx, call, rp, t0 + 1);
  const patience = 8 + Math.round(rng.exp(110));
  const finish = (end: number): void => {
    closeCallData(ctx, call, data, end, truth);
    call.end(end);
    endIr(ctx.calls, call.ir, end);
    truth.endTs = end;
  };

  if (rng.chance(ctx.multiSiteShare)) {
    crossSite(ctx, { call, customer, rp, truth, t0, patience, finish });
    return;
  }

  let parent: Party;
  let vq: SimRow | null = null;
  let routedAt: number;
  const viaVq = rng.chance(0.7);
  if (viaVq) {
    routedAt = t0 + 2;
    parent = rp;
    vq = ctx.log.insert(
      'g_virtual_queue',
      {
        callid: call.callId,
        partyid: rp.partyId,
        irid: call.ir.irid,
        endpointid: site.vq.id,
        tenantid: center.tenantId,
        result: VQ_RESULT.inProgress,
        resultreason: 0,
        targetdn: null,
        targetagentid: null,
        added_ts: routedAt,
        terminated_ts: null,
      },
      routedAt,
      { site: 0, units: call.units, open: true },
    );
  } else {
    routedAt = t0 + 3;
    parent = call.party({
      type: PARTY_TYPE.acdQueue,
      prole: PROLE.receiver,
      endpointId: site.acdQueue.id,
      dn: site.acdQueue.dn,
      endpointType: ENDPOINT_TYPE.acdQueue,
      parent: rp,
      link: LINK.routed,
      state: S.queued,
      at: routedAt,
    });
    call.release(rp, routedAt);
  }
  const got = ctx.pool.acquire('voice', 0, routedAt, Math.max(0, t0 + patience - routedAt - 1));
  if (!got) {
    const end = t0 + Math.max(patience, routedAt - t0);
    if (vq) ctx.log.update(vq, { result: VQ_RESULT.abandoned, terminated_ts: end }, end);
    call.release(customer, end);
    call.release(parent, end);
    truth.queueWait = end - t0;
    truth.abandoned = 'queue';
    truth.scenario = 'abandoned-in-queue';
    finish(end);
    return;
  }
  const tr = got.at;
  truth.queueWait = tr - t0;
  if (vq) {
    ctx.log.update(
      vq,
      {
        result: VQ_RESULT.diverted,
        terminated_ts: tr,
        targetdn: got.agent.cfg.dn,
        targetagentid: got.agent.cfg.id,
      },
      tr,
    );
    routeResult(ctx, call, rp, site, got.agent, tr);
  }
  const outcome = ring(ctx, call, customer, parent, LINK.routed, got.agent, tr, t0 + patience, truth);
  if (outcome.kind === 'abandoned') {
    finish(outcome.at);
    return;
  }
  const answered: Answered = {
    call,
    customer,
    truth,
    agent: outcome.agent,
    party: outcome.party,
    at: outcome.at,
  };
  truth.answeredBy = outcome.agent.cfg.id;
  const end = talk(ctx, answered);
  finish(end);
}

function routeResult(ctx: SimCtx, call: Call, rp: Party, site: SiteCfg, agent: SimAgent, at: number): void {
  ctx.log.insert(
    'g_route_result',
    {
      callid: call.callId,
      connid: call.row.v.connid ?? null,
      partyid: rp.partyId,
      irid: call.ir.irid,
      endpointid: site.rp.id,
      rtargetruleselected: 'LongestIdle',
      rtargetobjectselected: site.vq.dn,
      rtargetagentselected: agent.cfg.userName,
      rtargettypeselected: 1,
      rstrategyname: 'Inbound_Main',
      result: 1,
      added_ts: at,
    },
    at,
    { site: 0, units: call.units },
  );
}

type RingOutcome =
  | { readonly kind: 'abandoned'; readonly at: number }
  | { readonly kind: 'answered'; readonly agent: SimAgent; readonly party: Party; readonly at: number };

/** Alerts an agent; the customer may hang up while it rings, or it rings out to a second agent. */
function ring(
  ctx: SimCtx,
  call: Call,
  customer: Party,
  parent: Party,
  link: number,
  agent: SimAgent,
  tr: number,
  patienceEnd: number,
  truth: InteractionTruth,
): RingOutcome {
  const { rng, pool } = ctx;
  const party = agentParty(call, agent, { prole: PROLE.receiver, parent, link, state: S.alerting, at: tr });
  if (parent.row.v.type !== PARTY_TYPE.agent) call.release(parent, tr);
  pool.setState(agent, AGENT_STATE.busy, tr);
  truth.agents.push(agent.cfg.id);
  const ringFor = rng.lognormal(6, 0.4, 2, 20);
  if (patienceEnd < tr + ringFor) {
    const at = Math.max(tr, patienceEnd);
    call.release(customer, at);
    call.release(party, at);
    pool.setState(agent, AGENT_STATE.ready, at);
    pool.occupy(agent, at);
    truth.abandoned = 'ringing';
    truth.ring += at - tr;
    truth.scenario = 'abandoned-while-ringing';
    return { kind: 'abandoned', at };
  }
  if (rng.chance(0.04)) {
    const timeout = tr + 12;
    const next = pool.acquire('voice', agent.cfg.site, timeout, 0, agent);
    if (next && patienceEnd > timeout + 10) {
      call.release(party, timeout);
      pool.notReady(agent, timeout, 120, 'RingNoAnswer');
      truth.ring += 12;
      truth.scenario = 'ring-no-answer';
      return ring(ctx, call, customer, party, LINK.redirected, next.agent, timeout, patienceEnd, truth);
    }
  }
  const at = tr + ringFor;
  call.state(party, S.connected, at);
  truth.ring += ringFor;
  return { kind: 'answered', agent, party, at };
}

/** Conversation, holds and the optional hand-over to a second agent; returns the call's end. */
function talk(ctx: SimCtx, a: Answered): number {
  const { rng, pool } = ctx;
  const { call, customer, truth } = a;
  let t = a.at;
  let agent = a.agent;
  let party = a.party;
  const first = rng.lognormal(120, 0.7, 10, 2400);
  if (rng.chance(0.25)) {
    // The hold starts and ends inside the conversation: some talk before and after it.
    const before = Math.round(first * (0.1 + 0.6 * rng.next()));
    const after = Math.max(5, first - before);
    const hold = rng.lognormal(40, 0.6, 5, 600);
    call.state(party, S.held, t + before);
    call.state(party, S.connected, t + before + hold);
    truth.talk += before + after;
    truth.hold += hold;
    t += before + hold + after;
  } else {
    truth.talk += first;
    t += first;
  }
  const roll = rng.next();
  const kind =
    roll < 0.05
      ? 'blind-transfer'
      : roll < 0.09
        ? 'consult-transfer'
        : roll < 0.11
          ? 'conference'
          : roll < 0.13
            ? 'simple-consult'
            : null;
  const second = kind ? pool.acquire('voice', agent.cfg.site, t, 0, agent) : null;
  if (kind && second) {
    truth.scenario = kind;
    const other = second.agent;
    truth.agents.push(other.cfg.id);
    if (kind === 'blind-transfer') {
      const p2 = agentParty(call, other, {
        prole: PROLE.receiver,
        parent: party,
        link: LINK.transferred,
        state: S.alerting,
        at: t,
      });
      call.release(party, t);
      truth.acw += wrapUp(ctx, agent, t);
      pool.setState(other, AGENT_STATE.busy, t);
      const r = rng.lognormal(6, 0.4, 2, 15);
      call.state(p2, S.connected, t + r);
      truth.ring += r;
      t += r;
      agent = other;
      party = p2;
    } else {
      const merge = kind === 'consult-transfer' ? 1 : kind === 'conference' ? 2 : 0;
      const res = consult(ctx, call, party, agent, other, t, merge, truth);
      t = res.at;
      if (res.party) {
        if (merge === 1) {
          agent = other;
          party = res.party;
        } else {
          // Conference: the first agent drops out after a while, the second stays with the customer.
          const stay = rng.lognormal(60, 0.5, 5, 900);
          call.release(party, t + stay);
          truth.acw += wrapUp(ctx, agent, t + stay);
          truth.talk += stay;
          t += stay;
          agent = other;
          party = res.party;
        }
      }
    }
    const rest = rng.lognormal(90, 0.7, 5, 1800);
    truth.talk += rest;
    t += rest;
  }
  call.release(customer, t);
  call.release(party, t);
  truth.acw += wrapUp(ctx, agent, t);
  return t;
}

/**
 * Consult call from `agent` to `other` (CallType 4, same IR). merge 1 = transfer, 2 = conference,
 * 0 = consult only. Returns when the consult ended and the second agent's party on the main call.
 */
function consult(
  ctx: SimCtx,
  main: Call,
  party: Party,
  agent: SimAgent,
  other: SimAgent,
  t: number,
  merge: number,
  truth: InteractionTruth,
): { at: number; party: Party | null } {
  const { rng, pool } = ctx;
  main.state(party, S.held, t);
  const c = startCall(ctx.calls, {
    site: main.site,
    callType: CALL_TYPE.consult,
    mediaType: MEDIA.voice,
    switchId: agent.cfg.switchId,
    at: t,
    ani: agent.cfg.dn,
    dnis: other.cfg.dn,
    ir: main.ir,
    parentCallId: main.callId,
  });
  const init = agentParty(c, agent, {
    prole: PROLE.originator,
    parent: party,
    link: LINK.consultInitiator,
    state: S.dialing,
    at: t,
  });
  const recv = agentParty(c, other, {
    prole: PROLE.receiver,
    parent: init,
    link: LINK.consulted,
    state: S.alerting,
    at: t,
  });
  pool.setState(other, AGENT_STATE.busy, t);
  const r = rng.lognormal(6, 0.4, 2, 15);
  c.state(init, S.connected, t + r);
  c.state(recv, S.connected, t + r);
  const talkFor = rng.lognormal(50, 0.5, 5, 600);
  const tm = t + r + talkFor;
  truth.hold += tm - t;
  truth.detail.consultTalk = talkFor;
  c.release(init, tm);
  if (merge === 0) {
    c.release(recv, tm);
    c.end(tm);
    main.state(party, S.connected, tm);
    pool.setState(other, AGENT_STATE.ready, tm);
    pool.occupy(other, tm);
    return { at: tm, party: null };
  }
  if (merge === 1) {
    main.release(party, tm);
    truth.acw += wrapUp(ctx, agent, tm);
  } else {
    main.state(party, S.connected, tm);
  }
  const moved = c.move(recv, main, tm, merge === 1 ? PROLE.receiver : PROLE.conferenceMember);
  c.end(tm, { call: main, mergeType: merge });
  return { at: tm, party: moved };
}

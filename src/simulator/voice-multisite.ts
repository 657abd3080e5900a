// Multi-site routing: URS at the first site sends the call over ISCC to an agent of the second
// site (whose half goes to that site's IDB), or to a site no IDB monitors. Each half records a
// G_IS_LINK row with the shared ISLinkID; the stub External party stands for the other site.
import type { Call, Party } from './calls.ts';
import { endIr, startCall } from './calls.ts';
import { AGENT_STATE, CALL_TYPE, IS_LINK_TYPE, LINK, MEDIA, PARTY_STATE, PROLE } from './codes.ts';
import type { SimCtx } from './context.ts';
import { agentParty, externalParty, wrapUp } from './context.ts';
import type { InteractionTruth } from './truth.ts';

const S = PARTY_STATE;

export interface CrossSiteCall {
  readonly call: Call;
  readonly customer: Party;
  readonly rp: Party;
  readonly truth: InteractionTruth;
  readonly t0: number;
  readonly patience: number;
  readonly finish: (end: number) => void;
}

function link(
  ctx: SimCtx,
  call: Call,
  stub: Party,
  id: string,
  type: number,
  remote: string,
  at: number,
): void {
  ctx.log.insert(
    'g_is_link',
    {
      islinkid: id,
      callid: call.callId,
      partyid: stub.partyId,
      switchid: call.row.v.switchid ?? null,
      linktype: type,
      remotelocation: remote,
      added_ts: at,
    },
    at,
    { site: call.site, units: call.units },
  );
}

export function crossSite(ctx: SimCtx, c: CrossSiteCall): void {
  const { rng, center, pool } = ctx;
  const { call, customer, rp, truth } = c;
  truth.scenario = 'multi-site';
  const routedAt = c.t0 + 3;
  const remote = center.sites[1];
  const got = remote ? pool.acquire('voice', 1, routedAt, Math.max(0, c.t0 + c.patience - routedAt)) : null;
  const linkId = ctx.ids.next('L');
  if (!remote || !got || rng.chance(0.2)) {
    // To a site nobody monitors: only this half exists; the remote location is declared.
    const where = center.unmonitoredLocation;
    if (!ctx.remoteLocations.has(where)) {
      ctx.remoteLocations.add(where);
      ctx.log.insert('gsys_dnpremotelocation', { remotelocation: where }, routedAt, { site: 0 });
    }
    const stub = externalParty(call, where, {
      prole: PROLE.receiver,
      parent: rp,
      link: LINK.routed,
      state: S.alerting,
      at: routedAt,
    });
    call.release(rp, routedAt);
    link(ctx, call, stub, linkId, IS_LINK_TYPE.outgoing, where, routedAt);
    const answer = routedAt + rng.lognormal(8, 0.4, 2, 30);
    const end = answer + rng.lognormal(150, 0.6, 10, 2400);
    call.state(stub, S.connected, answer);
    call.release(customer, end);
    call.release(stub, end);
    truth.detail.remoteLocation = where;
    truth.queueWait = routedAt - c.t0;
    c.finish(end);
    return;
  }
  const tr = got.at;
  const agent = got.agent;
  const stub = externalParty(call, remote.location, {
    prole: PROLE.receiver,
    parent: rp,
    link: LINK.routed,
    state: S.alerting,
    at: tr,
  });
  call.release(rp, tr);
  link(ctx, call, stub, linkId, IS_LINK_TYPE.outgoing, remote.location, tr);
  const far = startCall(ctx.calls, {
    site: 1,
    callType: CALL_TYPE.inbound,
    mediaType: MEDIA.voice,
    switchId: remote.switchId,
    at: tr,
    ani: String(call.row.v.ani ?? ''),
    dnis: remote.rp.dn,
  });
  const farStub = externalParty(far, center.sites[0]!.location, {
    prole: PROLE.originator,
    state: S.connected,
    at: tr,
  });
  link(ctx, far, farStub, linkId, IS_LINK_TYPE.incoming, center.sites[0]!.location, tr);
  const p = agentParty(far, agent, { prole: PROLE.receiver, state: S.alerting, at: tr });
  pool.setState(agent, AGENT_STATE.busy, tr);
  const ringFor = rng.lognormal(6, 0.4, 2, 20);
  const answer = tr + ringFor;
  far.state(p, S.connected, answer);
  call.state(stub, S.connected, answer);
  const talkFor = rng.lognormal(150, 0.6, 10, 2400);
  const end = answer + talkFor;
  far.release(p, end);
  far.release(farStub, end);
  far.end(end);
  endIr(ctx.calls, far.ir, end);
  call.release(customer, end);
  call.release(stub, end);
  truth.answeredBy = agent.cfg.id;
  truth.agents.push(agent.cfg.id);
  truth.ring = ringFor;
  truth.talk = talkFor;
  truth.queueWait = tr - c.t0;
  truth.detail.farCallId = far.callId;
  truth.acw = wrapUp(ctx, agent, end);
  c.finish(end);
}

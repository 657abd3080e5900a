// Chats and e-mails (Interaction Server): the interaction waits in an interaction queue for a
// multimedia agent. A chat customer may leave while queued; an e-mail never abandons, may wait
// overnight, and may be placed in a workbin by its first agent and pulled days later, so some
// interactions are still open at the end of the period.
import type { Agenda } from './agenda.ts';
import type { SimAgent } from './agents.ts';
import type { Call, Party } from './calls.ts';
import { endIr, startCall } from './calls.ts';
import {
  AGENT_STATE,
  CALL_TYPE,
  ENDPOINT_TYPE,
  LINK,
  MEDIA,
  PARTY_STATE,
  PARTY_TYPE,
  PROLE,
} from './codes.ts';
import type { SimCtx } from './context.ts';
import { agentParty, externalParty, readyAgain } from './context.ts';
import type { InteractionTruth } from './truth.ts';
import { newInteractionTruth } from './truth.ts';
import { attachCallData, closeCallData } from './user-data.ts';
import type { CallData } from './user-data.ts';

const S = PARTY_STATE;

interface Waiting {
  readonly call: Call;
  readonly queue: Party;
  readonly truth: InteractionTruth;
  readonly data: CallData;
  readonly since: number;
  readonly pull: boolean;
}

export interface Multimedia {
  chat(t: number): void;
  email(t: number): void;
  /** Hands queued e-mails and workbin items to free agents (run every few minutes). */
  dispatch(t: number): void;
}

export function makeMultimedia(ctx: SimCtx, agenda: Agenda): Multimedia {
  const { rng, center, pool } = ctx;
  const queued: Waiting[] = [];

  function finish(w: Waiting, end: number): void {
    closeCallData(ctx, w.call, w.data, end, w.truth);
    w.call.end(end);
    endIr(ctx.calls, w.call.ir, end);
    w.truth.endTs = end;
  }

  function queueParty(call: Call, at: number, parent: Party | null): Party {
    const wb = parent !== null;
    const e = wb ? center.workbin : center.interactionQueue;
    return call.party({
      type: wb ? PARTY_TYPE.workbin : PARTY_TYPE.interactionQueue,
      prole: PROLE.receiver,
      endpointId: e.id,
      dn: e.dn,
      endpointType: wb ? ENDPOINT_TYPE.workbin : ENDPOINT_TYPE.interactionQueue,
      parent,
      link: wb ? LINK.placed : 0,
      state: S.queued,
      at,
    });
  }

  function handleEmail(w: Waiting, agent: SimAgent, at: number): void {
    const { call } = w;
    const p = agentParty(call, agent, {
      prole: PROLE.receiver,
      parent: w.queue,
      link: w.pull ? LINK.pulled : LINK.routed,
      state: S.alerting,
      at,
    });
    call.release(w.queue, at);
    pool.setState(agent, AGENT_STATE.busy, at, [MEDIA.email]);
    if (w.truth.answeredBy === null) w.truth.queueWait = at - w.since;
    w.truth.agents.push(agent.cfg.id);
    const accept = at + rng.int(1, 5);
    call.state(p, S.connected, accept);
    const work = rng.lognormal(300, 0.6, 30, 3600);
    const end = accept + work;
    w.truth.ring += accept - at;
    w.truth.talk += work;
    w.truth.answeredBy ??= agent.cfg.id;
    if (!w.pull && rng.chance(0.25)) {
      // Placed in a workbin to finish later: the interaction stays open until someone pulls it.
      const wb = queueParty(call, end, p);
      call.release(p, end);
      readyAgain(ctx, agent, end, [MEDIA.email]);
      w.truth.scenario = 'email-deferred';
      const later = end + rng.int(2 * 3600, 3 * 86400);
      agenda.push(later, () => queued.push({ ...w, queue: wb, since: later, pull: true }));
      return;
    }
    call.release(p, end);
    readyAgain(ctx, agent, end, [MEDIA.email]);
    finish(w, end);
  }

  return {
    chat(t0) {
      const call = startCall(ctx.calls, {
        site: 0,
        callType: CALL_TYPE.inbound,
        mediaType: MEDIA.chat,
        switchId: null,
        at: t0,
        subject: 'Chat',
      });
      const truth = newInteractionTruth(call.callId, 'chat', MEDIA.chat, 0, t0);
      ctx.truth.interactions.push(truth);
      const customer = externalParty(call, `visitor${rng.int(1000, 99999)}`, {
        prole: PROLE.originator,
        state: S.connected,
        at: t0,
      });
      customer.row.v.endpointtype = 0;
      const iq = queueParty(call, t0, null);
      const data = attachCallData(ctx, call, iq, t0);
      const w: Waiting = { call, queue: iq, truth, data, since: t0, pull: false };
      const patience = 20 + Math.round(rng.exp(240));
      const got = pool.acquire('mm', 0, t0, patience);
      if (!got) {
        const end = t0 + patience;
        call.release(customer, end);
        call.release(iq, end);
        truth.abandoned = 'queue';
        truth.queueWait = patience;
        truth.scenario = 'chat-abandoned';
        finish(w, end);
        return;
      }
      const { agent, at } = got;
      const p = agentParty(call, agent, {
        prole: PROLE.receiver,
        parent: iq,
        link: LINK.routed,
        state: S.alerting,
        at,
      });
      call.release(iq, at);
      pool.setState(agent, AGENT_STATE.busy, at, [MEDIA.chat]);
      const accept = at + rng.int(2, 8);
      call.state(p, S.connected, accept);
      const talk = rng.lognormal(420, 0.5, 30, 3600);
      const end = accept + talk;
      call.release(customer, end);
      call.release(p, end);
      readyAgain(ctx, agent, end, [MEDIA.chat]);
      Object.assign(truth, { answeredBy: agent.cfg.id, ring: accept - at, talk, queueWait: at - t0 });
      truth.agents.push(agent.cfg.id);
      finish(w, end);
    },
    email(t0) {
      const call = startCall(ctx.calls, {
        site: 0,
        callType: CALL_TYPE.inbound,
        mediaType: MEDIA.email,
        switchId: null,
        at: t0,
        subject: rng.pick(['Invoice question', 'Change of address', 'Complaint', 'Order status']),
      });
      const truth = newInteractionTruth(call.callId, 'email', MEDIA.email, 0, t0);
      ctx.truth.interactions.push(truth);
      const iq = queueParty(call, t0, null);
      const data = attachCallData(ctx, call, iq, t0);
      queued.push({ call, queue: iq, truth, data, since: t0, pull: false });
    },
    dispatch(t) {
      while (queued.length > 0) {
        const got = pool.acquire('mm', 0, t, 0);
        if (!got) return;
        const w = queued.shift()!;
        handleEmail(w, got.agent, Math.max(got.at, w.since));
      }
    },
  };
}

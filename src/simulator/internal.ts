// Internal calls between two agents (CallType 1): the caller dials, the callee answers or not.
import { endIr, startCall } from './calls.ts';
import { AGENT_STATE, CALL_TYPE, MEDIA, PARTY_STATE, PROLE } from './codes.ts';
import type { SimCtx } from './context.ts';
import { agentParty, readyAgain } from './context.ts';
import { newInteractionTruth } from './truth.ts';

export function internalCall(ctx: SimCtx, t0: number): void {
  const { rng, pool } = ctx;
  const caller = pool.acquire('voice', 0, t0, 0);
  if (!caller) return;
  const callee = pool.acquire('voice', 0, t0, 0, caller.agent);
  if (!callee) return;
  const a = caller.agent;
  const b = callee.agent;
  const call = startCall(ctx.calls, {
    site: 0,
    callType: CALL_TYPE.internal,
    mediaType: MEDIA.voice,
    switchId: a.cfg.switchId,
    at: t0,
    ani: a.cfg.dn,
    dnis: b.cfg.dn,
  });
  const answered = rng.chance(0.8);
  const truth = newInteractionTruth(
    call.callId,
    answered ? 'internal' : 'internal-unanswered',
    MEDIA.voice,
    0,
    t0,
  );
  ctx.truth.interactions.push(truth);
  truth.agents.push(a.cfg.id, b.cfg.id);
  const pa = agentParty(call, a, { prole: PROLE.originator, state: PARTY_STATE.dialing, at: t0 });
  const pb = agentParty(call, b, { prole: PROLE.receiver, state: PARTY_STATE.alerting, at: t0 });
  pool.setState(a, AGENT_STATE.busy, t0);
  pool.setState(b, AGENT_STATE.busy, t0);
  let end: number;
  if (answered) {
    const r = rng.lognormal(5, 0.4, 1, 15);
    call.state(pa, PARTY_STATE.connected, t0 + r);
    call.state(pb, PARTY_STATE.connected, t0 + r);
    const talk = rng.lognormal(90, 0.7, 5, 1800);
    end = t0 + r + talk;
    truth.answeredBy = b.cfg.id;
    truth.ring = r;
    truth.talk = talk;
  } else {
    end = t0 + rng.int(8, 25);
    truth.ring = end - t0;
  }
  call.release(pa, end);
  call.release(pb, end);
  call.end(end);
  endIr(ctx.calls, call.ir, end);
  truth.endTs = end;
  readyAgain(ctx, a, end);
  readyAgain(ctx, b, end);
}

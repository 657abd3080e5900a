// Outbound campaigns: a campaign-group session per campaign and day (GO_CAMPAIGN with its state
// history), calling-list records dialed as chains of attempts; each attempt is a CallType 3 call
// from an agent to the customer, linked to its chain by GOX_CHAIN_CALL, with a call result.
// Unanswered records are rescheduled through the agenda.
import type { Agenda } from './agenda.ts';
import { endIr, startCall } from './calls.ts';
import type { CampaignCfg } from './center.ts';
import {
  AGENT_STATE,
  ATTEMPT_CAUSE,
  ATTEMPT_CAUSE_BY,
  CALL_RESULT,
  CALL_TYPE,
  CAMPAIGN_STATE,
  CHAIN_STATE,
  CONTACT_INFO_TYPE,
  MEDIA,
  PARTY_STATE,
  PROLE,
  RECORD_STATUS,
  RECORD_TYPE,
} from './codes.ts';
import type { SimCtx } from './context.ts';
import { agentParty, externalParty, readyAgain, wrapUp } from './context.ts';
import type { SimRow } from './row-log.ts';
import { newInteractionTruth } from './truth.ts';

const DAY = 86400;
export const OUTBOUND_HOURS = { from: 9, till: 19 } as const;

interface CampaignSession {
  readonly sessId: string;
  readonly campaign: CampaignCfg;
}

interface Chain {
  readonly guid: string;
  readonly row: SimRow;
  readonly session: CampaignSession;
  readonly handle: number;
  readonly phone: string;
  readonly contactType: number;
  lastState: number;
  lastStateTs: number;
  attempts: number;
}

export interface Outbound {
  /** Loads the day's campaign-group sessions (08:00–20:00 UTC of the day starting at dayStart). */
  startDay(dayStart: number): void;
  /** A new calling-list record dialed at t. */
  newRecord(t: number): void;
}

export function makeOutbound(ctx: SimCtx, agenda: Agenda): Outbound {
  const { log, ids, rng, center } = ctx;
  let sessions: CampaignSession[] = [];
  let handles = 0;

  function campaignHistory(s: CampaignSession, state: number, prev: number, at: number): void {
    log.insert(
      'go_campaignhistory',
      {
        sessid: s.sessId,
        campaignid: s.campaign.id,
        groupid: s.campaign.groupId,
        state,
        prevstate: prev,
        dialmode: s.campaign.dialMode,
        added_ts: at,
      },
      at,
      { units: [s.sessId] },
    );
  }

  function chainRec(
    c: Chain,
    state: number,
    at: number,
    extra: Record<string, number | string | null>,
  ): void {
    log.insert(
      'go_chainrec_hist',
      {
        chainguid: c.guid,
        recordhandle: c.handle,
        state,
        prevstate: c.lastState,
        prevsenter_ts: c.lastStateTs,
        callattid: null,
        chainn: 1,
        attemptnumber: c.attempts,
        callresult: 28,
        recordtype: RECORD_TYPE.general,
        recordstatus: RECORD_STATUS.retrieved,
        contactinfo: c.phone,
        contactinfotype: c.contactType,
        timezoneid: c.session.campaign.timeZoneId,
        dailyfrom: OUTBOUND_HOURS.from * 3600,
        dailytill: OUTBOUND_HOURS.till * 3600,
        attemptcause: 0,
        attemptcauseby: 0,
        added_ts: at,
        ...extra,
      },
      at,
      { units: [c.guid, c.session.sessId] },
    );
    c.lastState = state;
    c.lastStateTs = at;
  }

  function attempt(c: Chain, t: number): void {
    const got = ctx.pool.acquire('voice', 0, t, 30);
    const hour = Math.floor((t % DAY) / 3600);
    if (!got || hour >= OUTBOUND_HOURS.till) {
      const next =
        hour >= OUTBOUND_HOURS.till
          ? t - (t % DAY) + DAY + OUTBOUND_HOURS.from * 3600 + rng.int(0, 3600)
          : t + 600;
      agenda.push(next, (at) => attempt(c, at));
      return;
    }
    const agent = got.agent;
    const at = got.at;
    c.attempts += 1;
    const callAttId = ids.next('A');
    chainRec(c, CHAIN_STATE.processing, at, { callattid: callAttId });
    const call = startCall(ctx.calls, {
      site: 0,
      callType: CALL_TYPE.outbound,
      mediaType: MEDIA.voice,
      switchId: agent.cfg.switchId,
      at,
      ani: agent.cfg.dn,
      dnis: c.phone,
    });
    log.insert(
      'gox_chain_call',
      { callid: call.callId, chainguid: c.guid, callattid: callAttId, added_ts: at },
      at,
      {
        units: [c.guid],
      },
    );
    if (c.attempts === 1) {
      for (const [name, value] of [
        ['FirstName', rng.pick(['Ada', 'Bo', 'Cy', 'Di'])],
        ['Balance', String(rng.int(0, 5000))],
      ] as const) {
        log.insert(
          'go_fieldhist',
          {
            chainguid: c.guid,
            recordhandle: c.handle,
            callattid: callAttId,
            fieldname: name,
            fieldvalue: value,
            added_ts: at,
          },
          at,
          { units: [c.guid] },
        );
      }
    }
    const truth = newInteractionTruth(call.callId, 'outbound', MEDIA.voice, 0, at);
    ctx.truth.interactions.push(truth);
    truth.agents.push(agent.cfg.id);
    const pa = agentParty(call, agent, { prole: PROLE.originator, state: PARTY_STATE.dialing, at });
    const pc = externalParty(call, c.phone, { prole: PROLE.receiver, state: PARTY_STATE.alerting, at });
    ctx.pool.setState(agent, AGENT_STATE.busy, at);
    const result = [CALL_RESULT.answer, CALL_RESULT.noAnswer, CALL_RESULT.busy, CALL_RESULT.answeringMachine][
      rng.weighted([45, 30, 10, 15])
    ]!;
    let end: number;
    if (result === CALL_RESULT.answer) {
      const ring = rng.lognormal(12, 0.4, 3, 40);
      call.state(pa, PARTY_STATE.connected, at + ring);
      call.state(pc, PARTY_STATE.connected, at + ring);
      const talk = rng.lognormal(150, 0.6, 10, 1800);
      end = at + ring + talk;
      call.release(pc, end);
      call.release(pa, end);
      truth.answeredBy = agent.cfg.id;
      truth.ring = ring;
      truth.talk = talk;
      truth.acw = wrapUp(ctx, agent, end);
    } else {
      const busy = result === CALL_RESULT.busy;
      if (busy) call.state(pc, PARTY_STATE.busy, at + 3);
      end = at + (busy ? 4 : result === CALL_RESULT.noAnswer ? 25 : 14);
      call.release(pa, end);
      call.release(pc, end);
      readyAgain(ctx, agent, end);
    }
    call.end(end);
    endIr(ctx.calls, call.ir, end);
    truth.endTs = end;
    truth.detail.callResult = result;
    truth.detail.chainGuid = c.guid;
    truth.detail.attempt = c.attempts;
    const done = result === CALL_RESULT.answer || c.attempts >= 3;
    chainRec(c, CHAIN_STATE.processed, end, {
      callattid: callAttId,
      callresult: result,
      recordstatus: RECORD_STATUS.updated,
      attemptcause: done ? ATTEMPT_CAUSE.processed : ATTEMPT_CAUSE.rescheduled,
      attemptcauseby: result === CALL_RESULT.answer ? ATTEMPT_CAUSE_BY.byAgent : ATTEMPT_CAUSE_BY.bySystem,
    });
    if (done) {
      log.update(c.row, { state: CHAIN_STATE.terminated, terminated_ts: end }, end);
    } else {
      agenda.push(end + rng.int(3600, 4 * 3600), (next) => attempt(c, next));
    }
  }

  return {
    startDay(dayStart) {
      sessions = center.campaigns.map((campaign) => {
        const sessId = ids.next('S');
        const s: CampaignSession = { sessId, campaign };
        const open = dayStart + 8 * 3600;
        const close = dayStart + 20 * 3600;
        const row = log.insert(
          'go_campaign',
          {
            sessid: sessId,
            campaignid: campaign.id,
            groupid: campaign.groupId,
            tenantid: center.tenantId,
            dialmode: campaign.dialMode,
            state: CAMPAIGN_STATE.loaded,
            created_ts: open,
            terminated_ts: null,
          },
          open,
          { units: [sessId], anchor: true },
        );
        campaignHistory(s, CAMPAIGN_STATE.loaded, CAMPAIGN_STATE.unloaded, open);
        log.update(row, { state: CAMPAIGN_STATE.started }, open + 60, false);
        campaignHistory(s, CAMPAIGN_STATE.started, CAMPAIGN_STATE.loaded, open + 60);
        campaignHistory(s, CAMPAIGN_STATE.unloading, CAMPAIGN_STATE.started, close - 60);
        campaignHistory(s, CAMPAIGN_STATE.unloaded, CAMPAIGN_STATE.unloading, close);
        log.update(row, { state: CAMPAIGN_STATE.unloaded, terminated_ts: close }, close);
        return s;
      });
    },
    newRecord(t) {
      const session = sessions.length > 0 ? rng.pick(sessions) : null;
      if (!session) return;
      handles += 1;
      const guid = ids.next('CH');
      const row = log.insert(
        'go_chain',
        {
          chainguid: guid,
          parentguid: null,
          sessid: session.sessId,
          campaignid: session.campaign.id,
          groupid: session.campaign.groupId,
          callinglistid: session.campaign.callingListId,
          chainid: handles,
          state: CHAIN_STATE.processing,
          created_ts: t,
          terminated_ts: null,
        },
        t,
        { units: [guid, session.sessId], anchor: true, open: true },
      );
      const c: Chain = {
        guid,
        row,
        session,
        handle: handles,
        phone: `1${rng.int(200, 989)}${rng.int(1000000, 9999999)}`,
        contactType: rng.pick([
          CONTACT_INFO_TYPE.homePhone,
          CONTACT_INFO_TYPE.mobile,
          CONTACT_INFO_TYPE.directBusinessPhone,
        ]),
        lastState: CHAIN_STATE.scheduled,
        lastStateTs: t,
        attempts: 0,
      };
      attempt(c, t);
    },
  };
}

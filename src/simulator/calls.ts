// Builds the rows of one interaction as ICON records it: G_IR and its history, G_CALL and its
// history, G_PARTY rows with every state change in G_PARTY_HISTORY (PSeq runs over the whole life
// of a PartyGUID, across moves), attached data. Rows start open and are closed by their last
// change, so an interaction that spans several generation steps (queued e-mail) is written whole.
import { CALL_CHANGE, CALL_STATE, IR_CHANGE, PARTY_CHANGE, PARTY_STATE, USERDATA_CHANGE } from './codes.ts';
import type { IdGen } from './ids.ts';
import type { RowLog, SimRow } from './row-log.ts';

export interface CallCtx {
  readonly log: RowLog;
  readonly ids: IdGen;
  readonly tenantId: number;
}

export interface Ir {
  readonly irid: string;
  readonly row: SimRow;
  readonly site: number;
  xseq: number;
}

export interface Party {
  readonly partyId: string;
  readonly guid: { readonly id: string; pseq: number };
  readonly row: SimRow;
  readonly call: Call;
  readonly endpointId: number;
  state: number;
  ended: boolean;
}

export interface PartyOpts {
  readonly type: number;
  readonly prole: number;
  readonly endpointId: number;
  readonly dn: string | null;
  readonly endpointType: number;
  readonly agentId?: number | null;
  readonly switchId?: number | null;
  readonly parent?: Party | null;
  readonly link?: number;
  readonly state: number;
  readonly at: number;
  /** Continue an existing PartyGUID (a party moved in from another call). */
  readonly guid?: Party['guid'];
}

export interface Call {
  readonly callId: string;
  readonly ir: Ir;
  readonly row: SimRow;
  readonly site: number;
  readonly units: readonly string[];
  cseq: number;
  party(opts: PartyOpts): Party;
  state(p: Party, state: number, at: number): void;
  release(p: Party, at: number): void;
  /** Ends p on this call (ChangeType 4) and continues its PartyGUID on `to`. */
  move(p: Party, to: Call, at: number, prole: number): Party;
  userData(p: Party | null, key: string, value: string, at: number, change?: number): void;
  /** Terminates the call; with `into`, as merged into that call. */
  end(at: number, into?: { readonly call: Call; readonly mergeType: number }): void;
}

export interface CallOpts {
  readonly site: number;
  readonly callType: number;
  readonly mediaType: number;
  readonly switchId: number | null;
  readonly at: number;
  readonly ani?: string | null;
  readonly dnis?: string | null;
  readonly subject?: string | null;
  /** Join an existing interaction record (consult calls); otherwise a new one is started. */
  readonly ir?: Ir;
  readonly parentCallId?: string | null;
}

export function startIr(ctx: CallCtx, site: number, mediaType: number, at: number, rootCallId: string): Ir {
  const irid = ctx.ids.next('IR');
  const row = ctx.log.insert(
    'g_ir',
    {
      irid,
      state: CALL_STATE.active,
      parentirid: null,
      parentlinktype: 0,
      rootcallid: rootCallId,
      mediatype: mediaType,
      created_ts: at,
      terminated_ts: null,
    },
    at,
    { site, units: [irid], anchor: true, open: true },
  );
  const ir: Ir = { irid, row, site, xseq: 0 };
  irHistory(ctx, ir, IR_CHANGE.created, at);
  return ir;
}

function irHistory(ctx: CallCtx, ir: Ir, changetype: number, at: number): void {
  ir.xseq += 1;
  ctx.log.insert(
    'g_ir_history',
    { irid: ir.irid, xseq: ir.xseq, changetype, refid: null, added_ts: at },
    at,
    { site: ir.site, units: [ir.irid] },
  );
}

export function endIr(ctx: CallCtx, ir: Ir, at: number): void {
  ctx.log.update(ir.row, { state: CALL_STATE.terminated, terminated_ts: at }, at);
  irHistory(ctx, ir, IR_CHANGE.terminated, at);
}

export function startCall(ctx: CallCtx, opts: CallOpts): Call {
  const { log, ids } = ctx;
  const voice = opts.mediaType === 1;
  const callId = ids.next(voice ? 'C' : 'M');
  const ir = opts.ir ?? startIr(ctx, opts.site, opts.mediaType, opts.at, callId);
  const units = [callId, ir.irid];
  const conn = voice ? ids.connId() : null;
  const row = log.insert(
    'g_call',
    {
      callid: callId,
      irid: ir.irid,
      parentcallid: opts.parentCallId ?? null,
      mergecallid: null,
      mergetype: voice ? 0 : null,
      connid: conn?.connId ?? null,
      connidnum: conn?.connIdNum ?? null,
      switchcallid: null,
      calltype: opts.callType,
      mediatype: opts.mediaType,
      switchid: opts.switchId,
      tenantid: ctx.tenantId,
      state: CALL_STATE.active,
      ccevent: null,
      cceventcause: null,
      ani: opts.ani ?? null,
      dnis: opts.dnis ?? null,
      subject: opts.subject ?? null,
      created_ts: opts.at,
      terminated_ts: null,
    },
    opts.at,
    { site: opts.site, units, anchor: true, open: true },
  );
  const history = (changetype: number, at: number, refid: string | null): void => {
    call.cseq += 1;
    log.insert('g_call_history', { callid: callId, cseq: call.cseq, changetype, refid, added_ts: at }, at, {
      site: opts.site,
      units,
    });
  };
  const partyHistory = (p: Party, changetype: number, state: number, prev: number, at: number): void => {
    call.cseq += 1;
    p.guid.pseq += 1;
    log.insert(
      'g_party_history',
      {
        partyid: p.partyId,
        pseq: p.guid.pseq,
        cseq: call.cseq,
        changetype,
        ccevent: null,
        cceventcause: null,
        callid: callId,
        state,
        prevstate: prev,
        endpointid: p.endpointId,
        added_ts: at,
      },
      at,
      { site: opts.site, units },
    );
  };

  const call: Call = {
    callId,
    ir,
    row,
    site: opts.site,
    units,
    cseq: 0,
    party(p) {
      const partyId = ids.next('P');
      const guid = p.guid ?? { id: ids.next('G'), pseq: 0 };
      const prow = log.insert(
        'g_party',
        {
          partyid: partyId,
          partyguid: guid.id,
          callid: callId,
          type: p.type,
          prole: p.prole,
          parentpartyid: p.parent?.partyId ?? null,
          parentlinktype: p.parent ? (p.link ?? 0) : 0,
          state: p.state,
          prevstate: 0,
          endpointdn: p.dn,
          endpointid: p.endpointId,
          endpointtype: p.endpointType,
          agentid: p.agentId ?? null,
          switchid: p.switchId ?? opts.switchId,
          tenantid: ctx.tenantId,
          ccevent: null,
          cceventcause: null,
          created_ts: p.at,
          terminated_ts: null,
        },
        p.at,
        { site: opts.site, units, open: true },
      );
      const party: Party = {
        partyId,
        guid,
        row: prow,
        call,
        endpointId: p.endpointId,
        state: p.state,
        ended: false,
      };
      partyHistory(party, PARTY_CHANGE.created, p.state, 0, p.at);
      return party;
    },
    state(p, state, at) {
      if (p.ended) throw new Error(`party ${p.partyId} changes state after its end`);
      const prev = p.state;
      p.state = state;
      log.update(p.row, { state, prevstate: prev }, at, false);
      partyHistory(p, PARTY_CHANGE.stateChanged, state, prev, at);
    },
    release(p, at) {
      if (p.ended) return;
      const prev = p.state;
      p.state = PARTY_STATE.released;
      p.ended = true;
      log.update(p.row, { state: PARTY_STATE.released, prevstate: prev, terminated_ts: at }, at);
      partyHistory(p, PARTY_CHANGE.terminated, PARTY_STATE.released, prev, at);
    },
    move(p, to, at, prole) {
      p.ended = true;
      log.update(p.row, { terminated_ts: at }, at);
      partyHistory(p, PARTY_CHANGE.moved, p.state, p.state, at);
      const v = p.row.v;
      return to.party({
        type: Number(v.type),
        prole,
        endpointId: p.endpointId,
        dn: (v.endpointdn as string | null) ?? null,
        endpointType: Number(v.endpointtype),
        agentId: (v.agentid as number | null) ?? null,
        switchId: (v.switchid as number | null) ?? null,
        state: p.state,
        at,
        guid: p.guid,
      });
    },
    userData(p, key, value, at, change = USERDATA_CHANGE.added) {
      call.cseq += 1;
      log.insert(
        'g_userdata_history',
        {
          callid: callId,
          partyid: p?.partyId ?? null,
          endpointid: p?.endpointId ?? null,
          cseq: call.cseq,
          changetype: change,
          keyname: key,
          value,
          added_ts: at,
        },
        at,
        { site: opts.site, units },
      );
    },
    end(at, into) {
      if (into) {
        log.update(
          row,
          {
            state: CALL_STATE.merged,
            terminated_ts: at,
            mergecallid: into.call.callId,
            mergetype: into.mergeType,
          },
          at,
        );
        history(CALL_CHANGE.merged, at, into.call.callId);
      } else {
        log.update(row, { state: CALL_STATE.terminated, terminated_ts: at }, at);
        history(CALL_CHANGE.terminated, at, null);
      }
    },
  };
  history(CALL_CHANGE.created, opts.at, null);
  return call;
}

// Attached data: the keys a routing strategy attaches when the call arrives and the business
// result the agent sets at the end, in G_USERDATA_HISTORY, plus the predefined-key row of
// G_CALL_USERDATA for voice calls (updated in place when the result is known).
import type { Call, Party } from './calls.ts';
import { USERDATA_CHANGE } from './codes.ts';
import type { SimCtx } from './context.ts';
import type { SimRow } from './row-log.ts';
import type { InteractionTruth } from './truth.ts';

const SEGMENTS = ['Gold', 'Silver', 'Bronze'];
const SERVICES: readonly (readonly [string, readonly string[]])[] = [
  ['Sales', ['NewContract', 'Upgrade']],
  ['Support', ['Outage', 'HowTo', 'Device']],
  ['Billing', ['Invoice', 'Payment']],
];
const RESULTS = ['Resolved', 'Sale', 'FollowUp', 'NoSale'];

export interface CallData {
  readonly row: SimRow | null;
  readonly party: Party | null;
}

export function attachCallData(ctx: SimCtx, call: Call, party: Party | null, at: number): CallData {
  const { rng } = ctx;
  const segment = rng.pick(SEGMENTS);
  const [service, subs] = rng.pick(SERVICES);
  const sub = rng.pick(subs);
  const customer = `CU${rng.int(100000, 999999)}`;
  const account = `AC${rng.int(1000000, 9999999)}`;
  const values: [string, string][] = [
    ['CustomerSegment', segment],
    ['ServiceType', service],
    ['ServiceSubType', sub],
    ['CustomerID', customer],
    ['AccountID', account],
  ];
  for (const [k, v] of values) call.userData(party, k, v, at);
  const voice = call.row.v.mediatype === 1;
  const row = voice
    ? ctx.log.insert(
        'g_call_userdata',
        {
          callid: call.callId,
          g_customer_segment: segment,
          g_service_type: service,
          g_service_subtype: sub,
          g_business_result: null,
          customer_id: customer,
          transaction_id: null,
          cause_id: null,
          account_id: account,
          destination_id: null,
          target_id: null,
        },
        at,
        { site: call.site, units: call.units, open: true },
      )
    : null;
  return { row, party };
}

export function closeCallData(
  ctx: SimCtx,
  call: Call,
  data: CallData,
  end: number,
  truth: InteractionTruth,
): void {
  const { rng } = ctx;
  const answered = truth.answeredBy !== null;
  const result = answered ? rng.pick(RESULTS) : 'Abandoned';
  call.userData(data.party, 'BusinessResult', result, end);
  let transaction: string | null = null;
  if (answered) {
    transaction = `TX${rng.int(10000000, 99999999)}`;
    call.userData(data.party, 'TransactionID', transaction, end);
    if (result === 'Sale') call.userData(data.party, 'Revenue', String(rng.int(20, 900)), end);
    if (rng.chance(0.3)) call.userData(data.party, 'Satisfaction', String(rng.int(1, 5)), end);
    if (rng.chance(0.05)) call.userData(data.party, 'ServiceSubType', '', end, USERDATA_CHANGE.deleted);
  }
  truth.detail.businessResult = result;
  if (data.row) {
    ctx.log.update(data.row, { g_business_result: result, transaction_id: transaction }, end);
  }
}

// Interval hierarchies (data-model 6.2): durations split over the SUBHRs a fact overlaps, counts
// at its start: H_I_AGENT, H_I_SESS_STATE, H_I_STATE_RSN.
import { type HierarchySpec, intervalBuckets, intervalWhere, overlap, selectMeasures } from './spec.ts';

const FIRST = 'b.k = f.START_DATE_TIME_KEY';

/** `<M>` and `<M>_TIME` for a state condition on fact f: count at the start, overlap time. */
function stateMeasures(
  entries: readonly (readonly [string, string])[],
  count: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [m, cond] of entries) {
    out[m] = `CASE WHEN ${cond} AND ${FIRST} THEN ${count} ELSE 0 END`;
    out[`${m}_TIME`] = `CASE WHEN ${cond} THEN ${overlap('f')} ELSE 0 END`;
  }
  return out;
}

function withTime(names: readonly string[]): string[] {
  return names.flatMap((n) => [n, `${n}_TIME`]);
}

// INTERACTION_RESOURCE_STATE_KEY = 10·state + role: 1 Initiate, 2 Alert, 3 Connect, 4 Hold, 5 Wrap.
const I_AGENT_STATES = [
  ['INVITE', 'f.INTERACTION_RESOURCE_STATE_KEY / 10 = 2'],
  ['DIAL', 'f.INTERACTION_RESOURCE_STATE_KEY / 10 = 1'],
  ['ENGAGE', 'f.INTERACTION_RESOURCE_STATE_KEY IN (30, 33, 34)'],
  ['CONSULT', 'f.INTERACTION_RESOURCE_STATE_KEY IN (31, 32)'],
  ['HOLD', 'f.INTERACTION_RESOURCE_STATE_KEY / 10 = 4'],
  ['WRAP', 'f.INTERACTION_RESOURCE_STATE_KEY / 10 = 5'],
] as const;
const I_AGENT_MEASURES = [...withTime(I_AGENT_STATES.map(([m]) => m)), 'BUSY_TIME'];
const BUSY = `CASE WHEN f.INTERACTION_RESOURCE_STATE_KEY IN (30, 33, 34, 31, 32)
    OR f.INTERACTION_RESOURCE_STATE_KEY / 10 IN (1, 4) THEN ${overlap('f')} ELSE 0 END`;

export const H_I_AGENT: HierarchySpec = {
  name: 'H_I_AGENT',
  table: 'I_AGENT',
  grain: ['RESOURCE_KEY', 'INTERACTION_TYPE_KEY'],
  measures: I_AGENT_MEASURES,
  maxMeasures: [],
  contributions: `SELECT b.k AS K15, f.TENANT_KEY, f.MEDIA_TYPE_KEY, f.RESOURCE_KEY, f.INTERACTION_TYPE_KEY,
  ${selectMeasures(I_AGENT_MEASURES, { ...stateMeasures(I_AGENT_STATES, 'f.STATE_COUNT'), BUSY_TIME: BUSY })}
FROM IXN_RESOURCE_STATE_FACT f
JOIN RESOURCE_ r ON r.RESOURCE_KEY = f.RESOURCE_KEY AND r.RESOURCE_TYPE_CODE = 'AGENT'
${intervalBuckets('f')}
WHERE ${intervalWhere('f')}`,
};

// RESOURCE_STATE_KEY: 0 Unknown, 1 LoggedIn, 2 NotReady, 3 Ready, 4 AfterCallWork, 5 Busy.
const SESS_STATES = [
  ['READY', 'f.RESOURCE_STATE_KEY = 3'],
  ['NOT_READY', 'f.RESOURCE_STATE_KEY = 2'],
  ['BUSY', 'f.RESOURCE_STATE_KEY = 5'],
  ['WRAP', 'f.RESOURCE_STATE_KEY = 4'],
  ['OTHER', 'f.RESOURCE_STATE_KEY IN (0, 1)'],
] as const;
const SESS_MEASURES = withTime(['ACTIVE', ...SESS_STATES.map(([m]) => m)]);

export const H_I_SESS_STATE: HierarchySpec = {
  name: 'H_I_SESS_STATE',
  table: 'I_SESS_STATE',
  grain: ['RESOURCE_KEY'],
  measures: SESS_MEASURES,
  maxMeasures: [],
  contributions: `SELECT b.k AS K15, f.TENANT_KEY, f.MEDIA_TYPE_KEY, f.RESOURCE_KEY,
  ${selectMeasures(SESS_MEASURES, stateMeasures([['ACTIVE', 'true']], '1'))}
FROM SM_RES_SESSION_FACT f
${intervalBuckets('f')}
WHERE ${intervalWhere('f')} AND f.ACTIVE_FLAG = 0
UNION ALL
SELECT b.k, f.TENANT_KEY, f.MEDIA_TYPE_KEY, f.RESOURCE_KEY,
  ${selectMeasures(SESS_MEASURES, stateMeasures(SESS_STATES, '1'))}
FROM SM_RES_STATE_FACT f
${intervalBuckets('f')}
WHERE ${intervalWhere('f')} AND f.ACTIVE_FLAG = 0`,
};

const RSN_MEASURES = ['STATE_RSN', 'STATE_RSN_TIME'];

export const H_I_STATE_RSN: HierarchySpec = {
  name: 'H_I_STATE_RSN',
  table: 'I_STATE_RSN',
  grain: ['RESOURCE_KEY', 'RESOURCE_STATE_KEY', 'RESOURCE_STATE_REASON_KEY'],
  measures: RSN_MEASURES,
  maxMeasures: [],
  contributions: `SELECT b.k AS K15, f.TENANT_KEY, f.MEDIA_TYPE_KEY, f.RESOURCE_KEY, f.RESOURCE_STATE_KEY,
  f.RESOURCE_STATE_REASON_KEY,
  ${selectMeasures(RSN_MEASURES, stateMeasures([['STATE_RSN', 'true']], '1'))}
FROM SM_RES_STATE_REASON_FACT f
${intervalBuckets('f')}
WHERE ${intervalWhere('f')} AND f.ACTIVE_FLAG = 0`,
};

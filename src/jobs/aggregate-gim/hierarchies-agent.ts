// Disposition hierarchies over agent IRFs, credited at the IRF's START_TS (data-model 6.2):
// H_AGENT, H_AGENT_GRP (set A), H_AGENT_QUEUE, H_AGENT_CAMPAIGN; and H_CAMPAIGN over CAFs.
import { AGENT_IRFS, type HierarchySpec, countIf, intOf, selectMeasures, sumIf } from './spec.ts';

export const SET_A = [
  'OFFERED',
  'ACCEPTED',
  'ACCEPTED_TIME',
  'INVITE_TIME',
  'REJECTED',
  'ABANDONED_INVITE',
  'INITIATED',
  'DIAL_TIME',
  'ENGAGE',
  'ENGAGE_TIME',
  'HOLD',
  'HOLD_TIME',
  'WRAP',
  'WRAP_TIME',
  'HANDLE_TIME',
  'SHORT',
  'TRANSFER_INIT_AGENT',
  'XFER_RECEIVED_ACCEPTED',
  'CONFERENCE_INIT',
  'CONFERENCE_JOINED',
  'CONSULT_RECEIVED_OFFERED',
  'CONSULT_RECEIVED_ACCEPTED',
  'CONSULT_RECEIVED_WARM',
  'CONSULT_RECEIVED_TIME',
  'CONSULT_INITIATED',
  'CONSULT_INITIATED_TIME',
  'REVENUE',
  'SATISFACTION',
] as const;

/** Set A per agent IRF `a` (with the x_* helpers) and its IRF_USER_DATA_GEN_1 row `u`. */
const A: Readonly<Record<string, string>> = {
  OFFERED: countIf('a.x_ar'),
  ACCEPTED: countIf('a.x_ar AND a.x_engaged'),
  ACCEPTED_TIME: sumIf('a.x_ar AND a.x_engaged', 'a.x_rng'),
  INVITE_TIME: sumIf('a.x_ar', 'a.x_rng'),
  REJECTED: countIf('a.x_ar AND a.x_tr = 14'),
  ABANDONED_INVITE: countIf('a.x_ar AND a.x_tr = 1 AND a.x_rr = 2'),
  INITIATED: countIf('a.x_ro = 4'),
  DIAL_TIME: 'a.DIAL_DURATION',
  ENGAGE: countIf('a.x_engaged'),
  ENGAGE_TIME: 'a.x_eng',
  HOLD: countIf('a.x_held'),
  HOLD_TIME: 'a.x_hld',
  WRAP: 'a.AFTER_CALL_WORK_COUNT',
  WRAP_TIME: 'a.AFTER_CALL_WORK_DURATION',
  HANDLE_TIME: 'a.x_eng + a.x_hld + a.AFTER_CALL_WORK_DURATION',
  SHORT: countIf('a.x_engaged AND a.x_eng < :se'),
  TRANSFER_INIT_AGENT: countIf('a.x_tr = 16'),
  XFER_RECEIVED_ACCEPTED: countIf('a.x_engaged AND (a.x_ro = 2 OR a.x_rn = 3)'),
  CONFERENCE_INIT: countIf('a.x_tr = 5'),
  CONFERENCE_JOINED: countIf('a.x_engaged AND a.x_rn = 2'),
  CONSULT_RECEIVED_OFFERED: countIf('a.x_ro = 3'),
  CONSULT_RECEIVED_ACCEPTED: countIf('a.x_ro = 3 AND a.CONS_RCV_TALK_COUNT > 0'),
  CONSULT_RECEIVED_WARM: countIf('a.x_ro = 3 AND a.CONS_RCV_TALK_COUNT > 0 AND a.x_rn IN (2, 3)'),
  CONSULT_RECEIVED_TIME: 'a.CONS_RCV_TALK_DURATION',
  CONSULT_INITIATED: countIf('a.CONS_INIT_DIAL_COUNT + a.CONS_INIT_TALK_COUNT > 0'),
  CONSULT_INITIATED_TIME: 'a.CONS_INIT_TALK_DURATION',
  REVENUE: sumIf('a.x_engaged', intOf('u.REVENUE')),
  SATISFACTION: sumIf('a.x_engaged', intOf('u.SATISFACTION')),
};

const USER_DATA = `LEFT JOIN IRF_USER_DATA_GEN_1 u
    ON u.INTERACTION_RESOURCE_ID = a.INTERACTION_RESOURCE_ID AND u.START_DATE_TIME_KEY = a.START_DATE_TIME_KEY`;

const BASE = 'a.START_DATE_TIME_KEY AS K15, a.TENANT_KEY, a.MEDIA_TYPE_KEY';

export const H_AGENT: HierarchySpec = {
  name: 'H_AGENT',
  table: 'AGENT',
  grain: ['RESOURCE_KEY', 'INTERACTION_TYPE_KEY', 'INTERACTION_DESCRIPTOR_KEY'],
  measures: SET_A,
  maxMeasures: [],
  contributions: `SELECT ${BASE}, a.RESOURCE_KEY, a.INTERACTION_TYPE_KEY, a.INTERACTION_DESCRIPTOR_KEY,
  ${selectMeasures(SET_A, A)}
FROM ${AGENT_IRFS} a
${USER_DATA}`,
};

/** Groups of `type` the resource `res` belonged to at instant `at` (RESOURCE_GROUP_FACT_), as g. */
export function groupsAt(res: string, at: string, type: 'AGENT' | 'QUEUE'): string {
  return `LEFT JOIN (RESOURCE_GROUP_FACT_ g
    JOIN GROUP_ gp ON gp.GROUP_KEY = g.GROUP_KEY AND gp.GROUP_TYPE_CODE = '${type}')
    ON g.RESOURCE_KEY = ${res} AND COALESCE(g.START_TS, 0) <= ${at} AND (g.END_TS IS NULL OR g.END_TS > ${at})`;
}

export const H_AGENT_GRP: HierarchySpec = {
  name: 'H_AGENT_GRP',
  table: 'AGENT_GRP',
  grain: ['GROUP_KEY', 'INTERACTION_TYPE_KEY', 'INTERACTION_DESCRIPTOR_KEY'],
  measures: SET_A,
  maxMeasures: [],
  contributions: `SELECT ${BASE}, COALESCE(g.GROUP_KEY, -2) AS GROUP_KEY, a.INTERACTION_TYPE_KEY,
  a.INTERACTION_DESCRIPTOR_KEY,
  ${selectMeasures(SET_A, A)}
FROM ${AGENT_IRFS} a
${USER_DATA}
${groupsAt('a.RESOURCE_KEY', 'a.START_TS', 'AGENT')}`,
};

const AGENT_QUEUE_MEASURES = [
  'OFFERED',
  'ACCEPTED',
  'ACCEPTED_TIME',
  'ENGAGE',
  'ENGAGE_TIME',
  'HOLD_TIME',
  'WRAP_TIME',
  'HANDLE_TIME',
  'TRANSFER_INIT_AGENT',
] as const;

export const H_AGENT_QUEUE: HierarchySpec = {
  name: 'H_AGENT_QUEUE',
  table: 'AGENT_QUEUE',
  grain: ['RESOURCE_KEY', 'QUEUE_RESOURCE_KEY', 'INTERACTION_TYPE_KEY'],
  measures: AGENT_QUEUE_MEASURES,
  maxMeasures: [],
  contributions: `SELECT ${BASE}, a.RESOURCE_KEY, COALESCE(m.RESOURCE_KEY, -2) AS QUEUE_RESOURCE_KEY,
  a.INTERACTION_TYPE_KEY,
  ${selectMeasures(AGENT_QUEUE_MEASURES, A)}
FROM ${AGENT_IRFS} a
LEFT JOIN MEDIATION_SEGMENT_FACT m
  ON m.TARGET_IXN_RESOURCE_ID = a.INTERACTION_RESOURCE_ID
 AND m.TARGET_IXN_RESOURCE_SDT_KEY = a.START_DATE_TIME_KEY
 AND m.START_DATE_TIME_KEY <= a.START_DATE_TIME_KEY`,
};

const AGENT_CAMPAIGN_MEASURES = [
  'OFFERED',
  'ACCEPTED',
  'INITIATED',
  'DIAL_TIME',
  'ENGAGE',
  'ENGAGE_TIME',
  'HOLD_TIME',
  'WRAP_TIME',
  'HANDLE_TIME',
] as const;

export const H_AGENT_CAMPAIGN: HierarchySpec = {
  name: 'H_AGENT_CAMPAIGN',
  table: 'AGENT_CAMPAIGN',
  grain: ['RESOURCE_KEY', 'CAMPAIGN_KEY', 'GROUP_KEY', 'INTERACTION_TYPE_KEY'],
  measures: AGENT_CAMPAIGN_MEASURES,
  maxMeasures: [],
  // The latest CAF of the interaction (ties: greatest CALL_ATTEMPT_ID, data-model 1.1).
  contributions: `SELECT ${BASE}, a.RESOURCE_KEY, c.CAMPAIGN_KEY, c.GROUP_KEY, a.INTERACTION_TYPE_KEY,
  ${selectMeasures(AGENT_CAMPAIGN_MEASURES, A)}
FROM ${AGENT_IRFS} a
JOIN LATERAL (SELECT c.CAMPAIGN_KEY, c.GROUP_KEY FROM CONTACT_ATTEMPT_FACT c
   WHERE c.INTERACTION_ID = a.INTERACTION_ID
   ORDER BY c.START_TS DESC, c.CALL_ATTEMPT_ID DESC LIMIT 1) c ON true`,
};

const CAMPAIGN_MEASURES = ['ATTEMPTS', 'ATTEMPT_TIME', 'CONNECTED', 'ENGAGE_TIME', 'WRAP_TIME'] as const;

export const H_CAMPAIGN: HierarchySpec = {
  name: 'H_CAMPAIGN',
  table: 'CAMPAIGN',
  grain: ['CAMPAIGN_KEY', 'CALLING_LIST_KEY', 'GROUP_KEY', 'CALL_RESULT_KEY', 'DIALING_MODE_KEY'],
  measures: CAMPAIGN_MEASURES,
  maxMeasures: [],
  contributions: `SELECT c.START_DATE_TIME_KEY AS K15, c.TENANT_KEY, c.MEDIA_TYPE_KEY, c.CAMPAIGN_KEY,
  c.CALLING_LIST_KEY, c.GROUP_KEY, c.CALL_RESULT_KEY, c.DIALING_MODE_KEY,
  ${selectMeasures(CAMPAIGN_MEASURES, {
    ATTEMPTS: '1',
    ATTEMPT_TIME: 'GREATEST(0, COALESCE(c.END_TS - c.START_TS, 0))',
    CONNECTED: countIf('c.CALL_RESULT_KEY = 33'),
    ENGAGE_TIME: 'COALESCE(s.eng, 0)',
    WRAP_TIME: 'COALESCE(s.acw, 0)',
  })}
FROM CONTACT_ATTEMPT_FACT c
LEFT JOIN LATERAL (SELECT SUM(i.TALK_DURATION + i.POST_CONS_XFER_TALK_DURATION + i.CONF_JOIN_TALK_DURATION) AS eng,
     SUM(i.AFTER_CALL_WORK_DURATION) AS acw
   FROM INTERACTION_RESOURCE_FACT i
   JOIN RESOURCE_ r ON r.RESOURCE_KEY = i.RESOURCE_KEY AND r.RESOURCE_TYPE_CODE = 'AGENT'
   WHERE i.INTERACTION_ID = c.INTERACTION_ID) s ON true
WHERE c.START_DATE_TIME_KEY >= :lo AND c.START_DATE_TIME_KEY < :hi`,
};

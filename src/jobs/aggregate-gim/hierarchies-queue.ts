// Disposition hierarchies over MEDIATION_SEGMENT_FACT, credited at the MSF's START_TS (queue
// entry; data-model 6.2): H_QUEUE, H_QUEUE_GRP (set Q), H_QUEUE_ABN, H_QUEUE_ACC_AGENT.
import { groupsAt } from './hierarchies-agent.ts';
import { type HierarchySpec, countIf, selectMeasures, sumIf, tdParts } from './spec.ts';

/** MSFs m starting in [lo, hi) with their target IRF t: x_* of m, WAIT and the t_* helpers. */
const MSFS = `(SELECT m.*, ${tdParts('m.TECHNICAL_DESCRIPTOR_KEY')},
    m.MEDIATION_DURATION + COALESCE(t.RING_DURATION + t.CONS_RCV_RING_DURATION
      + t.POST_CONS_XFER_RING_DURATION + t.CONF_JOIN_RING_DURATION, 0) AS x_wait,
    COALESCE(t.TALK_DURATION + t.POST_CONS_XFER_TALK_DURATION + t.CONF_JOIN_TALK_DURATION, 0) AS t_eng,
    COALESCE(t.HOLD_DURATION + t.POST_CONS_XFER_HOLD_DURATION + t.CONF_JOIN_HOLD_DURATION, 0) AS t_hld,
    COALESCE(t.AFTER_CALL_WORK_DURATION, 0) AS t_acw,
    COALESCE(t.TECHNICAL_DESCRIPTOR_KEY / 1000, 0) AS t_tr
  FROM MEDIATION_SEGMENT_FACT m
  LEFT JOIN INTERACTION_RESOURCE_FACT t
    ON t.INTERACTION_RESOURCE_ID = m.TARGET_IXN_RESOURCE_ID
   AND t.START_DATE_TIME_KEY = m.TARGET_IXN_RESOURCE_SDT_KEY
  WHERE m.START_DATE_TIME_KEY >= :lo AND m.START_DATE_TIME_KEY < :hi)`;

export const SET_Q = [
  'ENTERED',
  'DISTRIBUTED',
  'DISTRIBUTED_TIME',
  'ACCEPTED_AGENT',
  'ACCEPTED_AGENT_TIME',
  'ACCEPTED_TIME_MAX',
  'ACCEPTED_AGENT_THR',
  'ABANDONED',
  'ABANDONED_TIME',
  'ABANDONED_SHORT',
  'ABANDONED_INVITE',
  'REDIRECTED',
  'ROUTED_OTHER',
  'CLEARED',
  'PULLED',
  'ENGAGE_TIME',
  'HOLD_TIME',
  'WRAP_TIME',
  'TRANSFER_INIT_AGENT',
] as const;

const ACC = 'q.x_tr = 9 AND q.x_rr = 1';
const Q: Readonly<Record<string, string>> = {
  ENTERED: '1',
  DISTRIBUTED: countIf('q.x_tr = 9'),
  DISTRIBUTED_TIME: sumIf('q.x_tr = 9', 'q.MEDIATION_DURATION'),
  ACCEPTED_AGENT: countIf(ACC),
  ACCEPTED_AGENT_TIME: sumIf(ACC, 'q.x_wait'),
  ACCEPTED_TIME_MAX: sumIf(ACC, 'q.x_wait'),
  ACCEPTED_AGENT_THR: countIf(`${ACC} AND q.x_wait <= :sl`),
  ABANDONED: countIf('q.x_tr = 1'),
  ABANDONED_TIME: sumIf('q.x_tr = 1', 'q.MEDIATION_DURATION'),
  ABANDONED_SHORT: countIf('q.x_tr = 1 AND q.MEDIATION_DURATION < :sa'),
  ABANDONED_INVITE: countIf('q.x_tr = 9 AND q.x_rr = 2'),
  REDIRECTED: countIf('q.x_tr = 9 AND q.x_rr = 4'),
  ROUTED_OTHER: countIf('q.x_tr = 9 AND q.x_rr = 0'),
  CLEARED: countIf('q.x_tr = 3'),
  PULLED: countIf('q.x_tr = 13'),
  ENGAGE_TIME: sumIf(ACC, 'q.t_eng'),
  HOLD_TIME: sumIf(ACC, 'q.t_hld'),
  WRAP_TIME: sumIf(ACC, 'q.t_acw'),
  TRANSFER_INIT_AGENT: countIf(`${ACC} AND q.t_tr = 16`),
};

const BASE = 'q.START_DATE_TIME_KEY AS K15, q.TENANT_KEY, q.MEDIA_TYPE_KEY';

export const H_QUEUE: HierarchySpec = {
  name: 'H_QUEUE',
  table: 'QUEUE',
  grain: ['RESOURCE_KEY', 'INTERACTION_TYPE_KEY'],
  measures: SET_Q,
  maxMeasures: ['ACCEPTED_TIME_MAX'],
  contributions: `SELECT ${BASE}, q.RESOURCE_KEY, q.INTERACTION_TYPE_KEY,
  ${selectMeasures(SET_Q, Q)}
FROM ${MSFS} q`,
};

export const H_QUEUE_GRP: HierarchySpec = {
  name: 'H_QUEUE_GRP',
  table: 'QUEUE_GRP',
  grain: ['GROUP_KEY', 'INTERACTION_TYPE_KEY'],
  measures: SET_Q,
  maxMeasures: ['ACCEPTED_TIME_MAX'],
  contributions: `SELECT ${BASE}, COALESCE(g.GROUP_KEY, -2) AS GROUP_KEY, q.INTERACTION_TYPE_KEY,
  ${selectMeasures(SET_Q, Q)}
FROM ${MSFS} q
${groupsAt('q.RESOURCE_KEY', 'q.START_TS', 'QUEUE')}`,
};

/** The TIME_RANGE row of `section` whose [RANGE_START, RANGE_END) holds `d`, as tr. */
function timeRange(section: 'QUEUE-ABN' | 'QUEUE-ACC', d: string): string {
  return `LEFT JOIN TIME_RANGE tr ON tr.AGG_SECTION = '${section}'
  AND ${d} >= tr.RANGE_START AND (tr.RANGE_END IS NULL OR ${d} < tr.RANGE_END)`;
}

export const H_QUEUE_ABN: HierarchySpec = {
  name: 'H_QUEUE_ABN',
  table: 'QUEUE_ABN',
  grain: ['RESOURCE_KEY', 'INTERACTION_TYPE_KEY', 'TIME_RANGE_KEY'],
  measures: ['ABANDONED', 'ABANDONED_TIME'],
  maxMeasures: [],
  contributions: `SELECT ${BASE}, q.RESOURCE_KEY, q.INTERACTION_TYPE_KEY, tr.TIME_RANGE_KEY,
  1 AS ABANDONED, q.MEDIATION_DURATION AS ABANDONED_TIME
FROM ${MSFS} q
${timeRange('QUEUE-ABN', 'q.MEDIATION_DURATION')}
WHERE q.x_tr = 1`,
};

export const H_QUEUE_ACC_AGENT: HierarchySpec = {
  name: 'H_QUEUE_ACC_AGENT',
  table: 'QUEUE_ACC_AGENT',
  grain: ['RESOURCE_KEY', 'INTERACTION_TYPE_KEY', 'TIME_RANGE_KEY'],
  measures: ['ACCEPTED_AGENT', 'ACCEPTED_AGENT_TIME'],
  maxMeasures: [],
  contributions: `SELECT ${BASE}, q.RESOURCE_KEY, q.INTERACTION_TYPE_KEY, tr.TIME_RANGE_KEY,
  1 AS ACCEPTED_AGENT, q.x_wait AS ACCEPTED_AGENT_TIME
FROM ${MSFS} q
${timeRange('QUEUE-ACC', 'q.x_wait')}
WHERE ${ACC}`,
};

// The shape every hierarchy module provides, and SQL fragments they share (data-model 6.1).
import type { Hierarchy } from '../../core/insert-pending-agg.ts';

/**
 * One hierarchy: its grain (besides DATE_TIME_KEY, TENANT_KEY, MEDIA_TYPE_KEY), its measures and
 * the SELECT of its per-fact contributions to SUBHR rows. The contributions SELECT yields the
 * columns K15 (the 15-minute DATE_TIME_KEY credited), TENANT_KEY, MEDIA_TYPE_KEY, every grain
 * column and every measure; it may use the named parameters :lo and :hi (the 15-minute keys
 * [lo, hi) being recomputed), :sl (service-level-threshold), :sa (short-abandoned-threshold) and
 * :se (short-engage-threshold).
 */
export interface HierarchySpec {
  readonly name: Hierarchy;
  /** AG2_<table>_<LEVEL>. */
  readonly table: string;
  readonly grain: readonly string[];
  readonly measures: readonly string[];
  /** Measures rolled up with MAX instead of SUM. */
  readonly maxMeasures: readonly string[];
  readonly contributions: string;
}

/** `expr AS NAME` list in the order of `names`; a name without expression contributes 0. */
export function selectMeasures(names: readonly string[], exprs: Readonly<Record<string, string>>): string {
  return names.map((n) => `${exprs[n] ?? '0'} AS ${n}`).join(',\n  ');
}

/** Decoded TECHNICAL_DESCRIPTOR key (1000·tr + 100·rr + 10·ro + rn, data-model 4.3). */
export function tdParts(td: string): string {
  return `${td} / 1000 AS x_tr, (${td} / 100) % 10 AS x_rr, (${td} / 10) % 10 AS x_ro, ${td} % 10 AS x_rn`;
}

/** The IRF helpers of 6.1 (ENG, ENGAGED, HLD, HELD, RNG, AR) as x_* columns of alias `i`. */
export function irfHelpers(i: string): string {
  return [
    tdParts(`${i}.TECHNICAL_DESCRIPTOR_KEY`),
    `${i}.TALK_DURATION + ${i}.POST_CONS_XFER_TALK_DURATION + ${i}.CONF_JOIN_TALK_DURATION AS x_eng`,
    `(${i}.TALK_COUNT + ${i}.POST_CONS_XFER_TALK_COUNT + ${i}.CONF_JOIN_TALK_COUNT > 0) AS x_engaged`,
    `${i}.HOLD_DURATION + ${i}.POST_CONS_XFER_HOLD_DURATION + ${i}.CONF_JOIN_HOLD_DURATION AS x_hld`,
    `(${i}.HOLD_COUNT + ${i}.POST_CONS_XFER_HOLD_COUNT + ${i}.CONF_JOIN_HOLD_COUNT > 0) AS x_held`,
    `${i}.RING_DURATION + ${i}.CONS_RCV_RING_DURATION + ${i}.POST_CONS_XFER_RING_DURATION + ${i}.CONF_JOIN_RING_DURATION AS x_rng`,
    `((${i}.TECHNICAL_DESCRIPTOR_KEY / 10) % 10 IN (1, 2, 5)) AS x_ar`,
  ].join(',\n    ');
}

/** Agent IRFs (RESOURCE_TYPE_CODE AGENT) starting in [lo, hi), with the helpers, as a subquery. */
export const AGENT_IRFS = `(SELECT i.*, ${irfHelpers('i')}
  FROM INTERACTION_RESOURCE_FACT i
  JOIN RESOURCE_ r ON r.RESOURCE_KEY = i.RESOURCE_KEY AND r.RESOURCE_TYPE_CODE = 'AGENT'
  WHERE i.START_DATE_TIME_KEY >= :lo AND i.START_DATE_TIME_KEY < :hi)`;

/** INT(v) of 6.1: v as int when it is a 1–9 digit integer, else 0. */
export function intOf(v: string): string {
  return `CASE WHEN ${v} ~ '^-?[0-9]{1,9}$' THEN ${v}::int ELSE 0 END`;
}

/**
 * Interval crediting (6.1): one row per 15-minute bucket b.k in [lo, hi) that the fact f
 * [START_TS, END_TS) overlaps (a zero-length fact gets its start bucket). Use with x_ov (the
 * overlap seconds) and x_first (b.k is the start bucket, where counts go).
 */
export function intervalBuckets(f: string): string {
  return `CROSS JOIN LATERAL generate_series(
    GREATEST(${f}.START_DATE_TIME_KEY, :lo),
    LEAST(CASE WHEN ${f}.END_TS > ${f}.START_TS THEN (${f}.END_TS - 1) / 900 * 900 ELSE ${f}.START_DATE_TIME_KEY END, :hi - 900),
    900) AS b(k)`;
}

export function overlap(f: string): string {
  return `GREATEST(0, LEAST(${f}.END_TS, b.k + 900) - GREATEST(${f}.START_TS, b.k))`;
}

/** Completed interval facts that can overlap [lo, hi) (END_DATE_TIME_KEY is indexed). */
export function intervalWhere(f: string): string {
  return `${f}.START_DATE_TIME_KEY < :hi AND ${f}.END_DATE_TIME_KEY >= :lo AND ${f}.END_TS IS NOT NULL`;
}

/** 1 when cond holds, else 0. */
export function countIf(cond: string): string {
  return `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
}

export function sumIf(cond: string, value: string): string {
  return `CASE WHEN ${cond} THEN ${value} ELSE 0 END`;
}

// SQL fragments shared by the outbound unit kinds (data-model 5.1, 5.12): configuration
// references and the code-book mappings of the fixed outbound dimensions (2.6, 4.3).
import { CALL_RESULTS } from '../shared/fixed-dimension-rows.ts';
import { unsafeRefKey } from './config-dims-sql.ts';

/** Dimension, key column and CFG_DBID column of each configuration reference outbound facts use. */
const DIMS = {
  tenant: ['tenant', 'tenant_key', 'tenant_cfg_dbid'],
  campaign: ['campaign', 'campaign_key', 'campaign_cfg_dbid'],
  group: ['group_', 'group_key', 'group_cfg_dbid'],
  callingList: ['calling_list', 'calling_list_key', 'calling_list_cfg_dbid'],
  timeZone: ['time_zone', 'time_zone_key', 'time_zone_cfg_dbid'],
} as const;

export type OutboundDim = keyof typeof DIMS;

/** Key of a reference: NULL/0 -> -2, unknown -> -1 (callers wait for the configuration first). */
export function unsafeOutRef(dim: OutboundDim, ref: string): string {
  const [table, key, dbid] = DIMS[dim];
  return unsafeRefKey(table, key, dbid, ref);
}

/** True when a reference needs no waiting: NULL/0, or its dimension row exists. */
export function unsafeOutResolved(dim: OutboundDim, ref: string): string {
  const [table, , dbid] = DIMS[dim];
  return `(${ref} IS NULL OR ${ref} = 0 OR EXISTS (SELECT 1 FROM ${table} d WHERE d.${dbid} = ${ref}))`;
}

/** A code of a fixed dimension numbered 0..max: anything else (NULL included) -> `other`. */
export function unsafeCodeIn(expr: string, max: number, other = 0): string {
  return `(CASE WHEN (${expr}) BETWEEN 0 AND ${max} THEN (${expr}) ELSE ${other} END)`;
}

/** CALL_RESULT_KEY: a CallResult with a CALL_RESULT row, any other value -> 28 Unknown (2.6). */
export function unsafeCallResultKey(expr: string): string {
  const codes = CALL_RESULTS.map(([k]) => k).join(', ');
  return `(CASE WHEN (${expr}) IN (${codes}) THEN (${expr}) ELSE 28 END)`;
}

/** ATTEMPT_DISPOSITION_KEY = 256·by + cause, unlisted cause or by -> 0 (4.3). */
export function unsafeDispositionKey(cause: string, by: string): string {
  return `(256 * ${unsafeCodeIn(by, 2)} + ${unsafeCodeIn(cause, 5)})`;
}

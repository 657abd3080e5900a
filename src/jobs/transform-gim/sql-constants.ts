// Shared SQL fragments of the transformation (data-model 1.1).

/** END_DATE_TIME_KEY of an active fact: the far-future DATE_TIME row. */
export const FAR_FUTURE_KEY = 2147482800;
/** The end of an open interval inside staging tables (never written to a fact). */
export const OPEN_TS = 2147483647;

/** 15-minute key of an epoch-seconds expression. */
export function unsafeKeyOf(expr: string): string {
  return `((${expr}) / 900 * 900)`;
}

/** MEDIA_TYPE_KEY of an IDB MediaType expression: 0–6 and ≥ 100 as is, anything else 0. */
export function unsafeMediaKeyOf(expr: string): string {
  return `(CASE WHEN (${expr}) BETWEEN 0 AND 6 OR (${expr}) >= 100 THEN (${expr}) ELSE 0 END)`;
}

/**
 * The +SE and clip columns of an interval [startExpr, endExpr) whose open end is OPEN_TS:
 * START/END keys, TS, TOTAL_DURATION and LEAD/TRAIL clips (data-model 4.5).
 */
export function unsafeIntervalColumns(startExpr: string, endExpr: string, clips: boolean): string {
  const open = `(${endExpr}) = ${OPEN_TS}`;
  const sdk = unsafeKeyOf(startExpr);
  const edk = `(CASE WHEN ${open} THEN ${FAR_FUTURE_KEY} ELSE ${unsafeKeyOf(endExpr)} END)`;
  const total = `(CASE WHEN ${open} THEN NULL ELSE (${endExpr}) - (${startExpr}) END)`;
  const cols = [
    `${sdk} AS start_date_time_key`,
    `${edk} AS end_date_time_key`,
    `(${startExpr}) AS start_ts`,
    `(CASE WHEN ${open} THEN NULL ELSE (${endExpr}) END) AS end_ts`,
    `${total} AS total_duration`,
    `(CASE WHEN ${open} THEN 1 ELSE 0 END) AS active_flag`,
  ];
  if (clips) {
    cols.push(
      `LEAST(${total}, ${sdk} + 900 - (${startExpr})) AS lead_clip_duration`,
      `(CASE WHEN ${open} THEN NULL WHEN ${edk} <> ${sdk} THEN (${endExpr}) - ${edk} ELSE 0 END) AS trail_clip_duration`,
    );
  }
  return cols.join(',\n       ');
}

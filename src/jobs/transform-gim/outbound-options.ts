// The options the outbound unit kinds read from TransformEnv (data-model 5.12, 5.14), with the
// option defaults where the environment leaves them unset.
import type { TransformEnv } from './types.ts';

export interface OutboundOptions {
  /** `ocs-record-field-names`: GO_FIELDHIST names copied to RECORD_FIELD_1..10, in order. */
  readonly recordFieldNames: readonly string[];
  /** `error-policy-campaign-group-missing` (default exception). */
  readonly campaignGroupMissing: 'resume' | 'exception';
  /** `error-policy-irf-exception` (default log_db_resume): how a failing attempt fails. */
  readonly irfException: 'log_db_resume' | 'resume' | 'exception';
}

export function outboundOptionsOf(env: TransformEnv): OutboundOptions {
  return {
    recordFieldNames: (env.ocsRecordFieldNames ?? []).slice(0, 10),
    campaignGroupMissing: env.errorPolicy?.campaignGroupMissing ?? 'exception',
    irfException: env.errorPolicy?.irfException ?? 'log_db_resume',
  };
}

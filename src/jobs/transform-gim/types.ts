// The pluggable parts of Job_TransformGIM (data-model 5.1). The framework owns marks, the
// backlog, chunking and commits; a unit kind says which GIDB rows map to its units, when a unit
// is ready, and how to recompute a batch of its units with set-based SQL.
import type { Tx } from '../../db/types.ts';

/** Values every statement of one run shares. */
export interface TransformEnv {
  /** Start time of the job, UTC epoch seconds (the waiting rules are measured from it). */
  readonly refTs: number;
  readonly delayedDataThreshold: number;
  readonly maxCallDuration: number;
  readonly stuckThreshold: number;
  readonly factorDndIntoStates: boolean;
  /** `days-to-keep-gidb-facts`: changes under facts older than this are ignored (5.1); unset = never. */
  readonly daysToKeepGidbFacts?: number;
  /** `[error-policy]` options (5.14); unset = the defaults (log_db_resume, resume, resume). */
  readonly errorPolicy?: Partial<TransformErrorPolicy>;
  /** `days-to-keep-active-facts` (5.9); unset = 30. */
  readonly daysToKeepActiveFacts?: number;
  /** `ocs-record-field-names` (5.12): GO_FIELDHIST names for RECORD_FIELD_1..10; unset = none. */
  readonly ocsRecordFieldNames?: readonly string[];
}

export interface TransformErrorPolicy {
  readonly irfException: 'log_db_resume' | 'resume' | 'exception';
  readonly callMergecallMissing: 'resume' | 'exception';
  readonly islinkDangling: 'resume' | 'exception';
  readonly campaignGroupMissing: 'resume' | 'exception';
}

/** The old and new versions of the fact rows a commit touched (CTL_AUDIT_LOG, PENDING_AGG). */
export interface KeyRange {
  readonly minStartKey: number;
  readonly maxStartKey: number;
  readonly maxEndKey: number;
}

export interface RecomputeResult {
  /** Rows inserted, updated or deleted per fact table. */
  readonly rowCounts: Readonly<Record<string, number>>;
  /** null when no fact row was old or new in this commit. */
  readonly range: KeyRange | null;
}

export interface UnitKind {
  /** STG_IXN_BACKLOG.UNIT_TYPE (at most 16 characters). */
  readonly type: string;
  /** GIDB tables whose changed rows map to this kind's units (each has its own mark). */
  readonly sourceTables: readonly string[];
  /**
   * A SELECT over `table` returning (unit_id text, from_ts int, to_ts int, last_ts int) for the
   * rows with $1 < UPDATE_AUDIT_KEY <= $2. Splices the table name: callers pass only names from
   * sourceTables.
   */
  unsafeChangedUnitsSql(table: string): string;
  /**
   * Called after the configuration commit: enqueue units that referenced a configuration object
   * listed in STG_TF_NEW_CFG (so a -1 key gets corrected). Runs inside the mapping transaction.
   */
  enqueueForNewConfig?(tx: Tx, env: TransformEnv): Promise<void>;
  /**
   * Sets STG_IXN_BACKLOG.READY (1 ready, 0 waiting) and REASON for every unit of this kind.
   */
  markReady(tx: Tx, env: TransformEnv): Promise<void>;
  /** Recomputes this kind's units listed in STG_TF_CHUNK, writing with `auditKey`. */
  recompute(tx: Tx, env: TransformEnv, auditKey: number): Promise<RecomputeResult>;
}

// What `decide` reads and returns. SchedulerState = facts the loop reads from the runner and the
// database (live instances, last endings, server state) + SchedulerMemory, the scheduler's own
// bookkeeping, which only `decide` writes (returned in its final `remember` action).

import type { JobName, Origin } from './jobs.ts';
import type { FinalStatus, LiveStatus } from './run-state.ts';
import type { ScheduleOptions } from './schedule-options.ts';

export type ServerState = 'Normal' | 'Blocked' | 'Migration';
export type Control = 'scheduler' | 'operator';
/** How a graceful stop ends the run: Stopped, or Completed for aggregation at window end (R16, R17). */
export type StopEnd = 'Stopped' | 'Completed';

export interface JobInstance {
  readonly id: string;
  readonly job: JobName;
  readonly status: LiveStatus;
  readonly origin: Origin;
  /** Cycle id shared by a cycle's extract and transform (the extract's id); null outside cycles. */
  readonly cycleId: string | null;
  /** Who may stop or restart it: scheduler for scheduler/startup runs, operator for manual (R17). */
  readonly controlledBy: Control;
  /** Why a Scheduled instance waits ("R10: waits for Job_TransformGIM 812"). */
  readonly waitReason: string | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  /** A graceful stop already requested (the first reason wins, section 4). */
  readonly stopRequested: { readonly reason: string; readonly endAs: StopEnd } | null;
}

export interface EndedRun {
  readonly id: string;
  readonly job: JobName;
  readonly status: FinalStatus;
  readonly origin: Origin;
  readonly cycleId: string | null;
  readonly endedAt: number;
}

/** The schedules whose last fired instant is kept so nothing fires twice (section 2). */
export type ScheduleName = 'etl' | 'maintain' | 'aggregate' | 'export' | 'update-stats';

export type SuspensionCause = 'down' | 'paused' | 'blocked' | 'migration';

export interface SchedulerMemory {
  /** Last instant decide ran; a gap longer than DOWNTIME_GAP_MS counts as server down (R22). */
  readonly lastEvaluatedAt: number | null;
  readonly lastFired: Readonly<Partial<Record<ScheduleName, number>>>;
  /** The first ETL slot owed (R7, R12); later slots merge into it. */
  readonly owedSlot: number | null;
  /** The maintain-start instant opening the current scheduler maintenance attempt's window. */
  readonly maintenanceAnchor: number | null;
  /** The last cycle whose transform step was decided (R5), so it is taken once. */
  readonly transformedCycle: string | null;
  /** Since when occurrences are missed (down, paused, Blocked, migration); cleared by R22. */
  readonly suspension: { readonly cause: SuspensionCause; readonly since: number } | null;
  /** Job_MigrateGIM was auto-started (or declined) for the current migration-state entry (R20). */
  readonly migrationEntryHandled: boolean;
  /** Job_InitializeGIM was started by R21 once; it never runs automatically again. */
  readonly startupInitLaunched: boolean;
  /** The options of the previous evaluation, for hand-overs (R17) and R23. */
  readonly previousOptions: ScheduleOptions | null;
}

export interface SchedulerState {
  readonly server: ServerState;
  /** The Info Mart holds the project schema (R21). */
  readonly schemaPresent: boolean;
  /** Scheduled and Running instances. */
  readonly instances: readonly JobInstance[];
  /** The latest final run per job. */
  readonly lastEnded: Readonly<Partial<Record<JobName, EndedRun>>>;
  /** End of the latest Completed Job_MaintainGIM (any origin), for R22. */
  readonly lastMaintenanceCompletedAt: number | null;
  /** Consecutive Failed Job_AggregateGIM runs and when the last one failed (R15 back-off). */
  readonly aggregationFailures: { readonly consecutive: number; readonly lastFailedAt: number | null };
  readonly memory: SchedulerMemory;
}

/**
 * Memory for a starting process. `lastAliveAt` = when the previous process was last seen alive
 * (its last evaluation, persisted by the loop); null for a first start or a preview, which owe
 * nothing (no R22 catch-up).
 */
export function initialMemory(lastAliveAt: number | null = null): SchedulerMemory {
  return {
    lastEvaluatedAt: null,
    lastFired: {},
    owedSlot: null,
    maintenanceAnchor: null,
    transformedCycle: null,
    suspension: lastAliveAt === null ? null : { cause: 'down', since: lastAliveAt },
    migrationEntryHandled: false,
    startupInitLaunched: false,
    previousOptions: null,
  };
}

export type SchedulerAction =
  /** Create a Running instance. cycleId 'new': a new cycle whose id is this extract's id. */
  | {
      readonly kind: 'start';
      readonly job: JobName;
      readonly origin: Origin;
      readonly controlledBy: Control;
      readonly cycleId: string | 'new' | null;
      /** For the history row (REASON): what triggered the start. */
      readonly reason: string;
      /** The start departs from the plain schedule (owed slot, catch-up, restart, start-up). */
      readonly notable: boolean;
    }
  /** Create a Scheduled instance waiting for `waitReason` (names the rule and the blocker). */
  | {
      readonly kind: 'schedule';
      readonly job: JobName;
      readonly origin: Origin;
      readonly controlledBy: Control;
      readonly cycleId: string | null;
      readonly reason: string;
      readonly waitReason: string;
    }
  | { readonly kind: 'start-scheduled'; readonly id: string; readonly job: JobName; readonly reason: string }
  | { readonly kind: 'wait-reason'; readonly id: string; readonly job: JobName; readonly waitReason: string }
  | { readonly kind: 'cancel'; readonly id: string; readonly job: JobName; readonly reason: string }
  /** Graceful stop at the next unit boundary, ending as `endAs`. */
  | {
      readonly kind: 'stop';
      readonly id: string;
      readonly job: JobName;
      readonly reason: string;
      readonly endAs: StopEnd;
    }
  | {
      readonly kind: 'set-control';
      readonly id: string;
      readonly job: JobName;
      readonly controlledBy: Control;
      readonly reason: string;
    }
  /** One Canceled history row for occurrences not run (R22). */
  | {
      readonly kind: 'record-missed';
      readonly job: JobName;
      readonly reason: string;
      readonly count: number;
      readonly firstMs: number;
      readonly lastMs: number;
    }
  /** An occurrence dropped (R2, R13, R14, R18): logged, no instance. */
  | { readonly kind: 'skip'; readonly job: JobName; readonly reason: string }
  | { readonly kind: 'warn'; readonly job: JobName | null; readonly message: string }
  /** Always last: the memory to pass to the next evaluation. */
  | { readonly kind: 'remember'; readonly memory: SchedulerMemory };

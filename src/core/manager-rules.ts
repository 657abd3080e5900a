// Requests the Manager (web UI, HTTP API, CLI) receives, judged by rules M1-M9 (jobs reference
// 3.3) against the same state `decide` reads. Pure: the service applies the verdict.

import { parseInsertPendingAgg } from './insert-pending-agg.ts';
import type { InsertPendingAggLimits, InsertPendingAggRequest } from './insert-pending-agg.ts';
import { JOB_NAMES, isJobName } from './jobs.ts';
import type { JobName } from './jobs.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import type { JobInstance, SchedulerState } from './scheduler-state.ts';
import { aggregationWindowAt } from './schedules.ts';

export type ManagerRequest =
  | {
      readonly kind: 'run';
      readonly job: string;
      readonly parameters?: string;
      /** DATE_TIME lookup for -insertPendingAgg dates. */
      readonly isKnownDate?: (date: string) => boolean;
      readonly limits?: InsertPendingAggLimits;
    }
  /** `finished`: the id exists in history with a final status (else unknown -> 404). */
  | { readonly kind: 'cancel' | 'stop' | 'kill'; readonly id: string; readonly finished?: boolean };

export type ManagerDecision =
  | {
      readonly outcome: 'accept';
      /** start: a Running instance now; schedule: a Scheduled instance (waitReason). */
      readonly action: 'start' | 'schedule' | 'cancel' | 'stop' | 'kill';
      readonly job: JobName;
      /** The instance acted upon (cancel, stop, kill). */
      readonly id: string | null;
      readonly waitReason: string | null;
      readonly warnings: readonly string[];
    }
  | {
      readonly outcome: 'queued';
      readonly job: 'Job_AggregateGIM';
      /** The running aggregation that will take the request. */
      readonly id: string;
      readonly request: InsertPendingAggRequest;
    }
  | {
      readonly outcome: 'refuse';
      readonly rule: string;
      readonly message: string;
      readonly httpStatus: 400 | 404 | 409;
    };

const refuse = (rule: string, message: string, httpStatus: 400 | 404 | 409): ManagerDecision => ({
  outcome: 'refuse',
  rule,
  message: `${rule}: ${message}`,
  httpStatus,
});

const RUNNABLE: readonly JobName[] = JOB_NAMES.filter(
  (j) => j !== 'Job_UpdateStats' && j !== 'Job_ExportGIM',
);

function live(state: SchedulerState, job: JobName): JobInstance | undefined {
  return (
    state.instances.find((i) => i.job === job && i.status === 'Running') ??
    state.instances.find((i) => i.job === job && i.status === 'Scheduled')
  );
}

const label = (i: JobInstance): string => `${i.job} ${i.id} (${i.status})`;

export function decideManagerRequest(
  options: ScheduleOptions,
  now: number,
  state: SchedulerState,
  request: ManagerRequest,
): ManagerDecision {
  if (request.kind !== 'run') return decideOnInstance(options, now, state, request);
  const job = request.job;
  if (!isJobName(job)) {
    return refuse('M2', `unknown job "${job}"; runnable jobs: ${RUNNABLE.join(', ')}`, 400);
  }
  if (!RUNNABLE.includes(job)) {
    return refuse(
      'M2',
      `${job} cannot be run from the Manager (it runs on its schedule only); runnable jobs: ${RUNNABLE.join(', ')}`,
      400,
    );
  }
  const params = (request.parameters ?? '').trim();
  let reagg: InsertPendingAggRequest | null = null;
  if (params !== '') {
    if (job !== 'Job_AggregateGIM') {
      const hint = params.includes('-make-export-views')
        ? '; -make-export-views is given to a one-job run of the infomart command (Genesys form: -job Job_MigrateGIM -make-export-views)'
        : '';
      return refuse(
        'M3',
        `${job} takes no parameters (only Job_AggregateGIM takes -insertPendingAgg)${hint}`,
        400,
      );
    }
    const parsed = parseInsertPendingAgg(params, request.isKnownDate, request.limits);
    if (!parsed.ok) return refuse('M8', `invalid parameters: ${parsed.message}`, 400);
    reagg = parsed.request;
  }
  if (state.server === 'Blocked' && job !== 'Job_InitializeGIM') {
    return refuse('M4', `the server is Blocked (R19); only Job_InitializeGIM may run`, 409);
  }
  if (state.server === 'Migration' && job !== 'Job_MigrateGIM') {
    return refuse('M4', `the server is in the migration state (R20); only Job_MigrateGIM may run`, 409);
  }
  const there = live(state, job);
  if (reagg && there && there.status === 'Running') {
    return { outcome: 'queued', job: 'Job_AggregateGIM', id: there.id, request: reagg };
  }
  if (there) return refuse('M1', `${label(there)} already exists; the request is refused, not queued`, 409);
  const warnings: string[] = [];
  if (job === 'Job_AggregateGIM') {
    const failed = aggregationStartRefusal(options, now);
    if (failed) {
      const extra = reagg ? ' (M8: the re-aggregation request needs a running Job_AggregateGIM)' : '';
      return refuse('M7', `Job_AggregateGIM cannot be started: ${failed}${extra}`, 409);
    }
    if (reagg) {
      warnings.push(
        'M8: Job_AggregateGIM was not running; it starts now and the -insertPendingAgg parameters were ignored: resubmit them once it runs',
      );
    }
  }
  if (job === 'Job_MaintainGIM') {
    const others = state.instances.filter((i) => i.status === 'Running').map((i) => `${i.job} ${i.id}`);
    if (others.length > 0) {
      warnings.push(
        `M6: Job_MaintainGIM starts beside running jobs (${others.join(', ')}); consider run-scheduler=false and run-update-stats=false first`,
      );
    }
  }
  const maint = state.instances.find(
    (i) => i.job === 'Job_MaintainGIM' && i.status === 'Running' && i.origin === 'scheduler',
  );
  if (maint) {
    return {
      outcome: 'accept',
      action: 'schedule',
      job,
      id: null,
      waitReason: `M5: waits for scheduler maintenance ${maint.job} ${maint.id}`,
      warnings,
    };
  }
  return { outcome: 'accept', action: 'start', job, id: null, waitReason: null, warnings };
}

/** M7: the failed condition, or null when a manual aggregation may start. */
function aggregationStartRefusal(o: ScheduleOptions, now: number): string | null {
  if (!o.aggregationEngineEnabled) {
    return 'no aggregation engine is set ([gim-etl] aggregation-engine-class-name, C4)';
  }
  if (o.runAggregates) return 'run-aggregates=true: the scheduler runs it in its windows (R15)';
  if (!aggregationWindowAt(o, now)) {
    return `now is outside every aggregation window (aggregate-schedule "${o.aggregateSchedule.source}", aggregate-duration ${o.aggregateDuration} min)`;
  }
  return null;
}

function decideOnInstance(
  o: ScheduleOptions,
  now: number,
  state: SchedulerState,
  request: { readonly kind: 'cancel' | 'stop' | 'kill'; readonly id: string; readonly finished?: boolean },
): ManagerDecision {
  const inst = state.instances.find((i) => i.id === request.id);
  const verb = request.kind;
  if (!inst) {
    if (request.finished)
      return refuse('M9', `job ${request.id} has already finished; nothing to ${verb}`, 409);
    return refuse('M9', `unknown job id ${request.id}`, 404);
  }
  const accept = (action: 'cancel' | 'stop' | 'kill', warnings: string[] = []): ManagerDecision => ({
    outcome: 'accept',
    action,
    job: inst.job,
    id: inst.id,
    waitReason: null,
    warnings,
  });
  if (inst.status === 'Scheduled') {
    // M9: Stop (or Kill) of a Scheduled instance is a Cancel.
    return accept('cancel');
  }
  if (verb === 'cancel') {
    return refuse(
      'M9',
      `${label(inst)} is Running; Cancel applies to Scheduled instances only, use Stop`,
      409,
    );
  }
  const warnings: string[] = [];
  if (
    inst.job === 'Job_AggregateGIM' &&
    inst.controlledBy === 'scheduler' &&
    o.runAggregates &&
    aggregationWindowAt(o, now)
  ) {
    warnings.push(
      'M9: Job_AggregateGIM is scheduler-controlled inside its window; R15 restarts it almost at once',
    );
  }
  if (inst.stopRequested && verb === 'stop')
    warnings.push(`a stop was already requested (${inst.stopRequested.reason})`);
  return accept(verb, warnings);
}

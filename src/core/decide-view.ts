// A mutable working copy of the scheduler state used during one `decide` pass, so that each
// rule sees the effects of the rules evaluated before it (R1 order), and the actions list.

import type { JobName, Origin } from './jobs.ts';
import type {
  Control,
  JobInstance,
  SchedulerAction,
  SchedulerMemory,
  SchedulerState,
  StopEnd,
} from './scheduler-state.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface View {
  readonly state: SchedulerState;
  readonly now: number;
  readonly live: Mutable<JobInstance>[];
  readonly actions: SchedulerAction[];
  memory: Mutable<SchedulerMemory>;
}

export function makeView(state: SchedulerState, now: number): View {
  return {
    state,
    now,
    live: state.instances.map((i) => ({ ...i })),
    actions: [],
    memory: { ...state.memory, lastFired: { ...state.memory.lastFired } },
  };
}

export function running(v: View, job: JobName): Mutable<JobInstance> | undefined {
  return v.live.find((i) => i.job === job && i.status === 'Running');
}

export function scheduled(v: View, job: JobName): Mutable<JobInstance> | undefined {
  return v.live.find((i) => i.job === job && i.status === 'Scheduled');
}

export function busy(v: View, job: JobName): Mutable<JobInstance> | undefined {
  return running(v, job) ?? scheduled(v, job);
}

/** Scheduler maintenance Running (manual maintenance is never waited for nor preempted, M6). */
export function schedulerMaintenanceRunning(v: View): Mutable<JobInstance> | undefined {
  return v.live.find(
    (i) => i.job === 'Job_MaintainGIM' && i.status === 'Running' && i.origin === 'scheduler',
  );
}

export function schedulerMaintenanceWaiting(v: View): Mutable<JobInstance> | undefined {
  return v.live.find(
    (i) => i.job === 'Job_MaintainGIM' && i.status === 'Scheduled' && i.origin === 'scheduler',
  );
}

/** "Job_TransformGIM 812" */
export function label(i: { readonly job: JobName; readonly id: string }): string {
  return `${i.job} ${i.id}`;
}

function add(
  v: View,
  job: JobName,
  origin: Origin,
  controlledBy: Control,
  cycleId: string | null,
  waitReason: string | null,
): void {
  v.live.push({
    id: `new-${v.actions.length}`,
    job,
    status: waitReason === null ? 'Running' : 'Scheduled',
    origin,
    cycleId,
    controlledBy,
    waitReason,
    createdAt: v.now,
    startedAt: waitReason === null ? v.now : null,
    stopRequested: null,
  });
}

export function start(
  v: View,
  job: JobName,
  reason: string,
  opts: { origin?: Origin; cycleId?: string | 'new' | null; controlledBy?: Control; notable?: boolean } = {},
): void {
  const origin = opts.origin ?? 'scheduler';
  const controlledBy = opts.controlledBy ?? (origin === 'manual' ? 'operator' : 'scheduler');
  const cycleId = opts.cycleId ?? null;
  v.actions.push({
    kind: 'start',
    job,
    origin,
    controlledBy,
    cycleId,
    reason,
    notable: opts.notable ?? false,
  });
  add(v, job, origin, controlledBy, cycleId === 'new' ? 'new' : cycleId, null);
}

export function schedule(
  v: View,
  job: JobName,
  reason: string,
  waitReason: string,
  opts: { cycleId?: string | null } = {},
): void {
  const cycleId = opts.cycleId ?? null;
  v.actions.push({
    kind: 'schedule',
    job,
    origin: 'scheduler',
    controlledBy: 'scheduler',
    cycleId,
    reason,
    waitReason,
  });
  add(v, job, 'scheduler', 'scheduler', cycleId, waitReason);
}

export function startScheduled(v: View, inst: Mutable<JobInstance>, reason: string): void {
  v.actions.push({ kind: 'start-scheduled', id: inst.id, job: inst.job, reason });
  inst.status = 'Running';
  inst.startedAt = v.now;
  inst.waitReason = null;
}

export function setWaitReason(v: View, inst: Mutable<JobInstance>, waitReason: string): void {
  if (inst.waitReason === waitReason) return;
  v.actions.push({ kind: 'wait-reason', id: inst.id, job: inst.job, waitReason });
  inst.waitReason = waitReason;
}

export function cancel(v: View, inst: Mutable<JobInstance>, reason: string): void {
  v.actions.push({ kind: 'cancel', id: inst.id, job: inst.job, reason });
  const at = v.live.indexOf(inst);
  if (at >= 0) v.live.splice(at, 1);
}

/** Requests a graceful stop unless one is already requested (the first reason wins). */
export function stop(v: View, inst: Mutable<JobInstance>, reason: string, endAs: StopEnd): void {
  if (inst.stopRequested !== null) return;
  v.actions.push({ kind: 'stop', id: inst.id, job: inst.job, reason, endAs });
  inst.stopRequested = { reason, endAs };
}

export function setControl(v: View, inst: Mutable<JobInstance>, controlledBy: Control, reason: string): void {
  if (inst.controlledBy === controlledBy) return;
  v.actions.push({ kind: 'set-control', id: inst.id, job: inst.job, controlledBy, reason });
  inst.controlledBy = controlledBy;
}

export function skip(v: View, job: JobName, reason: string): void {
  v.actions.push({ kind: 'skip', job, reason });
}

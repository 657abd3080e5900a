// The scheduler's pure decision: decide(options, now, state) -> actions (jobs reference 3.2).
// The loop around it reads the state, calls decide, applies the actions in order and keeps the
// memory of the final `remember` action for the next call. Rules run in the R1 order: stops,
// initialization/migration, maintenance, ETL, aggregation, export, update-stats.

import { catchUp } from './catch-up.ts';
import {
  busy,
  cancel,
  label,
  makeView,
  running,
  schedule,
  scheduled,
  schedulerMaintenanceRunning,
  schedulerMaintenanceWaiting,
  setControl,
  setWaitReason,
  skip,
  start,
  startScheduled,
  stop,
} from './decide-view.ts';
import type { View } from './decide-view.ts';
import { dueOccurrence, nextFnOf } from './due.ts';
import { formatLocalHm } from './local-time.ts';
import { launchMaintenance, maintenanceBlocker } from './maintenance-rules.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import type { SchedulerAction, SchedulerState, SuspensionCause } from './scheduler-state.ts';
import { aggregationWindowAt, maintenanceWindow } from './schedules.ts';

/** A longer gap between evaluations (host suspended, clock jumped) counts as downtime (R22). */
export const DOWNTIME_GAP_MS = 5 * 60_000;
/** R15 back-off after a Failed aggregation: 60 s, doubling per consecutive failure, at most 15 min. */
export const AGG_BACKOFF_FIRST_MS = 60_000;
export const AGG_BACKOFF_MAX_MS = 15 * 60_000;

export function aggregationBackoffMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(AGG_BACKOFF_FIRST_MS * 2 ** Math.min(consecutiveFailures - 1, 20), AGG_BACKOFF_MAX_MS);
}

export function localHm(o: ScheduleOptions, ms: number): string {
  return formatLocalHm(o.timezone, ms);
}

function suspensionCause(o: ScheduleOptions, state: SchedulerState): SuspensionCause | null {
  if (!o.runScheduler) return 'paused';
  if (state.server === 'Blocked') return 'blocked';
  if (state.server === 'Migration') return 'migration';
  return null;
}

export function decide(options: ScheduleOptions, now: number, state: SchedulerState): SchedulerAction[] {
  const v = makeView(state, now);
  const m = v.memory;
  if (m.lastEvaluatedAt !== null && now - m.lastEvaluatedAt > DOWNTIME_GAP_MS && m.suspension === null) {
    m.suspension = { cause: 'down', since: m.lastEvaluatedAt };
  }
  if (!state.schemaPresent) {
    decideInitialization(v);
  } else {
    const cause = suspensionCause(options, state);
    if (cause === null && m.suspension !== null) catchUp(options, v);
    else if (cause !== null && m.suspension === null)
      m.suspension = { cause, since: m.lastEvaluatedAt ?? now };
    handOver(options, v);
    if (state.server === 'Migration') decideMigrationEntry(options, v);
    if (cause === 'paused') {
      decidePaused(v);
    } else {
      const dueSlot = cause === null ? takeDue(options, v, 'etl') : null;
      decideStops(options, v, dueSlot);
      decideCycleTransform(v);
      if (cause === null) {
        decideMaintenance(options, v);
        decideEtl(options, v, dueSlot);
        decideAggregation(options, v);
        decideExport(options, v);
        decideUpdateStats(options, v);
      }
    }
    startWaitingManual(v);
  }
  if (state.server !== 'Migration') m.migrationEntryHandled = false;
  m.lastEvaluatedAt = now;
  m.previousOptions = options;
  v.actions.push({ kind: 'remember', memory: { ...m } });
  return v.actions;
}

function takeDue(
  o: ScheduleOptions,
  v: View,
  name: 'etl' | 'maintain' | 'export' | 'update-stats',
): number | null {
  // Occurrences up to the previous evaluation were decided then; a schedule never fired in this
  // process starts from there (the loop evaluates every few seconds, not at each instant).
  const fired = v.memory.lastFired[name];
  const evaluated = v.memory.lastEvaluatedAt;
  const from =
    fired === undefined ? (evaluated ?? undefined) : evaluated === null ? fired : Math.max(fired, evaluated);
  const due = dueOccurrence(nextFnOf(o, name), from, v.now);
  if (due !== null) v.memory.lastFired = { ...v.memory.lastFired, [name]: due };
  return due;
}

/** R21: an Info Mart without the project schema is initialized once, whatever run-scheduler says. */
function decideInitialization(v: View): void {
  v.memory.suspension = null;
  const init = busy(v, 'Job_InitializeGIM');
  if (v.memory.startupInitLaunched || init) return;
  v.memory.startupInitLaunched = true;
  start(v, 'Job_InitializeGIM', 'R21: Info Mart has no schema', { origin: 'startup', notable: true });
}

/** R20: Job_MigrateGIM once per entry into the migration state, if both switches are on then. */
function decideMigrationEntry(o: ScheduleOptions, v: View): void {
  if (v.memory.migrationEntryHandled) return;
  v.memory.migrationEntryHandled = true;
  if (o.onDemandMigration && o.runScheduler && !busy(v, 'Job_MigrateGIM')) {
    start(v, 'Job_MigrateGIM', 'R20: on-demand migration', { notable: true });
  }
}

/** R17 hand-over of a running aggregation and R23 withdrawal of disabled Scheduled instances. */
function handOver(o: ScheduleOptions, v: View): void {
  const prev = v.memory.previousOptions;
  const agg = running(v, 'Job_AggregateGIM');
  if (prev && agg && prev.runAggregates !== o.runAggregates) {
    if (!o.runAggregates) {
      setControl(v, agg, 'operator', 'R17: run-aggregates turned false');
    } else if (aggregationWindowAt(o, v.now)) {
      setControl(v, agg, 'scheduler', 'R17: run-aggregates turned true inside a window');
    } else if (o.runScheduler) {
      setControl(v, agg, 'scheduler', 'R17: run-aggregates turned true');
      stop(v, agg, 'schedule in effect', 'Completed');
    }
  }
  const switches = [
    ['Job_MaintainGIM', o.runMaintain],
    ['Job_ExportGIM', o.runExport],
    ['Job_AggregateGIM', o.runAggregates],
  ] as const;
  for (const [job, on] of switches) {
    const s = scheduled(v, job);
    if (!on && s && s.origin === 'scheduler') cancel(v, s, 'disabled');
  }
}

/** R3: paused — the scheduler's Scheduled instances are withdrawn; nothing is started or stopped. */
function decidePaused(v: View): void {
  for (const s of v.live.filter((i) => i.status === 'Scheduled' && i.origin === 'scheduler')) {
    cancel(v, s, 'scheduler paused');
  }
  // A cycle ending while paused does not go on to its transform step.
  const ex = v.state.lastEnded.Job_ExtractICON;
  if (ex?.cycleId) v.memory.transformedCycle = ex.cycleId;
}

/** Stops first (R1): window end (R16), maintenance window closed (R11), preemption (R12). */
function decideStops(o: ScheduleOptions, v: View, dueSlot: number | null): void {
  const agg = running(v, 'Job_AggregateGIM');
  if (agg && agg.controlledBy === 'scheduler' && !aggregationWindowAt(o, v.now)) {
    stop(v, agg, 'window ended', 'Completed');
  }
  const waiting = schedulerMaintenanceWaiting(v);
  if (waiting) {
    const mw = maintenanceWindow(o, v.memory.maintenanceAnchor ?? waiting.createdAt);
    if (v.now >= mw.end) {
      cancel(v, waiting, 'maintenance window closed');
      v.actions.push({
        kind: 'warn',
        job: 'Job_MaintainGIM',
        message: `R11: ${label(waiting)} canceled: maintenance window closed at ${localHm(o, mw.end)} before it could start (${waiting.waitReason ?? 'waiting'})`,
      });
    }
  }
  const maint = schedulerMaintenanceRunning(v);
  if (dueSlot !== null && maint) {
    stop(v, maint, 'preempted by ETL', 'Stopped');
    owe(v, dueSlot);
  }
}

function owe(v: View, slot: number): void {
  if (v.memory.owedSlot === null) v.memory.owedSlot = slot;
}

/** R5: a scheduler cycle's transform step follows its Completed extraction. */
function decideCycleTransform(v: View): void {
  const m = v.memory;
  const ex = v.state.lastEnded.Job_ExtractICON;
  if (ex && ex.cycleId !== null && ex.origin !== 'manual' && m.transformedCycle !== ex.cycleId) {
    // Only an extraction that ended since the previous evaluation: a restarted process does not
    // replay the transform step of an older cycle.
    if (m.lastEvaluatedAt !== null && ex.endedAt >= m.lastEvaluatedAt) {
      m.transformedCycle = ex.cycleId;
      if (ex.status === 'Completed') launchCycleTransform(v, ex.cycleId);
    }
  }
  const waiting = v.live.find(
    (i) => i.job === 'Job_TransformGIM' && i.status === 'Scheduled' && i.origin === 'scheduler',
  );
  if (!waiting) return;
  const blocker = transformBlocker(v);
  if (blocker) setWaitReason(v, waiting, blocker);
  else startScheduled(v, waiting, `cycle ${waiting.cycleId ?? '?'} (R5)`);
}

function transformBlocker(v: View): string | null {
  if (v.state.server === 'Blocked') return 'R19: server Blocked';
  if (v.state.server === 'Migration') return 'R20: migration state';
  const t = running(v, 'Job_TransformGIM');
  return t ? `R2: waits for ${label(t)}` : null;
}

function launchCycleTransform(v: View, cycleId: string): void {
  const other = scheduled(v, 'Job_TransformGIM');
  if (other) {
    skip(
      v,
      'Job_TransformGIM',
      `R2: ${label(other)} already Scheduled; cycle ${cycleId} ends without its transform`,
    );
    return;
  }
  const blocker = transformBlocker(v);
  const reason = `cycle ${cycleId} (R5)`;
  if (blocker) schedule(v, 'Job_TransformGIM', reason, blocker, { cycleId });
  else start(v, 'Job_TransformGIM', reason, { cycleId });
}

/** R9-R11 (R12 is a stop, R22 catch-up lives in catch-up.ts). */
function decideMaintenance(o: ScheduleOptions, v: View): void {
  const due = takeDue(o, v, 'maintain');
  if (due !== null && o.runMaintain) launchMaintenance(v, due, `maintain-start-time ${localHm(o, due)} (R9)`);
  const waiting = schedulerMaintenanceWaiting(v);
  if (!waiting) return;
  const blocker = maintenanceBlocker(v);
  if (blocker === null) {
    startScheduled(v, waiting, 'R10: maintenance window free');
    return;
  }
  setWaitReason(v, waiting, blocker);
  const agg = running(v, 'Job_AggregateGIM');
  if (agg) stop(v, agg, 'yield to maintenance', 'Stopped');
}

/** R4, R6-R8, R13: slots start cycles; a busy slot is owed. */
function decideEtl(o: ScheduleOptions, v: View, dueSlot: number | null): void {
  const cycleBusy = (): boolean => !!(busy(v, 'Job_ExtractICON') ?? busy(v, 'Job_TransformGIM'));
  if (dueSlot !== null) {
    if (schedulerMaintenanceRunning(v) || cycleBusy()) {
      owe(v, dueSlot);
    } else {
      // A slot starting a cycle also takes any owed slot's data: they merge (R7).
      v.memory.owedSlot = null;
      start(v, 'Job_ExtractICON', `ETL slot ${localHm(o, dueSlot)} (R4)`, { cycleId: 'new' });
    }
  }
  const owed = v.memory.owedSlot;
  if (owed !== null && !cycleBusy() && !schedulerMaintenanceRunning(v)) {
    v.memory.owedSlot = null;
    start(v, 'Job_ExtractICON', `owed ETL slot ${localHm(o, owed)} (R7)`, { cycleId: 'new', notable: true });
  }
}

/** R15: aggregation runs throughout its windows, restarted with back-off after failures. */
function decideAggregation(o: ScheduleOptions, v: View): void {
  if (!o.runAggregates || !o.aggregationEngineEnabled) return;
  if (busy(v, 'Job_AggregateGIM')) return;
  if (schedulerMaintenanceRunning(v) || schedulerMaintenanceWaiting(v)) return;
  const w = aggregationWindowAt(o, v.now);
  if (!w) return;
  const f = v.state.aggregationFailures;
  if (
    f.consecutive > 0 &&
    f.lastFailedAt !== null &&
    v.now < f.lastFailedAt + aggregationBackoffMs(f.consecutive)
  ) {
    return;
  }
  const reason =
    f.consecutive > 0
      ? `R15: restart after ${f.consecutive} failure${f.consecutive > 1 ? 's' : ''}`
      : `R15: inside window ${localHm(o, w.start)}-${localHm(o, w.end)}`;
  start(v, 'Job_AggregateGIM', reason, { notable: f.consecutive > 0 });
}

/** R18: export at its instants; waits while any maintenance runs; dropped if already there. */
function decideExport(o: ScheduleOptions, v: View): void {
  const due = takeDue(o, v, 'export');
  const maint = running(v, 'Job_MaintainGIM');
  if (due !== null && o.runExport) {
    const there = busy(v, 'Job_ExportGIM');
    if (there) skip(v, 'Job_ExportGIM', `R18: ${label(there)} already ${there.status}`);
    else if (maint)
      schedule(v, 'Job_ExportGIM', `export-schedule ${localHm(o, due)}`, `R18: waits for ${label(maint)}`);
    else start(v, 'Job_ExportGIM', `export-schedule ${localHm(o, due)} (R18)`);
  }
  const waiting = v.live.find(
    (i) => i.job === 'Job_ExportGIM' && i.status === 'Scheduled' && i.origin === 'scheduler',
  );
  if (!waiting) return;
  if (maint) setWaitReason(v, waiting, `R18: waits for ${label(maint)}`);
  else startScheduled(v, waiting, 'R18: maintenance ended');
}

/** R13, R14: update-stats beside everything but scheduler maintenance; never queued. */
function decideUpdateStats(o: ScheduleOptions, v: View): void {
  const due = takeDue(o, v, 'update-stats');
  if (due === null || !o.runUpdateStats) return;
  const there = running(v, 'Job_UpdateStats');
  if (there) skip(v, 'Job_UpdateStats', `R14: ${label(there)} still running`);
  else if (schedulerMaintenanceRunning(v)) skip(v, 'Job_UpdateStats', 'suspended during maintenance (R13)');
  else start(v, 'Job_UpdateStats', `update-stats-schedule ${localHm(o, due)} (R14)`);
}

/** M5: a manual request waiting behind scheduler maintenance starts once it ended (M4 states). */
function startWaitingManual(v: View): void {
  if (schedulerMaintenanceRunning(v)) return;
  for (const w of v.live.filter((i) => i.status === 'Scheduled' && i.origin === 'manual')) {
    const server = v.state.server;
    const allowed =
      server === 'Normal' ||
      (server === 'Blocked' && w.job === 'Job_InitializeGIM') ||
      (server === 'Migration' && w.job === 'Job_MigrateGIM');
    if (allowed && !running(v, w.job)) startScheduled(v, w, 'M5: scheduler maintenance ended');
  }
}

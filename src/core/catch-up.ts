// R22: missed occurrences are not replayed. On return to normal operation (start-up after
// downtime, resume after a pause, Blocked or migration state) each schedule's occurrences since
// the suspension began are counted into one Canceled history row per job; a cycle starts at
// once inside an ETL window; maintenance starts inside the window of the latest
// maintain-start-time if none Completed since. Aggregation simply follows R15/R16.

import { busy, start } from './decide-view.ts';
import type { View } from './decide-view.ts';
import { formatLocalHm } from './local-time.ts';
import { nextFnOf, occurrencesBetween } from './due.ts';
import type { JobName } from './jobs.ts';
import { launchMaintenance } from './maintenance-rules.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import type { ScheduleName, SuspensionCause } from './scheduler-state.ts';
import { aggregationWindowAt, etlWindowAt, latestMaintainStart, maintenanceWindow } from './schedules.ts';

export const MISSED_REASON: Readonly<Record<SuspensionCause, string>> = {
  down: 'missed: server down',
  paused: 'missed: scheduler paused',
  blocked: 'missed: blocked',
  migration: 'missed: blocked',
};

const CAUSE_TEXT: Readonly<Record<SuspensionCause, string>> = {
  down: 'server down',
  paused: 'scheduler paused',
  blocked: 'Blocked state',
  migration: 'migration state',
};

export function catchUp(o: ScheduleOptions, v: View): void {
  const s = v.memory.suspension;
  if (s === null) return;
  const now = v.now;
  const schedules: readonly [ScheduleName, JobName, boolean][] = [
    ['maintain', 'Job_MaintainGIM', o.runMaintain],
    ['etl', 'Job_ExtractICON', true],
    ['aggregate', 'Job_AggregateGIM', o.runAggregates],
    ['export', 'Job_ExportGIM', o.runExport],
    ['update-stats', 'Job_UpdateStats', o.runUpdateStats],
  ];
  for (const [name, job, on] of schedules) {
    const last = v.memory.lastFired[name];
    const from = Math.max(s.since, last ?? -Infinity);
    let missed = occurrencesBetween(nextFnOf(o, name), from, now);
    if (missed.length > 0) v.memory.lastFired = { ...v.memory.lastFired, [name]: missed[missed.length - 1] };
    if (!on) continue;
    if (name === 'maintain') missed = catchUpMaintenance(o, v, missed, s.cause);
    if (name === 'etl') catchUpEtl(o, v, s.cause);
    if (name === 'aggregate') {
      // A window still open is not missed: R15 starts aggregation in it now.
      const w = aggregationWindowAt(o, now);
      if (w) missed = missed.filter((t) => t < w.start);
    }
    const first = missed[0];
    const lastMissed = missed[missed.length - 1];
    if (first !== undefined && lastMissed !== undefined) {
      v.actions.push({
        kind: 'record-missed',
        job,
        reason: MISSED_REASON[s.cause],
        count: missed.length,
        firstMs: first,
        lastMs: lastMissed,
      });
    }
  }
  v.memory.suspension = null;
}

function catchUpMaintenance(o: ScheduleOptions, v: View, missed: number[], cause: SuspensionCause): number[] {
  const a = latestMaintainStart(o, v.now);
  if (a === null || busy(v, 'Job_MaintainGIM')) return missed;
  const done = v.state.lastMaintenanceCompletedAt;
  if (done !== null && done >= a) return missed;
  if (v.now >= maintenanceWindow(o, a).end) return missed;
  const fired = v.memory.lastFired.maintain;
  v.memory.lastFired = { ...v.memory.lastFired, maintain: Math.max(fired ?? a, a) };
  launchMaintenance(
    v,
    a,
    `R22: catch-up after ${CAUSE_TEXT[cause]} (maintain-start-time ${formatLocalHm(o.timezone, a)})`,
    true,
  );
  return missed.filter((t) => t !== a);
}

function catchUpEtl(o: ScheduleOptions, v: View, cause: SuspensionCause): void {
  if (!etlWindowAt(o, v.now)) return;
  // The catch-up cycle also stands for a slot falling exactly now.
  v.memory.lastFired = { ...v.memory.lastFired, etl: v.now };
  if (busy(v, 'Job_ExtractICON') ?? busy(v, 'Job_TransformGIM')) {
    if (v.memory.owedSlot === null) v.memory.owedSlot = v.now;
    return;
  }
  start(v, 'Job_ExtractICON', `R22: catch-up after ${CAUSE_TEXT[cause]}`, { cycleId: 'new', notable: true });
}

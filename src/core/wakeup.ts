// The next instant at which `decide` may act without any status change: the loop sleeps until
// then (or 5 s, R1, whichever comes first); the preview jumps straight to it.

import { aggregationBackoffMs } from './decide.ts';
import { nextFnOf } from './due.ts';
import type { ScheduleOptions } from './schedule-options.ts';
import type { SchedulerState } from './scheduler-state.ts';
import { aggregationWindowAt, maintenanceWindow, nextAggregationWindowStart } from './schedules.ts';

export function nextWakeup(o: ScheduleOptions, now: number, state: SchedulerState): number {
  const candidates: number[] = [nextFnOf(o, 'etl')(now)];
  if (o.runMaintain) candidates.push(nextFnOf(o, 'maintain')(now));
  if (o.runExport) candidates.push(nextFnOf(o, 'export')(now));
  if (o.runUpdateStats) candidates.push(nextFnOf(o, 'update-stats')(now));
  const window = aggregationWindowAt(o, now);
  if (window) candidates.push(window.end);
  const nextStart = nextAggregationWindowStart(o, now);
  if (nextStart !== null) candidates.push(nextStart);
  const f = state.aggregationFailures;
  if (f.consecutive > 0 && f.lastFailedAt !== null)
    candidates.push(f.lastFailedAt + aggregationBackoffMs(f.consecutive));
  const waitingMaint = state.instances.find(
    (i) => i.job === 'Job_MaintainGIM' && i.status === 'Scheduled' && i.origin === 'scheduler',
  );
  if (waitingMaint) {
    candidates.push(maintenanceWindow(o, state.memory.maintenanceAnchor ?? waitingMaint.createdAt).end);
  }
  return Math.min(...candidates.filter((t) => t > now));
}

// Scheduler maintenance launch and its start condition (R9, R10), shared by the normal path
// and the R22 catch-up.

import { busy, label, running, schedule, scheduled, skip, start, stop } from './decide-view.ts';
import type { View } from './decide-view.ts';

const EXCLUDING = [
  'Job_ExtractICON',
  'Job_TransformGIM',
  'Job_ExportGIM',
  'Job_MigrateGIM',
  'Job_InitializeGIM',
] as const;

/** Why scheduler maintenance may not start now (R10), naming rule and blocker; null = it may. */
export function maintenanceBlocker(v: View): string | null {
  for (const job of EXCLUDING) {
    const r = running(v, job);
    if (r) return `R10: waits for ${label(r)}`;
  }
  for (const job of ['Job_ExtractICON', 'Job_TransformGIM'] as const) {
    const s = scheduled(v, job);
    if (s) return `R10: waits for ${label(s)}`;
  }
  if (v.memory.owedSlot !== null) return 'R10: waits for the owed ETL cycle';
  const agg = running(v, 'Job_AggregateGIM');
  if (agg) return `R10: waits for ${label(agg)} to yield`;
  return null;
}

/** R9: one Job_MaintainGIM per maintain-start instant, Running if R10 allows, else Scheduled. */
export function launchMaintenance(v: View, anchor: number, reason: string, notable = false): void {
  const there = busy(v, 'Job_MaintainGIM');
  if (there) {
    skip(v, 'Job_MaintainGIM', `R2: ${label(there)} already ${there.status}`);
    return;
  }
  v.memory.maintenanceAnchor = anchor;
  const blocker = maintenanceBlocker(v);
  if (blocker === null) {
    start(v, 'Job_MaintainGIM', reason, { notable });
    return;
  }
  schedule(v, 'Job_MaintainGIM', reason, blocker);
  const agg = running(v, 'Job_AggregateGIM');
  if (agg) stop(v, agg, 'yield to maintenance', 'Stopped');
}

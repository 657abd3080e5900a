// All 13 hierarchies of data-model 6.2, in the order of HIERARCHIES (src/core/insert-pending-agg.ts).
import { HIERARCHIES, type Hierarchy } from '../../core/insert-pending-agg.ts';
import { H_AGENT, H_AGENT_CAMPAIGN, H_AGENT_GRP, H_AGENT_QUEUE, H_CAMPAIGN } from './hierarchies-agent.ts';
import { H_ID } from './hierarchies-interaction.ts';
import { H_I_AGENT, H_I_SESS_STATE, H_I_STATE_RSN } from './hierarchies-interval.ts';
import { H_QUEUE, H_QUEUE_ABN, H_QUEUE_ACC_AGENT, H_QUEUE_GRP } from './hierarchies-queue.ts';
import type { Level } from './levels.ts';
import type { HierarchySpec } from './spec.ts';

const BY_NAME: Readonly<Record<Hierarchy, HierarchySpec>> = {
  H_AGENT,
  H_ID,
  H_I_STATE_RSN,
  H_QUEUE_GRP,
  H_QUEUE_ABN,
  H_AGENT_GRP,
  H_I_AGENT,
  H_QUEUE,
  H_AGENT_CAMPAIGN,
  H_AGENT_QUEUE,
  H_I_SESS_STATE,
  H_QUEUE_ACC_AGENT,
  H_CAMPAIGN,
};

export const HIERARCHY_SPECS: readonly HierarchySpec[] = HIERARCHIES.map((h) => BY_NAME[h]);

export function hierarchySpec(name: Hierarchy): HierarchySpec {
  return BY_NAME[name];
}

/** PENDING_AGG.HIERARCHY: 'ALL' or one name (the misprinted aliases are stored corrected). */
export function specsInScope(hierarchy: string): readonly HierarchySpec[] {
  if (hierarchy === 'ALL') return HIERARCHY_SPECS;
  const spec = (BY_NAME as Readonly<Record<string, HierarchySpec>>)[hierarchy];
  if (!spec) throw new Error(`PENDING_AGG names an unknown hierarchy "${hierarchy}"`);
  return [spec];
}

export function aggTableName(spec: HierarchySpec, level: Level): string {
  return `AG2_${spec.table}_${level}`;
}

/** The grain of every table of the hierarchy, in column order. */
export function keyColumns(spec: HierarchySpec): string[] {
  return ['DATE_TIME_KEY', 'TENANT_KEY', 'MEDIA_TYPE_KEY', ...spec.grain];
}

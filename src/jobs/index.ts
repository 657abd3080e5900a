// The typed job registry: adding a job = its folder + one line here (DESIGN 7).
import { type JobDefinition, type JobName, makeUnavailableJob } from './types.ts';
import { migrateGimJob } from './migrate-gim/index.ts';
import { initializeGimJob } from './initialize-gim/index.ts';
import { transformGimJob } from './transform-gim/index.ts';
import { extractIconJob } from './extract-icon/index.ts';
import { aggregateGimJob } from './aggregate-gim/index.ts';

const REGISTRY: Readonly<Record<JobName, JobDefinition>> = Object.freeze({
  Job_InitializeGIM: initializeGimJob,
  Job_ExtractICON: extractIconJob,
  Job_TransformGIM: transformGimJob,
  Job_AggregateGIM: aggregateGimJob,
  Job_MaintainGIM: makeUnavailableJob('Job_MaintainGIM', 'maintenance is not implemented yet'),
  Job_UpdateStats: makeUnavailableJob('Job_UpdateStats', 'statistics update is not implemented yet'),
  Job_MigrateGIM: migrateGimJob,
  Job_ExportGIM: makeUnavailableJob('Job_ExportGIM', 'export is not implemented yet'),
});

export function getJob(name: JobName): JobDefinition {
  return REGISTRY[name];
}

export function listJobs(): JobDefinition[] {
  return Object.values(REGISTRY);
}

// The eight job names (jobs reference 5), case-sensitive as operators type them.

export const JOB_NAMES = [
  'Job_InitializeGIM',
  'Job_MigrateGIM',
  'Job_ExtractICON',
  'Job_TransformGIM',
  'Job_AggregateGIM',
  'Job_MaintainGIM',
  'Job_UpdateStats',
  'Job_ExportGIM',
] as const;

export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(text: string): text is JobName {
  return (JOB_NAMES as readonly string[]).includes(text);
}

/** Who created an instance (CTL_ETL_HISTORY.ORIGIN). */
export type Origin = 'scheduler' | 'manual' | 'startup';

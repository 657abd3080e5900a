// Job instance statuses and their transitions (jobs reference 4), persisted as text.

export type RunStatus = 'Scheduled' | 'Running' | 'Completed' | 'Failed' | 'Stopped' | 'Canceled';
export type LiveStatus = Extract<RunStatus, 'Scheduled' | 'Running'>;
export type FinalStatus = Exclude<RunStatus, LiveStatus>;

export const RUN_STATUSES: readonly RunStatus[] = [
  'Scheduled',
  'Running',
  'Completed',
  'Failed',
  'Stopped',
  'Canceled',
];

/** Allowed next statuses. Final statuses have none. */
export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  Scheduled: ['Running', 'Canceled'],
  Running: ['Completed', 'Failed', 'Stopped'],
  Completed: [],
  Failed: [],
  Stopped: [],
  Canceled: [],
};

export function isFinalStatus(s: RunStatus): s is FinalStatus {
  return RUN_TRANSITIONS[s].length === 0;
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: RunStatus, to: RunStatus): void {
  if (!canTransition(from, to)) {
    const allowed = RUN_TRANSITIONS[from];
    throw new Error(
      `invalid job status transition ${from} -> ${to}; ${from} may become ${allowed.length ? allowed.join(', ') : 'nothing (final)'}`,
    );
  }
}

/** CTL_ETL_HISTORY.STATUS spelling (jobs reference 4). */
export type DbRunStatus = 'SCHEDULED' | 'RUNNING' | 'COMPLETE' | 'FAILED' | 'STOPPED' | 'CANCELED';

const TO_DB: Readonly<Record<RunStatus, DbRunStatus>> = {
  Scheduled: 'SCHEDULED',
  Running: 'RUNNING',
  Completed: 'COMPLETE',
  Failed: 'FAILED',
  Stopped: 'STOPPED',
  Canceled: 'CANCELED',
};

export function toDbStatus(s: RunStatus): DbRunStatus {
  return TO_DB[s];
}

export function fromDbStatus(text: string): RunStatus {
  const hit = RUN_STATUSES.find((s) => TO_DB[s] === text);
  if (!hit)
    throw new Error(`unknown CTL_ETL_HISTORY status "${text}"; expected ${Object.values(TO_DB).join(', ')}`);
  return hit;
}

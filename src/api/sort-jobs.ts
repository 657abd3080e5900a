// Job list order (jobs reference 6): sortable on each column; by default start time newest
// first with rows not started yet (Scheduled) on top. Missing values sort as the greatest.
import type { JobView } from '../service-types.ts';
import { badRequest } from './errors.ts';

export const SORT_COLUMNS = [
  'jobId',
  'job',
  'status',
  'origin',
  'createdTs',
  'startTs',
  'endTs',
  'durationSeconds',
  'parameters',
  'reason',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortOrder = 'asc' | 'desc';

export function parseSort(
  column: string | undefined,
  order: string | undefined,
): { column: SortColumn; order: SortOrder } {
  const col = column ?? 'startTs';
  if (!(SORT_COLUMNS as readonly string[]).includes(col)) {
    throw badRequest(
      `parameter "sort": "${col}" is not a column; expected one of ${SORT_COLUMNS.join(', ')}`,
    );
  }
  const ord = order ?? 'desc';
  if (ord !== 'asc' && ord !== 'desc') {
    throw badRequest(`parameter "order": "${ord}" is not valid; expected asc or desc`);
  }
  return { column: col as SortColumn, order: ord };
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function valueOf(v: JobView, column: SortColumn): string | number | null {
  return column === 'jobId' ? Number(v.jobId) : v[column];
}

export function sortJobs(jobs: readonly JobView[], column: SortColumn, order: SortOrder): JobView[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...jobs].sort(
    (a, b) =>
      sign * compareValues(valueOf(a, column), valueOf(b, column)) || Number(b.jobId) - Number(a.jobId),
  );
}

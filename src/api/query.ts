// Query-string parameters: each refusal names the parameter and its valid values.
import { JOB_NAMES, isJobName, type JobName } from '../core/jobs.ts';
import type { Origin, StoredStatus } from '../runner/history.ts';
import type { HistoryQuery, JobView } from '../service-types.ts';
import { badRequest } from './errors.ts';

const STORED: readonly StoredStatus[] = ['SCHEDULED', 'RUNNING', 'COMPLETE', 'FAILED', 'STOPPED', 'CANCELED'];
const SHOWN: Readonly<Record<JobView['status'], StoredStatus>> = {
  Scheduled: 'SCHEDULED',
  Running: 'RUNNING',
  Completed: 'COMPLETE',
  Failed: 'FAILED',
  Stopped: 'STOPPED',
  Canceled: 'CANCELED',
};
const ORIGINS: readonly Origin[] = ['scheduler', 'manual', 'startup'];

export function parseJobName(name: string, param: string): JobName {
  if (!isJobName(name)) {
    throw badRequest(`parameter "${param}": "${name}" is not a job; expected one of ${JOB_NAMES.join(', ')}`);
  }
  return name;
}

/** A stored status (COMPLETE) or the shown one (Completed). */
export function parseStatus(text: string, param: string): StoredStatus {
  const s = (STORED as readonly string[]).includes(text)
    ? (text as StoredStatus)
    : SHOWN[text as JobView['status']];
  if (!s) {
    throw badRequest(
      `parameter "${param}": "${text}" is not a status; expected one of ${Object.keys(SHOWN).join(', ')}`,
    );
  }
  return s;
}

export function parseOrigin(text: string, param: string): Origin {
  if (!(ORIGINS as readonly string[]).includes(text)) {
    throw badRequest(
      `parameter "${param}": "${text}" is not an origin; expected one of ${ORIGINS.join(', ')}`,
    );
  }
  return text as Origin;
}

/** Epoch seconds, or an ISO 8601 date (UTC midnight) or date-time with Z or an offset. */
// History times are stored as 32-bit epoch seconds (CTL_ETL_HISTORY *_TS).
const MAX_EPOCH_SECONDS = 2_147_483_647;

export function parseInstant(text: string, param: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text);
  const ms = /^\d{1,12}$/.test(text) ? Number(text) * 1000 : iso ? Date.parse(text) : NaN;
  if (Number.isNaN(ms) || ms < 0 || ms / 1000 > MAX_EPOCH_SECONDS) {
    throw badRequest(
      `parameter "${param}": "${text}" is not a time; expected epoch seconds, YYYY-MM-DD (UTC) or ` +
        'YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM, from 1970 to 2038-01-19',
    );
  }
  return Math.floor(ms / 1000);
}

export function parseIntParam(
  text: string | undefined,
  param: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (text === undefined || text === '') return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) {
    throw badRequest(`parameter "${param}": "${text}" is not valid; expected an integer ${min}..${max}`);
  }
  return n;
}

export function assertKnownParams(q: Record<string, string>, known: readonly string[]): void {
  const unknown = Object.keys(q).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw badRequest(
      `unknown parameter ${unknown.map((k) => `"${k}"`).join(', ')}; expected ${known.join(', ')}`,
    );
  }
}

export function parseHistoryQuery(q: Record<string, string>): HistoryQuery {
  assertKnownParams(q, ['job', 'status', 'origin', 'from', 'to', 'page', 'pageSize']);
  const fromTs = q.from ? parseInstant(q.from, 'from') : undefined;
  const toTs = q.to ? parseInstant(q.to, 'to') : undefined;
  if (fromTs !== undefined && toTs !== undefined && fromTs > toTs) {
    throw badRequest('parameter "from" is after "to"');
  }
  return {
    ...(q.job ? { job: parseJobName(q.job, 'job') } : {}),
    ...(q.status ? { status: parseStatus(q.status, 'status') } : {}),
    ...(q.origin ? { origin: parseOrigin(q.origin, 'origin') } : {}),
    ...(fromTs !== undefined ? { fromTs } : {}),
    ...(toTs !== undefined ? { toTs } : {}),
    page: parseIntParam(q.page, 'page', 1, 1_000_000, 1),
    pageSize: parseIntParam(q.pageSize, 'pageSize', 1, 500, 50),
  };
}

// The project's typed errors. Each has a stable `code`; the HTTP mapping lives at the API edge
// only, the exit-code mapping in the CLI only.

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DB_ERROR'
  | 'SOURCE_UNAVAILABLE'
  | 'JOB_STOPPED'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'JOB_UNAVAILABLE'
  | 'MIGRATION_FAILED'
  | 'IDB_VERSION_UNSUPPORTED';

export class InfomartError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One finding of an options check: where it is and what is wrong, with the valid values. */
export interface ConfigIssue {
  readonly section: string;
  readonly option?: string;
  readonly line?: number;
  readonly value?: string;
  /** The whole human message, e.g. `schedule.etl-start-time: "25:00" is not valid; expected …`. */
  readonly message: string;
}

export class ConfigError extends InfomartError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super('CONFIG_INVALID', issues.map((i) => i.message).join('\n'));
  }
}

/** A database statement failed. Keeps PostgreSQL's SQLSTATE and names the failing statement. */
export class DbError extends InfomartError {
  constructor(
    message: string,
    readonly sqlState: string | undefined,
    readonly queryName: string | undefined,
    options?: { cause?: unknown },
  ) {
    super('DB_ERROR', message, options);
  }
}

export class SourceUnavailableError extends InfomartError {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('SOURCE_UNAVAILABLE', message, options);
  }
}

/** Thrown inside a job when its signal asks it to stop; the runner records Stopped. */
export class JobStoppedError extends InfomartError {
  constructor(readonly reason: string) {
    super('JOB_STOPPED', `stopped: ${reason}`);
  }
}

/** SQLSTATEs after which a unit of work is rolled back and retried (jobs reference, section 4). */
export const RETRYABLE_SQLSTATES: Readonly<Record<string, string>> = {
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '55P03': 'lock not available (lock time-out)',
  '08000': 'connection exception',
  '08003': 'connection does not exist',
  '08006': 'connection failure',
  '57P01': 'admin shutdown',
  '57P02': 'crash shutdown',
  '57P03': 'cannot connect now',
};

export function isRetryable(err: unknown): boolean {
  return err instanceof DbError && err.sqlState !== undefined && err.sqlState in RETRYABLE_SQLSTATES;
}

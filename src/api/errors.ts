// The one place where the project's error codes become HTTP statuses (DESIGN 10).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { ConfigError, InfomartError, type ConfigIssue, type ErrorCode } from '../errors.ts';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  BAD_REQUEST: 400,
  CONFIG_INVALID: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  JOB_UNAVAILABLE: 409,
};

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** The rule a refusal names (M1–M9, R19, R20), when its message names one. */
    readonly rule?: string;
    readonly issues?: readonly ConfigIssue[];
  };
}

export function statusOf(err: InfomartError): ContentfulStatusCode {
  return STATUS[err.code] ?? 500;
}

export function ruleOf(message: string): string | undefined {
  return /\b(M[1-9]|R19|R20)\b/.exec(message)?.[1];
}

export function errorBody(code: string, message: string, issues?: readonly ConfigIssue[]): ErrorBody {
  const rule = ruleOf(message);
  return { error: { code, message, ...(rule ? { rule } : {}), ...(issues ? { issues } : {}) } };
}

export function badRequest(message: string): InfomartError {
  return new InfomartError('BAD_REQUEST', message);
}

/** Hono's onError: typed errors keep their words; anything else is logged and answered 500. */
export function respondError(err: Error, c: Context, log: Logger): Response {
  if (err instanceof InfomartError) {
    const status = statusOf(err);
    if (status === 500) log.error({ err, path: c.req.path }, 'request failed');
    const issues = err instanceof ConfigError ? err.issues : undefined;
    return c.json(errorBody(err.code, err.message, issues), status);
  }
  log.error({ err, path: c.req.path }, 'request failed');
  return c.json(errorBody('INTERNAL', 'internal error; the server log has the details'), 500);
}

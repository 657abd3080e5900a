// The one classification of transient errors (jobs reference 4, Failure): a unit that fails with
// one of these is rolled back and may be retried; anything else fails the job at once. It
// supersedes `isRetryable` of src/errors.ts, which only knew SQLSTATEs.
import { DbError, RETRYABLE_SQLSTATES } from '../errors.ts';

/** Socket-level codes node-postgres reports (kept as the DbError's code) when a connection is lost. */
const CONNECTION_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
};

/** Messages of a lost connection that come without any code (node-postgres, pg-pool). */
const CONNECTION_MESSAGES: readonly RegExp[] = [
  /Connection terminated( unexpectedly)?/i,
  /Client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /server closed the connection unexpectedly/i,
];

function codeOf(err: unknown): string | undefined {
  if (err instanceof DbError) return err.sqlState;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Why err is transient ("deadlock detected (40P01)"), or null when it is not. Looks through
 * `cause` chains, since the Db adapters wrap driver errors.
 */
export function transientReason(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e !== null && e !== undefined && depth < 5; depth++) {
    const code = codeOf(e);
    if (code !== undefined) {
      const known = RETRYABLE_SQLSTATES[code] ?? CONNECTION_CODES[code];
      if (known) return `${known} (${code})`;
      // SQLSTATE class 08: every connection exception.
      if (/^08[0-9A-Z]{3}$/.test(code)) return `connection exception (${code})`;
    }
    const message = e instanceof Error ? e.message : '';
    if (CONNECTION_MESSAGES.some((m) => m.test(message))) return 'connection lost';
    e = e instanceof Error ? e.cause : undefined;
  }
  return null;
}

export function isTransient(err: unknown): boolean {
  return transientReason(err) !== null;
}

// The extraction pre-checks (jobs 5.2, R20): every source IDB is opened and its schema version
// read before anything is extracted. An unsupported version anywhere fails the whole job with an
// IdbVersionError (the server then enters the migration state); an IDB that cannot be reached, or
// is no IDB at all, fails only its own part.
import type { Dap } from '../../config/types.ts';
import { acquireDb } from '../../db/shared-handles.ts';
import type { DbLease } from '../../db/shared-handles.ts';
import { InfomartError } from '../../errors.ts';
import { readIdbVersion, unsupportedIdbMessage } from '../../idb/version.ts';
import { runPool } from './pool.ts';

/** Start of the error message of an extraction refused for an IDB version (read back by R20). */
export const IDB_VERSION_FAILURE = 'R20: unsupported IDB version';

export class IdbVersionError extends InfomartError {
  constructor(readonly problems: readonly string[]) {
    super('IDB_VERSION_UNSUPPORTED', `${IDB_VERSION_FAILURE}: ${problems.join('; ')}`);
  }
}

export interface CheckedSources {
  /** Leases of the IDBs whose version is supported, by DAP name. */
  readonly opened: Map<string, DbLease>;
  /** Parts that fail this cycle (unreachable, not an IDB), by DAP name: the warning text. */
  readonly failures: Map<string, string>;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Opens and version-checks every source DAP. Throws IdbVersionError (after releasing every
 * lease) when any reachable IDB states a version this server does not support.
 */
export async function openCheckedSources(
  daps: readonly Dap[],
  workers: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CheckedSources> {
  const opened = new Map<string, DbLease>();
  const failures = new Map<string, string>();
  const unsupported: string[] = [];
  await runPool(daps, workers, async (dap) => {
    let lease: DbLease | undefined;
    try {
      const password = dap.passwordEnv ? env[dap.passwordEnv] : undefined;
      lease = await acquireDb(dap.url, { user: dap.user ?? undefined, password, poolSize: 4 });
      const v = await readIdbVersion(lease.db);
      if (v.kind === 'supported') {
        opened.set(dap.name, lease);
        return;
      }
      await lease.release();
      if (v.kind === 'unsupported') unsupported.push(unsupportedIdbMessage(dap.name, v.version));
      else failures.set(dap.name, `dap:${dap.name}: the database has no IDB table: not extracted this cycle`);
    } catch (err) {
      await lease?.release();
      failures.set(dap.name, `dap:${dap.name}: IDB unreachable, not extracted this cycle: ${message(err)}`);
    }
  });
  if (unsupported.length > 0) {
    await Promise.all([...opened.values()].map((l) => l.release()));
    throw new IdbVersionError(unsupported.sort());
  }
  return { opened, failures };
}

/** Job_MigrateGIM's IDB check (jobs 5.7): the problems of every reachable source IDB, none when all are supported. */
export async function idbVersionProblems(
  daps: readonly Dap[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  try {
    const checked = await openCheckedSources(daps, 1, env);
    await Promise.all([...checked.opened.values()].map((l) => l.release()));
    return [];
  } catch (err) {
    if (err instanceof IdbVersionError) return [...err.problems];
    throw err;
  }
}

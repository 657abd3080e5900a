// Runs one job in this process, start to end, with its history row: `infomart job run --local`,
// `infomart migrate`, tests and benchmarks. The server's runner uses the same pieces.
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/types.ts';
import type { ResolvedConfig } from '../config/index.ts';
import { InfomartError } from '../errors.ts';
import { migrationStatus } from '../db/migrate.ts';
import { ensureSchemaForInitialize } from './initialize-schema.ts';
import { getJob } from '../jobs/index.ts';
import type { JobName, ProgressReport } from '../jobs/types.ts';
import { createRun, type Origin } from './history.ts';
import { executeRun, type ExecuteResult } from './execute.ts';

export interface LocalRunInput {
  readonly name: JobName;
  readonly params?: string;
  readonly db: Db;
  readonly config: ResolvedConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  readonly origin?: Origin;
  readonly requestedBy?: string;
  readonly onProgress?: (p: ProgressReport) => void;
}

export interface LocalRunResult extends ExecuteResult {
  readonly jobId: string;
}

/** Refusals that need no running server: unknown/unavailable job, parameters, schema state. */
export async function assertRunnableHere(db: Db, name: JobName, params: string): Promise<void> {
  const def = getJob(name);
  if (def.unavailable)
    throw new InfomartError('JOB_UNAVAILABLE', `${name} is not available: ${def.unavailable}`);
  if (params.trim() !== '' && !def.acceptsParams) {
    throw new InfomartError('BAD_REQUEST', `${name} takes no parameters (M3); only Job_AggregateGIM does`);
  }
  if (name === 'Job_InitializeGIM') return;
  const st = await migrationStatus(db, 'infomart');
  if (st.dbVersion === 0) {
    throw new InfomartError('CONFLICT', `the Info Mart has no schema yet: run Job_InitializeGIM first (R21)`);
  }
  if (st.pending.length > 0 && name !== 'Job_MigrateGIM') {
    throw new InfomartError(
      'CONFLICT',
      `the Info Mart schema is at version ${st.dbVersion} and this server needs ${st.codeVersion}: ` +
        `only Job_MigrateGIM may run (R20)`,
    );
  }
}

export async function runJobLocally(input: LocalRunInput): Promise<LocalRunResult> {
  const params = input.params ?? '';
  await assertRunnableHere(input.db, input.name, params);
  const def = getJob(input.name);
  // Initialization creates the schema, history table included, before it can record itself.
  if (input.name === 'Job_InitializeGIM') await ensureSchemaForInitialize(input.db, input.clock.now());
  const jobId = await createRun(input.db, {
    jobName: input.name,
    status: 'RUNNING',
    origin: input.origin ?? 'manual',
    nowMs: input.clock.now(),
    parameters: params || null,
    requestedBy: input.requestedBy ?? null,
  });
  const result = await executeRun({
    def,
    jobId,
    params,
    db: input.db,
    config: input.config,
    clock: input.clock,
    log: input.log,
    signal: input.signal ?? new AbortController().signal,
    onProgress: input.onProgress,
  });
  return { jobId, ...result };
}

// Holds the job instances running in this process: starts them (one AbortController each),
// forwards stop/kill requests, keeps their live progress for the Manager, and tells listeners
// when one ends. Whether a start is allowed is decided elsewhere (scheduler core, Manager rules).
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/types.ts';
import type { ResolvedConfig } from '../config/index.ts';
import { getJob } from '../jobs/index.ts';
import type { JobName, ProgressReport } from '../jobs/types.ts';
import type { StopEnd } from '../core/scheduler-state.ts';
import { createRun, recordStopRequest, transitionRun, type Origin } from './history.ts';
import { executeRun, type ExecuteResult } from './execute.ts';
import { ensureSchemaForInitialize } from './initialize-schema.ts';

export interface LiveProgress extends ProgressReport {
  readonly startedMs: number;
  readonly updatedMs: number;
}

export interface ActiveRun {
  readonly jobId: string;
  readonly name: JobName;
  readonly origin: Origin;
  readonly cycleId: string | null;
  readonly startedMs: number;
  readonly progress: LiveProgress;
  readonly stopRequested: { reason: string; by: string | null; atMs: number; endAs: StopEnd } | null;
  readonly done: Promise<ExecuteResult>;
}

export interface StartRequest {
  readonly name: JobName;
  readonly origin: Origin;
  readonly params?: string;
  readonly requestedBy?: string | null;
  readonly reason?: string | null;
  /** 'self' for a cycle's extraction, the extraction's id for its transform. */
  readonly cycleId?: string | null;
  /** An existing SCHEDULED history row to move to RUNNING instead of creating one. */
  readonly scheduledJobId?: string;
}

export interface Supervisor {
  start(req: StartRequest): Promise<ActiveRun>;
  /**
   * Graceful stop: the job ends at its next unit boundary, as Stopped (or Completed for an
   * aggregation ended by its window, R16). The first request's reason wins. False if not running here.
   */
  stop(jobId: string, reason: string, by?: string | null, endAs?: StopEnd): boolean;
  active(): readonly ActiveRun[];
  get(jobId: string): ActiveRun | undefined;
  onFinished(listener: (run: ActiveRun, result: ExecuteResult) => void): void;
  /** Stops everything and waits up to timeoutMs for the runs to end. */
  shutdown(reason: string, timeoutMs: number): Promise<void>;
}

export interface SupervisorDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly getConfig: () => ResolvedConfig;
}

interface Entry {
  run: ActiveRun;
  controller: AbortController;
}

export function makeSupervisor(deps: SupervisorDeps): Supervisor {
  const entries = new Map<string, Entry>();
  const listeners: ((run: ActiveRun, result: ExecuteResult) => void)[] = [];

  async function start(req: StartRequest): Promise<ActiveRun> {
    const def = getJob(req.name);
    if (def.unavailable) throw new Error(`${req.name} is not available: ${def.unavailable}`);
    const nowMs = deps.clock.now();
    if (req.name === 'Job_InitializeGIM') await ensureSchemaForInitialize(deps.db, nowMs);
    let jobId: string;
    if (req.scheduledJobId) {
      const moved = await transitionRun(deps.db, req.scheduledJobId, ['SCHEDULED'], 'RUNNING', { nowMs });
      if (!moved) throw new Error(`job ${req.scheduledJobId} is no longer Scheduled`);
      jobId = req.scheduledJobId;
    } else {
      jobId = await createRun(deps.db, {
        jobName: req.name,
        status: 'RUNNING',
        origin: req.origin,
        nowMs,
        parameters: req.params || null,
        cycleId: req.cycleId ?? null,
        reason: req.reason ?? null,
        requestedBy: req.requestedBy ?? null,
      });
    }
    const controller = new AbortController();
    const entry: Entry = {
      controller,
      run: {
        jobId,
        name: req.name,
        origin: req.origin,
        cycleId: req.cycleId === 'self' ? jobId : (req.cycleId ?? null),
        startedMs: nowMs,
        progress: { startedMs: nowMs, updatedMs: nowMs },
        stopRequested: null,
        done: Promise.resolve(null as unknown as ExecuteResult),
      },
    };
    const done = executeRun({
      def,
      jobId,
      params: req.params ?? '',
      db: deps.db,
      config: deps.getConfig(),
      clock: deps.clock,
      log: deps.log,
      signal: controller.signal,
      stopEnd: () => entry.run.stopRequested?.endAs ?? 'Stopped',
      onProgress: (p) => {
        entry.run = { ...entry.run, progress: { ...entry.run.progress, ...p, updatedMs: deps.clock.now() } };
      },
    });
    entry.run = { ...entry.run, done };
    entries.set(jobId, entry);
    void done.then(
      (result) => {
        entries.delete(jobId);
        for (const l of listeners) l(entry.run, result);
      },
      (err: unknown) => {
        // executeRun records failures itself; reaching here means the history update failed.
        entries.delete(jobId);
        deps.log.error({ err, jobId }, 'could not record the end of a job');
      },
    );
    return entry.run;
  }

  return {
    start,
    stop(jobId, reason, by = null, endAs = 'Stopped') {
      const e = entries.get(jobId);
      if (!e) return false;
      if (!e.run.stopRequested) {
        e.run = { ...e.run, stopRequested: { reason, by, atMs: deps.clock.now(), endAs } };
        void recordStopRequest(deps.db, jobId, by).catch((err: unknown) =>
          deps.log.warn({ err, jobId }, 'could not record who stopped a job'),
        );
        e.controller.abort(reason);
      }
      return true;
    },
    active: () => [...entries.values()].map((e) => e.run),
    get: (jobId) => entries.get(jobId)?.run,
    onFinished(listener) {
      listeners.push(listener);
    },
    async shutdown(reason, timeoutMs) {
      const runs = [...entries.values()];
      for (const e of runs) e.controller.abort(reason);
      const all = Promise.allSettled(runs.map((e) => e.run.done));
      const timer = new AbortController();
      const timeout = deps.clock.sleep(timeoutMs, timer.signal).catch(() => undefined);
      await Promise.race([all, timeout]);
      timer.abort();
    },
  };
}

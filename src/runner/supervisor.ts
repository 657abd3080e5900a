// Holds the job instances running in this process: starts them (one AbortController and one kill
// switch each), forwards stop/kill requests, keeps their live progress for the Manager, and tells
// listeners when one ends. A stop lets the current unit commit; a kill rolls it back (jobs
// reference 4); aggregation is killed automatically cancel-threshold after a stop (stop-policy.ts).
// Whether a start is allowed is decided elsewhere (scheduler core, Manager rules).
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/types.ts';
import type { ResolvedConfig } from '../config/index.ts';
import { getJob } from '../jobs/index.ts';
import type { JobDefinition, JobName, ProgressReport } from '../jobs/types.ts';
import type { StopEnd } from '../core/scheduler-state.ts';
import { createRun, recordStopRequest, transitionRun, type Origin } from './history.ts';
import { executeRun, type ExecuteResult } from './execute.ts';
import { ensureSchemaForInitialize } from './initialize-schema.ts';
import { makeKillSwitch, type KillSwitch } from './kill-switch.ts';
import { SHUTDOWN_KILL_WAIT_MS, killAfterStopMs } from './stop-policy.ts';
import type { RetryPolicy } from './unit-retry.ts';

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
  /** When a kill was requested (admin, cancel-threshold or shutdown), null otherwise. */
  readonly killRequested: { reason: string; by: string | null; atMs: number } | null;
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
  /**
   * Kill: the open unit is rolled back at once and the job ends Stopped (jobs reference 4). A
   * stop requested earlier keeps its reason and status. False if not running here.
   */
  kill(jobId: string, reason?: string, by?: string | null): boolean;
  active(): readonly ActiveRun[];
  get(jobId: string): ActiveRun | undefined;
  onFinished(listener: (run: ActiveRun, result: ExecuteResult) => void): void;
  /**
   * Stops everything and waits up to timeoutMs for the runs to end; runs still going then are
   * killed (their open units roll back) and waited for a little longer.
   */
  shutdown(reason: string, timeoutMs: number): Promise<void>;
}

export interface SupervisorDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly getConfig: () => ResolvedConfig;
  /** Transient-error retries of a unit (tests shorten them). */
  readonly retryPolicy?: RetryPolicy;
  /** The job registry (tests substitute job definitions). */
  readonly jobs?: (name: JobName) => JobDefinition;
}

interface Entry {
  run: ActiveRun;
  controller: AbortController;
  kill: KillSwitch;
  /** Aborted when the run ends: cancels a pending cancel-threshold timer. */
  ended: AbortController;
  config: ResolvedConfig;
}

export function makeSupervisor(deps: SupervisorDeps): Supervisor {
  const entries = new Map<string, Entry>();
  const listeners: ((run: ActiveRun, result: ExecuteResult) => void)[] = [];

  async function start(req: StartRequest): Promise<ActiveRun> {
    const def = (deps.jobs ?? getJob)(req.name);
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
    const config = deps.getConfig();
    const entry: Entry = {
      controller,
      kill: makeKillSwitch(),
      ended: new AbortController(),
      config,
      run: {
        jobId,
        name: req.name,
        origin: req.origin,
        cycleId: req.cycleId === 'self' ? jobId : (req.cycleId ?? null),
        startedMs: nowMs,
        progress: { startedMs: nowMs, updatedMs: nowMs },
        stopRequested: null,
        killRequested: null,
        done: Promise.resolve(null as unknown as ExecuteResult),
      },
    };
    const done = executeRun({
      def,
      jobId,
      params: req.params ?? '',
      db: deps.db,
      config,
      clock: deps.clock,
      log: deps.log,
      signal: controller.signal,
      kill: entry.kill,
      retryPolicy: deps.retryPolicy,
      stopEnd: () => entry.run.stopRequested?.endAs ?? 'Stopped',
      stoppedBy: () => entry.run.stopRequested?.by ?? null,
      onProgress: (p) => {
        entry.run = { ...entry.run, progress: { ...entry.run.progress, ...p, updatedMs: deps.clock.now() } };
      },
    });
    entry.run = { ...entry.run, done };
    entries.set(jobId, entry);
    void done.then(
      (result) => {
        entry.ended.abort();
        entries.delete(jobId);
        for (const l of listeners) l(entry.run, result);
      },
      (err: unknown) => {
        // executeRun records failures itself; reaching here means the history update failed.
        entry.ended.abort();
        entries.delete(jobId);
        deps.log.error({ err, jobId }, 'could not record the end of a job');
      },
    );
    return entry.run;
  }

  function kill(e: Entry, reason: string, by: string | null): void {
    if (e.run.killRequested) return;
    e.run = { ...e.run, killRequested: { reason, by, atMs: deps.clock.now() } };
    if (!e.run.stopRequested) {
      e.run = { ...e.run, stopRequested: { reason, by, atMs: deps.clock.now(), endAs: 'Stopped' } };
      if (by !== null) recordStopper(e.run.jobId, by);
    }
    deps.log.warn({ jobId: e.run.jobId, job: e.run.name, reason }, 'job killed: its open unit rolls back');
    e.kill.kill(reason);
    e.controller.abort(e.run.stopRequested?.reason ?? reason);
  }

  function recordStopper(jobId: string, by: string | null): void {
    void recordStopRequest(deps.db, jobId, by).catch((err: unknown) =>
      deps.log.warn({ err, jobId }, 'could not record who stopped a job'),
    );
  }

  /** cancel-threshold: the automatic kill, unless the run ends first. */
  function armKillAfterStop(e: Entry): void {
    const ms = killAfterStopMs(e.run.name, e.config);
    if (ms === null) return;
    void deps.clock.sleep(ms, e.ended.signal).then(
      () => kill(e, `killed: cancel-threshold of ${ms / 1000} s after the stop request`, null),
      () => undefined,
    );
  }

  return {
    start,
    stop(jobId, reason, by = null, endAs = 'Stopped') {
      const e = entries.get(jobId);
      if (!e) return false;
      if (!e.run.stopRequested) {
        e.run = { ...e.run, stopRequested: { reason, by, atMs: deps.clock.now(), endAs } };
        recordStopper(jobId, by);
        e.controller.abort(reason);
        armKillAfterStop(e);
      }
      return true;
    },
    kill(jobId, reason = 'killed', by = null) {
      const e = entries.get(jobId);
      if (!e) return false;
      kill(e, reason, by);
      return true;
    },
    active: () => [...entries.values()].map((e) => e.run),
    get: (jobId) => entries.get(jobId)?.run,
    onFinished(listener) {
      listeners.push(listener);
    },
    async shutdown(reason, timeoutMs) {
      const runs = [...entries.values()];
      for (const e of runs) {
        if (!e.run.stopRequested) {
          e.run = { ...e.run, stopRequested: { reason, by: null, atMs: deps.clock.now(), endAs: 'Stopped' } };
        }
        e.controller.abort(e.run.stopRequested?.reason ?? reason);
      }
      if (await allEndWithin(runs, timeoutMs)) return;
      for (const e of runs)
        if (entries.has(e.run.jobId)) kill(e, `killed: ${reason}, grace period over`, null);
      await allEndWithin(runs, SHUTDOWN_KILL_WAIT_MS);
    },
  };

  /** True when every run ended before the time was up. */
  async function allEndWithin(runs: readonly Entry[], ms: number): Promise<boolean> {
    const timer = new AbortController();
    let ended = false;
    const all = Promise.allSettled(runs.map((e) => e.run.done)).then(() => {
      ended = true;
    });
    const timeout = deps.clock.sleep(ms, timer.signal).catch(() => undefined);
    await Promise.race([all, timeout]);
    timer.abort();
    return ended;
  }
}

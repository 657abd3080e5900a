// The scheduler loop: clock.now() -> decide() -> apply the actions; nothing else (DESIGN 1).
// It evaluates at least every 5 s, and at once when a job ends, the options change or the
// Manager asks something. Evaluations and Manager requests are serialized: each sees the
// effects of the previous one.
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import { decide } from '../core/decide.ts';
import { nextWakeup } from '../core/wakeup.ts';
import type { JobName } from '../core/jobs.ts';
import { fromDbStatus, isFinalStatus } from '../core/run-state.ts';
import type { ScheduleOptions } from '../core/schedule-options.ts';
import {
  initialMemory,
  type Control,
  type EndedRun,
  type JobInstance,
  type SchedulerAction,
  type SchedulerMemory,
  type SchedulerState,
  type ServerState,
  type StopEnd,
} from '../core/scheduler-state.ts';
import type { Db } from '../db/types.ts';
import { getJob } from '../jobs/index.ts';
import { createRun, transitionRun } from '../runner/history.ts';
import type { ActiveRun, Supervisor } from '../runner/supervisor.ts';
import { readSchedulerFacts, saveLastAlive } from './facts.ts';

export const EVALUATE_EVERY_MS = 5000;

export interface ServerFacts {
  readonly server: ServerState;
  readonly schemaPresent: boolean;
}

export interface SchedulerLoopDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly supervisor: Supervisor;
  readonly getOptions: () => ScheduleOptions;
  readonly getServerFacts: () => ServerFacts;
}

/** A Scheduled instance: its history row exists (status SCHEDULED); it waits here. */
interface Waiting {
  instance: JobInstance;
  params: string;
  requestedBy: string | null;
}

export interface SchedulerLoop {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Ask for an evaluation as soon as possible. */
  wake(): void;
  /** Runs fn with exclusive access to the live state (Manager requests). */
  exclusive<T>(fn: (ctx: LoopAccess) => Promise<T>): Promise<T>;
  /** The live instances with their wait reasons (for the Manager). */
  instances(): readonly JobInstance[];
  /** Jobs that the scheduler wanted to launch but this version cannot run. */
  unavailableNotes(): readonly string[];
}

export interface LoopAccess {
  state(now: number): SchedulerState;
  apply(
    actions: readonly SchedulerAction[],
    extra?: { params?: string; requestedBy?: string | null },
  ): Promise<ApplyResult>;
}

export interface ApplyResult {
  /** Ids of instances created by `start` or `schedule` actions, in order. */
  readonly created: string[];
}

export function makeSchedulerLoop(deps: SchedulerLoopDeps): SchedulerLoop {
  const { db, clock, log, supervisor } = deps;
  let memory: SchedulerMemory = initialMemory(null);
  const waiting = new Map<string, Waiting>();
  const control = new Map<string, Control>();
  const stopEnds = new Map<string, { reason: string; endAs: StopEnd }>();
  let lastEnded: Partial<Record<JobName, EndedRun>> = {};
  let lastMaintenanceCompletedAt: number | null = null;
  let aggregationFailures = { consecutive: 0, lastFailedAt: null as number | null };
  const unavailable = new Map<JobName, string>();
  const controller = new AbortController();
  let wakeUp: (() => void) | null = null;
  let loopDone: Promise<void> = Promise.resolve();
  let tail: Promise<unknown> = Promise.resolve();

  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  }

  function runningInstance(r: ActiveRun): JobInstance {
    const stop =
      stopEnds.get(r.jobId) ??
      (r.stopRequested ? { reason: r.stopRequested.reason, endAs: 'Stopped' as const } : null);
    return {
      id: r.jobId,
      job: r.name,
      status: 'Running',
      origin: r.origin,
      cycleId: r.cycleId,
      controlledBy: control.get(r.jobId) ?? (r.origin === 'manual' ? 'operator' : 'scheduler'),
      waitReason: null,
      createdAt: r.startedMs,
      startedAt: r.startedMs,
      stopRequested: stop,
    };
  }

  function state(now: number): SchedulerState {
    void now;
    const facts = deps.getServerFacts();
    return {
      server: facts.server,
      schemaPresent: facts.schemaPresent,
      instances: [
        ...supervisor.active().map(runningInstance),
        ...[...waiting.values()].map((w) => w.instance),
      ],
      lastEnded,
      lastMaintenanceCompletedAt,
      aggregationFailures,
      memory,
    };
  }

  supervisor.onFinished((run, result) => {
    const status = fromDbStatus(result.status);
    if (!isFinalStatus(status)) return;
    const endedAt = clock.now();
    lastEnded = {
      ...lastEnded,
      [run.name]: { id: run.jobId, job: run.name, status, origin: run.origin, cycleId: run.cycleId, endedAt },
    };
    if (run.name === 'Job_MaintainGIM' && status === 'Completed') lastMaintenanceCompletedAt = endedAt;
    if (run.name === 'Job_AggregateGIM') {
      aggregationFailures =
        status === 'Failed'
          ? { consecutive: aggregationFailures.consecutive + 1, lastFailedAt: endedAt }
          : { consecutive: 0, lastFailedAt: aggregationFailures.lastFailedAt };
    }
    control.delete(run.jobId);
    stopEnds.delete(run.jobId);
    wake();
  });

  async function startJob(
    job: JobName,
    a: {
      origin: JobInstance['origin'];
      cycleId: string | null;
      reason: string;
      scheduledJobId?: string;
      params?: string;
      requestedBy?: string | null;
    },
  ): Promise<string | null> {
    const def = getJob(job);
    if (def.unavailable) {
      const note = `${job} is not available in this version (${def.unavailable}); not launched: ${a.reason}`;
      if (unavailable.get(job) !== note) log.warn(note);
      unavailable.set(job, note);
      if (a.scheduledJobId) {
        await transitionRun(db, a.scheduledJobId, ['SCHEDULED'], 'CANCELED', {
          nowMs: clock.now(),
          reason: 'job not available in this version',
        });
        waiting.delete(a.scheduledJobId);
      }
      return null;
    }
    const run = await supervisor.start({
      name: job,
      origin: a.origin,
      params: a.params,
      requestedBy: a.requestedBy ?? null,
      reason: a.reason,
      cycleId: a.cycleId,
      scheduledJobId: a.scheduledJobId,
    });
    return run.jobId;
  }

  async function apply(
    actions: readonly SchedulerAction[],
    extra: { params?: string; requestedBy?: string | null } = {},
  ): Promise<ApplyResult> {
    const created: string[] = [];
    const now = clock.now();
    for (const a of actions) {
      try {
        await applyOne(a);
      } catch (err) {
        // One failed action (a start that could not be recorded…) must not lose the rest,
        // least of all the final `remember`.
        log.error({ err, action: a.kind, job: 'job' in a ? a.job : null }, 'scheduler action failed');
      }
    }
    return { created };

    async function applyOne(a: SchedulerAction): Promise<void> {
      switch (a.kind) {
        case 'start': {
          const id = await startJob(a.job, {
            origin: a.origin,
            cycleId: a.cycleId === 'new' ? 'self' : a.cycleId,
            reason: a.reason,
            params: extra.params,
            requestedBy: extra.requestedBy,
          });
          if (id) {
            created.push(id);
            control.set(id, a.controlledBy);
            log.info({ job: a.job, jobId: id }, `started: ${a.reason}`);
          }
          break;
        }
        case 'schedule': {
          const id = await createRun(db, {
            jobName: a.job,
            status: 'SCHEDULED',
            origin: a.origin,
            nowMs: now,
            cycleId: a.cycleId,
            reason: a.reason,
            parameters: extra.params || null,
            requestedBy: extra.requestedBy ?? null,
          });
          waiting.set(id, {
            instance: {
              id,
              job: a.job,
              status: 'Scheduled',
              origin: a.origin,
              cycleId: a.cycleId,
              controlledBy: a.controlledBy,
              waitReason: a.waitReason,
              createdAt: now,
              startedAt: null,
              stopRequested: null,
            },
            params: extra.params ?? '',
            requestedBy: extra.requestedBy ?? null,
          });
          created.push(id);
          log.info({ job: a.job, jobId: id }, `scheduled: ${a.waitReason}`);
          break;
        }
        case 'start-scheduled': {
          const w = waiting.get(a.id);
          if (!w) break;
          waiting.delete(a.id);
          const id = await startJob(a.job, {
            origin: w.instance.origin,
            cycleId: w.instance.cycleId,
            reason: a.reason,
            scheduledJobId: a.id,
            params: w.params,
            requestedBy: w.requestedBy,
          });
          if (id) control.set(id, w.instance.controlledBy);
          break;
        }
        case 'wait-reason': {
          const w = waiting.get(a.id);
          if (w) w.instance = { ...w.instance, waitReason: a.waitReason };
          break;
        }
        case 'cancel': {
          waiting.delete(a.id);
          await transitionRun(db, a.id, ['SCHEDULED'], 'CANCELED', { nowMs: now, reason: a.reason });
          log.info({ job: a.job, jobId: a.id }, `canceled: ${a.reason}`);
          break;
        }
        case 'stop': {
          if (!stopEnds.has(a.id)) stopEnds.set(a.id, { reason: a.reason, endAs: a.endAs });
          supervisor.stop(a.id, a.reason, 'scheduler', a.endAs);
          log.info({ job: a.job, jobId: a.id }, `stop requested: ${a.reason}`);
          break;
        }
        case 'set-control':
          control.set(a.id, a.controlledBy);
          break;
        case 'record-missed': {
          const span = `${new Date(a.firstMs).toISOString()} .. ${new Date(a.lastMs).toISOString()}`;
          await createRun(db, {
            jobName: a.job,
            status: 'CANCELED',
            origin: 'scheduler',
            nowMs: now,
            reason: `${a.reason}: ${a.count} occurrence(s), ${span}`,
          });
          break;
        }
        case 'skip':
          log.info({ job: a.job }, `skipped: ${a.reason}`);
          break;
        case 'warn':
          log.warn({ job: a.job }, a.message);
          break;
        case 'remember':
          memory = a.memory;
          break;
      }
    }
  }

  async function evaluate(): Promise<void> {
    await exclusive(async () => {
      const now = clock.now();
      const actions = decide(deps.getOptions(), now, state(now));
      await apply(actions);
      await saveLastAlive(db, now).catch((err: unknown) =>
        log.warn({ err }, 'could not record scheduler heartbeat'),
      );
    });
  }

  /** Until the next instant decide may act on (R1: at least every 5 s). */
  function sleepMs(): number {
    const now = clock.now();
    try {
      const next = nextWakeup(deps.getOptions(), now, state(now));
      // At least a quarter second: an instant that stays due (a job that cannot start) must not spin.
      return Math.min(EVALUATE_EVERY_MS, Math.max(250, next - now));
    } catch {
      return EVALUATE_EVERY_MS;
    }
  }

  function wake(): void {
    wakeUp?.();
  }

  return {
    async start() {
      const facts = await readSchedulerFacts(db);
      memory = initialMemory(facts.lastAliveAt);
      lastEnded = facts.lastEnded;
      lastMaintenanceCompletedAt = facts.lastMaintenanceCompletedAt;
      aggregationFailures = facts.aggregationFailures;
      loopDone = (async () => {
        while (!controller.signal.aborted) {
          try {
            await evaluate();
          } catch (err) {
            log.error({ err }, 'scheduler evaluation failed');
          }
          const tick = new AbortController();
          wakeUp = () => tick.abort();
          const onStop = (): void => tick.abort();
          controller.signal.addEventListener('abort', onStop, { once: true });
          await clock.sleep(sleepMs(), tick.signal).catch(() => undefined);
          controller.signal.removeEventListener('abort', onStop);
          wakeUp = null;
        }
      })();
    },
    async stop() {
      controller.abort();
      await loopDone;
      await exclusive(async () => {
        for (const [id, w] of waiting) {
          await transitionRun(db, id, ['SCHEDULED'], 'CANCELED', {
            nowMs: clock.now(),
            reason: 'server shutdown',
          });
          log.info({ job: w.instance.job, jobId: id }, 'canceled: server shutdown');
        }
        waiting.clear();
      });
    },
    wake,
    exclusive: (fn) => exclusive(() => fn({ state, apply })),
    instances: () => state(clock.now()).instances,
    unavailableNotes: () => [...unavailable.values()],
  };
}

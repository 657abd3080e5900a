// A whole server on a simulated clock: the real `decide` (and Manager rules) drive jobs that
// take assumed durations. Used by the schedule preview and by tests over whole days.

import { decide } from '../core/decide.ts';
import type { JobName } from '../core/jobs.ts';
import { formatLocalIso, formatUtcIso } from '../core/local-time.ts';
import { decideManagerRequest } from '../core/manager-rules.ts';
import type { ManagerDecision, ManagerRequest } from '../core/manager-rules.ts';
import type { FinalStatus } from '../core/run-state.ts';
import type { ScheduleOptions } from '../core/schedule-options.ts';
import { initialMemory } from '../core/scheduler-state.ts';
import type {
  EndedRun,
  JobInstance,
  SchedulerAction,
  SchedulerMemory,
  SchedulerState,
  ServerState,
  StopEnd,
} from '../core/scheduler-state.ts';
import { nextWakeup } from '../core/wakeup.ts';

export type PreviewEventKind =
  'scheduled' | 'started' | 'completed' | 'failed' | 'stopped' | 'canceled' | 'skipped';

export interface PreviewEvent {
  /** Local ISO 8601 with offset, in the schedule zone. */
  readonly at: string;
  readonly utc: string;
  readonly job: string;
  readonly event: PreviewEventKind;
  readonly reason: string | null;
}

/** Simulated event plus the raw instant and instance id, for tests. */
export interface SimEvent extends PreviewEvent {
  readonly ms: number;
  readonly id: string | null;
}

/** A graceful stop takes this long (jobs reference 3.4 assumes 2 s). */
export const GRACEFUL_STOP_MS = 2_000;
/** The simulation evaluates at least this often, well under DOWNTIME_GAP_MS. */
const HEARTBEAT_MS = 60_000;

/** Something the world does at an instant: an options edit, a server state change, a request. */
export interface ScriptStep {
  readonly at: number;
  readonly options?: ScheduleOptions;
  readonly server?: ServerState;
  readonly schemaPresent?: boolean;
  readonly request?: ManagerRequest;
  /** Receives the Manager's verdict for `request`. */
  readonly onDecision?: (d: ManagerDecision) => void;
  /** The process dies now and restarts at `restartAt` (R22): running jobs end Failed. */
  readonly downUntil?: number;
}

export interface SimulationInput {
  readonly options: ScheduleOptions;
  readonly fromMs: number;
  readonly untilMs: number;
  /** Run time of a job started at `startedAt`; null = until stopped. */
  readonly duration: (job: JobName, startedAt: number) => number | null;
  readonly outcome?: (job: JobName, startedAt: number) => 'Completed' | 'Failed';
  readonly script?: readonly ScriptStep[];
  readonly server?: ServerState;
  readonly schemaPresent?: boolean;
  readonly memory?: SchedulerMemory;
}

interface SimRun {
  inst: JobInstance;
  /** Natural end (null: runs until stopped). */
  endsAt: number | null;
  stopAt: number | null;
}

export function simulate(input: SimulationInput): SimEvent[] {
  return new Simulation(input).run();
}

class Simulation {
  private options: ScheduleOptions;
  private server: ServerState;
  private schemaPresent: boolean;
  private memory: SchedulerMemory;
  private runs: SimRun[] = [];
  private lastEnded: Partial<Record<JobName, EndedRun>> = {};
  private lastMaintenanceCompletedAt: number | null = null;
  private aggFailures = { consecutive: 0, lastFailedAt: null as number | null };
  private nextId = 1;
  private readonly events: SimEvent[] = [];
  private readonly script: ScriptStep[];

  constructor(private readonly input: SimulationInput) {
    this.options = input.options;
    this.server = input.server ?? 'Normal';
    this.schemaPresent = input.schemaPresent ?? true;
    this.memory = input.memory ?? initialMemory(null);
    this.script = [...(input.script ?? [])].sort((a, b) => a.at - b.at);
  }

  run(): SimEvent[] {
    let t = this.input.fromMs;
    this.applyScript(t);
    this.evaluate(t);
    for (;;) {
      const next = this.nextInstant(t);
      if (next > this.input.untilMs) break;
      t = next;
      this.finishRuns(t);
      const down = this.applyScript(t);
      if (down !== null) {
        t = down;
        this.applyScript(t);
      }
      this.evaluate(t);
    }
    return this.events.filter((e) => e.ms <= this.input.untilMs);
  }

  private state(): SchedulerState {
    return {
      server: this.server,
      schemaPresent: this.schemaPresent,
      instances: this.runs.map((r) => r.inst),
      lastEnded: { ...this.lastEnded },
      lastMaintenanceCompletedAt: this.lastMaintenanceCompletedAt,
      aggregationFailures: { ...this.aggFailures },
      memory: this.memory,
    };
  }

  private nextInstant(t: number): number {
    const candidates = [t + HEARTBEAT_MS, nextWakeup(this.options, t, this.state())];
    for (const r of this.runs) {
      if (r.inst.status !== 'Running') continue;
      if (r.endsAt !== null) candidates.push(r.endsAt);
      if (r.stopAt !== null) candidates.push(r.stopAt);
    }
    const step = this.script.find((s) => s.at > t);
    if (step) candidates.push(step.at);
    return Math.max(t + 1, Math.min(...candidates));
  }

  private emit(
    ms: number,
    job: string,
    event: PreviewEventKind,
    reason: string | null,
    id: string | null,
  ): void {
    const zone = this.options.timezone;
    this.events.push({ at: formatLocalIso(zone, ms), utc: formatUtcIso(ms), job, event, reason, ms, id });
  }

  /** Ends runs due at `t`, natural endings first, in start order. */
  private finishRuns(t: number): void {
    for (const r of [...this.runs]) {
      if (r.inst.status !== 'Running') continue;
      const natural = r.endsAt !== null && r.endsAt <= t && (r.stopAt === null || r.endsAt <= r.stopAt);
      if (natural) {
        const outcome = this.input.outcome?.(r.inst.job, r.inst.startedAt ?? t) ?? 'Completed';
        this.end(r, t, outcome, null);
      } else if (r.stopAt !== null && r.stopAt <= t) {
        const stop = r.inst.stopRequested;
        this.end(r, t, stop?.endAs ?? 'Stopped', stop?.reason ?? 'stopped');
      }
    }
  }

  private end(r: SimRun, t: number, status: FinalStatus, reason: string | null): void {
    this.runs = this.runs.filter((x) => x !== r);
    const { inst } = r;
    this.lastEnded[inst.job] = {
      id: inst.id,
      job: inst.job,
      status,
      origin: inst.origin,
      cycleId: inst.cycleId,
      endedAt: t,
    };
    if (inst.job === 'Job_MaintainGIM' && status === 'Completed') this.lastMaintenanceCompletedAt = t;
    // What the real jobs achieve: a schema (R21), the end of the migration state (R20).
    if (inst.job === 'Job_InitializeGIM' && status === 'Completed') this.schemaPresent = true;
    if (inst.job === 'Job_InitializeGIM' && status === 'Failed' && !this.schemaPresent)
      this.server = 'Blocked';
    if (inst.job === 'Job_MigrateGIM' && status === 'Completed' && this.server === 'Migration')
      this.server = 'Normal';
    if (inst.job === 'Job_AggregateGIM') {
      this.aggFailures =
        status === 'Failed'
          ? { consecutive: this.aggFailures.consecutive + 1, lastFailedAt: t }
          : { consecutive: 0, lastFailedAt: null };
    }
    const kind: PreviewEventKind =
      status === 'Completed' ? 'completed' : status === 'Failed' ? 'failed' : 'stopped';
    if (status !== 'Canceled') this.emit(t, inst.job, kind, reason, inst.id);
  }

  /** Applies script steps due at `t`; returns the restart instant when the process went down. */
  private applyScript(t: number): number | null {
    let restart: number | null = null;
    while (this.script[0] && this.script[0].at <= t) {
      const step = this.script.shift() as ScriptStep;
      if (step.options) this.options = step.options;
      if (step.server) this.server = step.server;
      if (step.schemaPresent !== undefined) this.schemaPresent = step.schemaPresent;
      if (step.request) {
        const d = decideManagerRequest(this.options, t, this.state(), step.request);
        step.onDecision?.(d);
        this.applyManagerDecision(t, d);
      }
      if (step.downUntil !== undefined) {
        for (const r of [...this.runs]) {
          if (r.inst.status === 'Running') this.end(r, step.downUntil, 'Failed', 'server died while running');
          else this.runs = this.runs.filter((x) => x !== r);
        }
        // The restarted process has fresh memory; the time it was last alive comes from storage.
        this.memory = initialMemory(t);
        restart = step.downUntil;
      }
    }
    return restart;
  }

  private applyManagerDecision(t: number, d: ManagerDecision): void {
    if (d.outcome !== 'accept') return;
    if (d.action === 'start' || d.action === 'schedule') {
      this.create(t, d.job, 'manual', 'operator', null, d.action === 'schedule' ? d.waitReason : null, null);
      return;
    }
    const r = this.runs.find((x) => x.inst.id === d.id);
    if (!r) return;
    if (d.action === 'cancel') {
      this.runs = this.runs.filter((x) => x !== r);
      this.emit(t, r.inst.job, 'canceled', 'canceled by operator', r.inst.id);
    } else {
      this.requestStop(
        r,
        t,
        d.action === 'kill' ? 'killed' : 'stopped by operator',
        'Stopped',
        d.action === 'kill',
      );
    }
  }

  private requestStop(r: SimRun, t: number, reason: string, endAs: StopEnd, immediate = false): void {
    if (r.inst.stopRequested) return;
    r.inst = { ...r.inst, stopRequested: { reason, endAs } };
    r.stopAt = immediate ? t : t + GRACEFUL_STOP_MS;
  }

  private create(
    t: number,
    job: JobName,
    origin: JobInstance['origin'],
    controlledBy: JobInstance['controlledBy'],
    cycleId: string | 'new' | null,
    waitReason: string | null,
    startReason: string | null,
  ): void {
    const id = String(this.nextId++);
    const inst: JobInstance = {
      id,
      job,
      status: waitReason === null ? 'Running' : 'Scheduled',
      origin,
      cycleId: cycleId === 'new' ? id : cycleId,
      controlledBy,
      waitReason,
      createdAt: t,
      startedAt: waitReason === null ? t : null,
      stopRequested: null,
    };
    const r: SimRun = { inst, endsAt: null, stopAt: null };
    this.runs.push(r);
    if (waitReason === null) this.begin(r, t, startReason);
    else this.emit(t, job, 'scheduled', waitReason, id);
  }

  private begin(r: SimRun, t: number, reason: string | null): void {
    const d = this.input.duration(r.inst.job, t);
    r.endsAt = d === null ? null : t + d;
    this.emit(t, r.inst.job, 'started', reason, r.inst.id);
  }

  private evaluate(t: number): void {
    // Status changes trigger re-evaluation (R1) until the decision is quiet.
    for (let i = 0; i < 20; i++) {
      const actions = decide(this.options, t, this.state());
      let acted = false;
      for (const a of actions) acted = this.apply(t, a) || acted;
      if (!acted) return;
    }
  }

  private apply(t: number, a: SchedulerAction): boolean {
    const find = (id: string): SimRun | undefined => this.runs.find((r) => r.inst.id === id);
    switch (a.kind) {
      case 'remember':
        this.memory = a.memory;
        return false;
      case 'start':
        this.create(t, a.job, a.origin, a.controlledBy, a.cycleId, null, a.notable ? a.reason : null);
        return true;
      case 'schedule':
        this.create(t, a.job, a.origin, a.controlledBy, a.cycleId, a.waitReason, null);
        return true;
      case 'start-scheduled': {
        const r = find(a.id);
        if (!r) return false;
        r.inst = { ...r.inst, status: 'Running', startedAt: t, waitReason: null };
        this.begin(r, t, null);
        return true;
      }
      case 'wait-reason': {
        const r = find(a.id);
        if (r) r.inst = { ...r.inst, waitReason: a.waitReason };
        return false;
      }
      case 'cancel': {
        const r = find(a.id);
        if (!r) return false;
        this.runs = this.runs.filter((x) => x !== r);
        this.emit(t, a.job, 'canceled', a.reason, a.id);
        return true;
      }
      case 'stop': {
        const r = find(a.id);
        if (!r) return false;
        this.requestStop(r, t, a.reason, a.endAs);
        return true;
      }
      case 'set-control': {
        const r = find(a.id);
        if (r) r.inst = { ...r.inst, controlledBy: a.controlledBy };
        return true;
      }
      case 'record-missed': {
        const zone = this.options.timezone;
        const span = `${formatLocalIso(zone, a.firstMs)} .. ${formatLocalIso(zone, a.lastMs)}`;
        this.emit(
          t,
          a.job,
          'canceled',
          `${a.reason} (${a.count} occurrence${a.count > 1 ? 's' : ''}, ${span})`,
          null,
        );
        return false;
      }
      case 'skip':
        this.emit(t, a.job, 'skipped', a.reason, null);
        return false;
      case 'warn':
        return false;
    }
  }
}

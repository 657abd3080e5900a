// Kill (jobs reference 4; admin, and aggregation's cancel-threshold): unlike a graceful stop, the
// job's open Info Mart unit is rolled back at once. The switch is flipped by the supervisor; the
// job's Db (job-db.ts) reads it before and after every statement and throws JobKilledError, so
// the unit's transaction ends in ROLLBACK, and it cancels a running statement where it can.
import { JobStoppedError } from '../errors.ts';

/** Thrown inside a killed job; a JobStoppedError, so code that ends quietly on a stop does so too. */
export class JobKilledError extends JobStoppedError {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobKilledError';
  }
}

export interface KillSwitch {
  readonly killed: boolean;
  /** The kill's reason, null until killed. */
  readonly reason: string | null;
  /** Flips the switch (the first reason stays) and tells the listeners once. */
  kill(reason: string): void;
  onKill(listener: () => void): void;
  /** Throws JobKilledError once killed. */
  throwIfKilled(): void;
}

export function makeKillSwitch(): KillSwitch {
  let reason: string | null = null;
  const listeners: (() => void)[] = [];
  return {
    get killed() {
      return reason !== null;
    },
    get reason() {
      return reason;
    },
    kill(why) {
      if (reason !== null) return;
      reason = why;
      for (const l of listeners.splice(0)) l();
    },
    onKill(listener) {
      if (reason !== null) listener();
      else listeners.push(listener);
    },
    throwIfKilled() {
      if (reason !== null) throw new JobKilledError(reason);
    },
  };
}

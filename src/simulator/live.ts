// Live mode: traffic written as it happens, optionally faster than real time, inside the server
// process (the embedded PGlite directory can only be opened by one process). Each tick advances
// simulated time by the real time elapsed × speed and writes what happened meanwhile.
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/types.ts';
import { ConfigError } from '../errors.ts';
import { makeLiveWriter } from './live-writer.ts';
import type { LiveWriter } from './live-writer.ts';
import { makeTraffic } from './traffic.ts';
import type { TruthLog } from './truth.ts';

export interface LiveOptions {
  /** One IDB per site (the second only when multiSite > 0). */
  readonly dbs: readonly Db[];
  readonly clock: Clock;
  readonly seed: number;
  /** Simulated seconds per real second (1 = real time). */
  readonly speed?: number;
  /** Average interactions per simulated hour. */
  readonly callsPerHour: number;
  readonly multiSite?: number;
  /** Real milliseconds between writes (default 1000). */
  readonly tickMs?: number;
  /** Simulated start (UTC epoch s); default: the clock's now. */
  readonly startTs?: number;
  /** Called after each tick's writes have committed. */
  readonly onTick?: (info: { readonly simulatedTs: number; readonly rows: number }) => void;
  readonly onError?: (err: unknown) => void;
}

export interface LiveSimulation {
  /** Stops after the current tick; rejects if the simulation had failed. */
  stop(): Promise<void>;
  /** What the simulator intended so far (kept in memory; not written in live mode). */
  readonly truth: TruthLog;
}

/** How long a live run can go on, in simulated days (its staffing is planned that far). */
export const LIVE_HORIZON_DAYS = 366;

export async function startLiveSimulation(o: LiveOptions): Promise<LiveSimulation> {
  const speed = o.speed ?? 1;
  if (!(speed > 0) || !(o.callsPerHour > 0)) {
    throw new ConfigError([
      {
        section: 'simulator',
        option: !(speed > 0) ? 'speed' : 'calls-per-hour',
        message: !(speed > 0)
          ? `speed: ${speed} is not valid; expected a number above 0`
          : `calls-per-hour: ${o.callsPerHour} is not valid; expected a number above 0`,
      },
    ]);
  }
  const realStart = o.clock.now();
  const simStart = o.startTs ?? Math.floor(realStart / 1000);
  const secondSite = (o.multiSite ?? 0) > 0 && o.dbs.length > 1;
  const traffic = makeTraffic({
    from: simStart,
    days: LIVE_HORIZON_DAYS,
    callsPerDay: Math.max(1, Math.round(o.callsPerHour * 24)),
    seed: o.seed,
    multiSiteShare: o.multiSite ?? 0,
    secondSite,
  });
  const writers: LiveWriter[] = o.dbs.slice(0, secondSite ? 2 : 1).map((db, site) =>
    makeLiveWriter({
      db,
      site,
      iconDbid: 901 + site,
      switchId: traffic.center.sites[site]?.switchId ?? 0,
      sessionStart: traffic.center.configEpoch - 400 * 86400,
    }),
  );
  for (const w of writers) await w.init();
  const controller = new AbortController();
  let failure: unknown = null;
  const simNow = (): number =>
    Math.min(
      simStart + LIVE_HORIZON_DAYS * 86400,
      simStart + Math.floor(((o.clock.now() - realStart) / 1000) * speed),
    );

  async function tick(): Promise<void> {
    const until = simNow() + 1;
    traffic.runUntil(until);
    const fresh = traffic.log.drain();
    let rows = 0;
    for (const w of writers) {
      w.accept(fresh);
      rows += await w.tick(until);
    }
    o.onTick?.({ simulatedTs: until, rows });
  }

  const loop = (async () => {
    try {
      await tick();
      while (!controller.signal.aborted) {
        await o.clock.sleep(o.tickMs ?? 1000, controller.signal).catch(() => undefined);
        if (controller.signal.aborted) break;
        await tick();
      }
    } catch (err) {
      failure = err;
      o.onError?.(err);
    }
  })();

  return {
    truth: traffic.truth,
    async stop() {
      controller.abort(new Error('live simulation stopped'));
      await loop;
      if (failure) throw failure;
    },
  };
}

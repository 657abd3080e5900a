// Feeds the embedded default's IDBs with live simulated traffic, inside the server process (an
// embedded PGlite directory can be open in one process only). The source handles are shared
// with the jobs through acquireDb, so extraction reads the very databases being written.
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/types.ts';
import { makeSystemClock } from '../core/clock.ts';
import { acquireDb, type DbLease } from '../db/shared-handles.ts';
import { startLiveSimulation } from '../simulator/live.ts';

export interface EmbeddedSimulationInput {
  readonly config: ResolvedConfig;
  readonly log: Logger;
  readonly callsPerHour: number;
  /** Share of inbound calls that cross to the second site. */
  readonly multiSite?: number;
}

export async function startEmbeddedSimulation(
  input: EmbeddedSimulationInput,
): Promise<{ stop(): Promise<void> }> {
  const sources = input.config.daps.filter((d) => !d.roles.includes('INFO_MART'));
  const leases: DbLease[] = [];
  try {
    for (const dap of sources) leases.push(await acquireDb(dap.url));
    const sim = await startLiveSimulation({
      dbs: leases.map((l) => l.db),
      clock: makeSystemClock(),
      seed: 1,
      speed: 1,
      callsPerHour: input.callsPerHour,
      multiSite: leases.length > 1 ? (input.multiSite ?? 0.1) : 0,
      onError: (err) => input.log.error({ err }, 'live simulation failed'),
    });
    input.log.info(
      { idbs: sources.map((d) => d.name), callsPerHour: input.callsPerHour },
      'live simulation started',
    );
    return {
      async stop() {
        try {
          await sim.stop();
        } finally {
          for (const l of leases) await l.release();
        }
      },
    };
  } catch (err) {
    for (const l of leases) await l.release();
    throw err;
  }
}

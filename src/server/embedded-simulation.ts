// Feeds the embedded default's IDBs with live simulated traffic, inside the server process.
import type { Logger } from 'pino';
import type { ResolvedConfig } from '../config/types.ts';

export interface EmbeddedSimulationInput {
  readonly config: ResolvedConfig;
  readonly log: Logger;
  readonly callsPerHour: number;
}

export async function startEmbeddedSimulation(
  input: EmbeddedSimulationInput,
): Promise<{ stop(): Promise<void> } | void> {
  input.log.warn('the live simulator is not wired into the server yet; the embedded IDBs stay empty');
}

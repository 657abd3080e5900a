// What most commands need: the options file (compiled and checked), a logger, a clock and the
// Info Mart database named by the INFO_MART access point.
import { pino, type Logger } from 'pino';
import { makeSystemClock, type Clock } from '../core/clock.ts';
import { formatIssue, loadConfigFile } from '../config/index.ts';
import type { LoadedConfig } from '../config/types.ts';
import { openDb } from '../db/open.ts';
import type { Db } from '../db/types.ts';
import { InfomartError } from '../errors.ts';

export const DEFAULT_OPTIONS_PATH = 'data/infomart.options';

export function optionsPathOf(opt: string | undefined): string {
  return opt ?? process.env.INFOMART_OPTIONS ?? DEFAULT_OPTIONS_PATH;
}

export function makeLogger(level = process.env.INFOMART_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    { level, redact: ['password', '*.password', 'authorization', '*.authorization'] },
    pino.destination(2),
  );
}

export async function loadOptions(path: string): Promise<LoadedConfig> {
  const loaded = await loadConfigFile(path, process.env);
  for (const w of loaded.warnings) process.stderr.write(`warning: ${formatIssue(w, path)}\n`);
  return loaded;
}

export function infoMartDap(loaded: LoadedConfig) {
  const dap = loaded.config.daps.find((d) => d.roles.includes('INFO_MART'));
  if (!dap) throw new InfomartError('BAD_REQUEST', 'the options file has no INFO_MART access point (D1)');
  return dap;
}

export async function openInfoMart(loaded: LoadedConfig): Promise<Db> {
  const dap = infoMartDap(loaded);
  return openDb(dap.url, {
    user: dap.user ?? undefined,
    password: dap.passwordEnv ? process.env[dap.passwordEnv] : undefined,
  });
}

export interface CliContext {
  readonly loaded: LoadedConfig;
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
}

export async function withCliContext<T>(
  optionsPath: string,
  fn: (ctx: CliContext) => Promise<T>,
): Promise<T> {
  const loaded = await loadOptions(optionsPath);
  const db = await openInfoMart(loaded);
  try {
    return await fn({
      loaded,
      db,
      clock: makeSystemClock(),
      log: makeLogger(process.env.INFOMART_LOG_LEVEL ?? 'warn'),
    });
  } finally {
    await db.close();
  }
}

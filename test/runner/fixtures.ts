// Helpers of the runner tests: jobs made for the test (real SQL on the test database, paused
// where the test says), a scratch table, and a gate the test opens.
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import type { ResolvedConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/types.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { JobContext, JobDefinition, JobName, JobOutcome } from '../../src/jobs/types.ts';

export const log = pino({ level: 'silent' });
export const T0 = Date.UTC(2024, 4, 14, 10, 0, 0);

export function configWith(extra = ''): ResolvedConfig {
  return loadConfig({
    text:
      '[dap:im]\nrole = INFO_MART\nurl = pglite:memory\n' +
      '[dap:idb]\nrole = ICON_CFG, ICON_CORE\nurl = pglite:memory\n' +
      extra,
  }).config;
}

export async function setupRunnerDb(db: Db): Promise<void> {
  await migrate(db, 'infomart', { nowSeconds: T0 / 1000 });
  await db.exec(`CREATE TABLE IF NOT EXISTS runner_probe (unit int NOT NULL, n int NOT NULL)`);
}

export async function probeRows(db: Db): Promise<{ unit: number; n: number }[]> {
  const r = await db.query<{ unit: number; n: number }>(`SELECT unit, n FROM runner_probe ORDER BY unit, n`);
  return r.rows.map((x) => ({ unit: Number(x.unit), n: Number(x.n) }));
}

export function testJob(name: JobName, run: (ctx: JobContext) => Promise<JobOutcome>): JobDefinition {
  return { name, unavailable: null, acceptsParams: true, run };
}

export interface Gate {
  /** Resolves when the job reached the gate. */
  readonly reached: Promise<void>;
  /** Called by the job: waits until the test opens the gate. */
  wait(): Promise<void>;
  open(): void;
}

export function makeGate(): Gate {
  let arrive: () => void = () => undefined;
  let release: () => void = () => undefined;
  const reached = new Promise<void>((r) => (arrive = r));
  const opened = new Promise<void>((r) => (release = r));
  return {
    reached,
    wait() {
      arrive();
      return opened;
    },
    open: () => release(),
  };
}

/** A statement that fails with the given SQLSTATE, raised by the database itself. */
export function raiseSql(sqlState: string): string {
  return `DO $$ BEGIN RAISE EXCEPTION 'raised by the test' USING ERRCODE = '${sqlState}'; END $$`;
}

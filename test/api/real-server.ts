// The real server for API and browser tests: startServer() over a fresh Info Mart (PGlite in
// memory or a database on the test PostgreSQL server), the scheduler switched off so only the
// start-up Job_InitializeGIM (R21) and the test's own requests run. With `idb`, its source DAP is
// a real, migrated IDB of the same kind (a PGlite data directory shared through the process-wide
// handle registry, or a database on the test server), so Job_ExtractICON really runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDefaultOptionsFile } from '../../src/config/index.ts';
import { makeSystemClock } from '../../src/core/clock.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import type { JobView, Service } from '../../src/service-types.ts';
import { makeTestDb, type DbKind } from '../helpers/databases.ts';
import { makeSource, type Source } from '../extract/fixture.ts';
import { makeMemoryLog, makeUsersDir } from './fixture.ts';

export interface TestServer {
  readonly srv: RunningServer;
  readonly usersFile: string;
  readonly optionsPath: string;
  readonly log: ReturnType<typeof makeMemoryLog>;
  /** The source IDB (only with `idb: true`). */
  readonly idb: Source | null;
  dispose(): Promise<void>;
}

export async function startTestServer(
  kind: DbKind,
  overrides: Record<string, Record<string, string>> = {},
  opts: { readonly idb?: boolean } = {},
): Promise<TestServer> {
  const users = await makeUsersDir();
  const dir = await mkdtemp(join(tmpdir(), 'infomart-srv-'));
  // The server opens the Info Mart itself; the fixture only provides (and later drops) it.
  const fixture = await makeTestDb(kind);
  await fixture.db.close();
  const idb = opts.idb ? await makeSource(kind) : null;
  const optionsPath = join(dir, 'infomart.options');
  await writeFile(
    optionsPath,
    renderDefaultOptionsFile({
      infoMartUrl: fixture.url,
      daps: [{ name: 'idb-voice', roles: ['ICON_CFG', 'ICON_CORE'], url: idb?.url ?? 'pglite:memory' }],
      overrides: { ...overrides, schedule: { 'run-scheduler': 'false', ...overrides.schedule } },
    }),
  );
  const log = makeMemoryLog();
  const srv = await startServer({
    optionsPath,
    host: '127.0.0.1',
    port: 0,
    usersFile: users.usersFile,
    log: log.log,
    clock: makeSystemClock(),
    env: process.env,
  });
  return {
    srv,
    usersFile: users.usersFile,
    optionsPath,
    log,
    idb,
    async dispose() {
      await srv.stop();
      await idb?.dispose().catch(() => undefined);
      await fixture.dispose().catch(() => undefined);
      await users.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A day of simulated traffic ending at the last full hour, written into the source IDB. */
export async function fillIdb(idb: Source, callsPerDay = 300): Promise<void> {
  const hour = Math.floor(Date.now() / 3_600_000) * 3600;
  await simulateInto([idb.db], { from: hour - 86400, days: 1, callsPerDay, seed: 11, truth: false });
}

/** Polls until `pick` finds something (a wait for the server, never a speed assertion). */
export async function waitFor<T>(
  what: string,
  pick: () => Promise<T | undefined | null | false>,
  limitMs = 120_000,
): Promise<T> {
  const until = performance.now() + limitMs;
  for (;;) {
    const v = await pick().catch(() => undefined);
    if (v) return v;
    if (performance.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitForJob(
  service: Service,
  pred: (j: JobView) => boolean,
  what: string,
): Promise<JobView> {
  return waitFor(what, async () => (await service.listJobs()).find(pred));
}

// The server: options watcher, Info Mart, job supervisor, scheduler loop and the Manager's HTTP
// endpoint, with a lifetime (start returns a handle whose stop() ends everything, DESIGN 11).
// The Manager endpoint opens first, so a server that cannot start its work (bad options,
// unreachable Info Mart) still reports why (R19).
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import type { ServerState } from '../core/scheduler-state.ts';
import type { LoadedConfig } from '../config/types.ts';
import { openDb } from '../db/open.ts';
import type { Db } from '../db/types.ts';
import { makeApiApp } from '../api/app.ts';
import { recoverInterruptedRuns } from '../runner/history.ts';
import { makeSupervisor, type Supervisor } from '../runner/supervisor.ts';
import { makeSchedulerLoop, type SchedulerLoop } from '../scheduler/loop.ts';
import { makeService } from '../service.ts';
import type { ServerStateView, Service } from '../service-types.ts';
import { checkExtractedRoles, checkIdbVersionFailure, checkSchema, passwordFor } from './deployment-check.ts';
import { startOptionsWatcher, type OptionsWatcher } from './options-watcher.ts';
import { makeDelegatingService, makeUnavailableService } from './service-proxy.ts';

export const BLOCKED_RECHECK_MS = 60_000;
export const SHUTDOWN_GRACE_MS = 60_000;

export interface StartServerInput {
  readonly optionsPath: string;
  readonly host: string;
  readonly port: number;
  readonly usersFile: string;
  readonly log: Logger;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  /** Runs once the Info Mart is open and the scheduler started (the embedded simulator). */
  readonly afterStart?: (ctx: {
    config: LoadedConfig;
    log: Logger;
  }) => Promise<{ stop(): Promise<void> } | void>;
}

export interface RunningServer {
  readonly url: string;
  readonly service: Service;
  /** Resolves when the scheduler has started (or the server gave up before that). */
  readonly ready: Promise<void>;
  stop(reason?: string): Promise<void>;
}

interface Core {
  db: Db;
  supervisor: Supervisor;
  loop: SchedulerLoop;
  extra: { stop(): Promise<void> } | void;
}

export async function startServer(input: StartServerInput): Promise<RunningServer> {
  const { log, clock } = input;
  const watcher: OptionsWatcher = await startOptionsWatcher(input.optionsPath, {
    clock,
    log,
    env: input.env,
  });
  const startupErrors = watcher.state().errors;
  let facts: {
    server: ServerState;
    reasons: string[];
    schemaPresent: boolean;
    dbVersion: number;
    codeVersion: number;
  } = {
    server: 'Blocked',
    reasons: startupErrors.length > 0 ? ['R19: the options file is not valid'] : [],
    schemaPresent: false,
    dbVersion: 0,
    codeVersion: 0,
  };
  // Until the scheduler runs, the server reports itself Blocked and "starting".
  let starting = true;
  const stateView = async (): Promise<ServerStateView> => ({
    state: starting ? 'Blocked' : facts.server,
    reasons: starting
      ? ['starting', ...facts.reasons]
      : [...facts.reasons, ...(core?.loop.unavailableNotes() ?? [])],
    schemaVersion: facts.dbVersion,
    codeSchemaVersion: facts.codeVersion,
    optionsFile: input.optionsPath,
    optionsErrors: watcher.state().errors,
    optionsWarnings: watcher.state().current?.warnings ?? [],
  });
  const proxy = makeDelegatingService(makeUnavailableService(stateView));
  const app = makeApiApp({ service: proxy.service, auth: { usersFile: input.usersFile }, log });
  const http: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: input.host, port: input.port }, () => resolve(s));
  });
  const addr = http.address() as AddressInfo;
  const url = `http://${input.host === '0.0.0.0' ? '127.0.0.1' : input.host}:${addr.port}`;
  log.info({ url }, 'Manager endpoint open');

  let core: Core | null = null;
  const stopping = new AbortController();

  async function refreshFacts(db: Db, loaded: LoadedConfig): Promise<void> {
    const reasons: string[] = [];
    let server: ServerState = 'Normal';
    const schema = await checkSchema(db);
    for (const f of schema.findings) {
      if (f.level === 'blocking') reasons.push(`R19: ${f.message}`);
      if (f.level === 'migration') reasons.push(`R20: ${f.message}`);
    }
    for (const f of await checkExtractedRoles(db, loaded.config))
      reasons.push(`R19: ${f.subject}: ${f.message}`);
    for (const f of await checkIdbVersionFailure(db)) reasons.push(`R20: ${f.message}`);
    if (schema.dbVersion > 0) {
      const init = await db.query<{ status: string }>(
        `SELECT status FROM ctl_etl_history WHERE job_name = 'Job_InitializeGIM' AND status IN ('COMPLETE', 'FAILED')
         ORDER BY job_id::bigint DESC LIMIT 1`,
      );
      if (init.rows[0]?.status === 'FAILED')
        reasons.push('R19: the last Job_InitializeGIM failed: run it again');
    }
    if (reasons.some((r) => r.startsWith('R19'))) server = 'Blocked';
    else if (reasons.some((r) => r.startsWith('R20'))) server = 'Migration';
    facts = {
      server,
      reasons,
      schemaPresent: schema.dbVersion > 0,
      dbVersion: schema.dbVersion,
      codeVersion: schema.codeVersion,
    };
  }

  async function bringUp(): Promise<void> {
    // Wait for a valid options file (R19: Blocked until then; the watcher re-reads it).
    while (!watcher.state().current) {
      if (stopping.signal.aborted) return;
      facts = { ...facts, server: 'Blocked', reasons: ['R19: the options file is not valid'] };
      await clock.sleep(2000, stopping.signal).catch(() => undefined);
    }
    const loaded = watcher.state().current as LoadedConfig;
    const dap = loaded.config.daps.find((d) => d.roles.includes('INFO_MART'));
    if (!dap) return;
    let db: Db | null = null;
    while (!db && !stopping.signal.aborted) {
      try {
        db = await openDb(dap.url, { user: dap.user ?? undefined, password: passwordFor(dap, input.env) });
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        facts = { ...facts, server: 'Blocked', reasons: [`R19: the Info Mart is not reachable: ${msg}`] };
        log.error({ err }, 'Info Mart not reachable; retrying in 60 s');
        await clock.sleep(BLOCKED_RECHECK_MS, stopping.signal).catch(() => undefined);
      }
    }
    if (!db) return;
    if ((await checkSchema(db)).dbVersion > 0) {
      const rec = await recoverInterruptedRuns(db, clock.now());
      if (rec.failed + rec.canceled > 0) log.warn(rec, 'runs left by a previous process were closed');
    }
    await refreshFacts(db, loaded);
    const current = (): LoadedConfig => watcher.state().current ?? loaded;
    const supervisor = makeSupervisor({ db, clock, log, getConfig: () => current().config });
    const dbRef = db;
    const loop = makeSchedulerLoop({
      db,
      clock,
      log,
      supervisor,
      getOptions: () => current().config.schedule,
      getServerFacts: () => ({ server: facts.server, schemaPresent: facts.schemaPresent }),
    });
    supervisor.onFinished((run) => {
      // Job_ExtractICON: its IDB version pre-check may put the server in the migration state (R20).
      if (
        run.name === 'Job_InitializeGIM' ||
        run.name === 'Job_MigrateGIM' ||
        run.name === 'Job_ExtractICON'
      ) {
        // The run may end during shutdown, with the Info Mart already closing.
        void refreshFacts(dbRef, current())
          .then(() => loop.wake())
          .catch(() => undefined);
      }
    });
    watcher.onChange(() => {
      void refreshFacts(dbRef, current()).then(() => loop.wake());
    });
    // R19: while Blocked, the check runs again every 60 s.
    void (async () => {
      while (!stopping.signal.aborted) {
        await clock.sleep(BLOCKED_RECHECK_MS, stopping.signal).catch(() => undefined);
        if (!stopping.signal.aborted && facts.server !== 'Normal')
          await refreshFacts(dbRef, current()).catch(() => undefined);
      }
    })();
    await loop.start();
    proxy.set(
      makeService({
        db,
        clock,
        log,
        supervisor,
        loop,
        options: watcher,
        startupConfig: loaded,
        serverState: stateView,
      }),
    );
    const extra = input.afterStart ? await input.afterStart({ config: loaded, log }) : undefined;
    core = { db, supervisor, loop, extra };
    starting = false;
    log.info({ state: facts.server, reasons: facts.reasons }, 'scheduler started');
  }

  const ready = bringUp().catch((err: unknown) => {
    log.error({ err }, 'server start-up failed');
    facts = {
      ...facts,
      server: 'Blocked',
      reasons: [`R19: start-up failed: ${err instanceof Error ? err.message : String(err)}`],
    };
  });

  return {
    url,
    service: proxy.service,
    ready,
    async stop(reason = 'server shutdown') {
      stopping.abort();
      watcher.stop();
      await ready;
      const c = core;
      if (c) {
        await c.loop.stop();
        await c.supervisor.shutdown(reason, SHUTDOWN_GRACE_MS);
        if (c.extra) await c.extra.stop();
        await c.db.close();
      }
      await new Promise<void>((resolve) => http.close(() => resolve()));
      log.info('server stopped');
    },
  };
}

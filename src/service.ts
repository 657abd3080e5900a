// The one service module: every operation the CLI, the REST API and the web UI may perform.
// Rules live in src/core (decide, decideManagerRequest); this module reads the state, asks the
// rules, applies the verdict through the scheduler loop and records the audit trail.
import { rename, writeFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Clock } from './core/clock.ts';
import { decideManagerRequest, type ManagerDecision } from './core/manager-rules.ts';
import type { JobName } from './core/jobs.ts';
import { describeOptions, loadConfig, setOption } from './config/index.ts';
import type { LoadedConfig } from './config/types.ts';
import type { Db } from './db/types.ts';
import { InfomartError } from './errors.ts';
import { getJob, listJobs } from './jobs/index.ts';
import { countRuns, getRun, listRuns, type RunRow } from './runner/history.ts';
import type { Supervisor } from './runner/supervisor.ts';
import type { SchedulerLoop } from './scheduler/loop.ts';
import { runPreview } from './scheduler/preview.ts';
import { readEtlStatus } from './service/etl-status.ts';
import { queueReaggregation } from './jobs/aggregate-gim/ledger.ts';
import { recordAudit, readAudit } from './service/audit.ts';
import { toJobView } from './service/job-views.ts';
import type { OptionsWatcher } from './server/options-watcher.ts';
import type {
  JobView,
  OptionEdit,
  OptionsView,
  Principal,
  RunReply,
  RunRequest,
  ServerStateView,
  Service,
} from './service-types.ts';

export interface ServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly supervisor: Supervisor;
  readonly loop: SchedulerLoop;
  readonly options: OptionsWatcher;
  /** The options in force when the server started (for the "pending until restart" flags). */
  readonly startupConfig: LoadedConfig;
  readonly serverState: () => Promise<ServerStateView>;
}

/** START and END of -insertPendingAgg must be days present in DATE_TIME (jobs reference 5.4). */
async function calendarDates(db: Db): Promise<(date: string) => boolean> {
  const r = await db.query<{ lo: string | null; hi: string | null }>(
    `SELECT min(label_yyyy_mm_dd) AS lo, max(label_yyyy_mm_dd) AS hi FROM date_time WHERE date_time_key < 2147482800`,
    [],
    { name: 'service.calendar-dates' },
  );
  const lo = r.rows[0]?.lo;
  const hi = r.rows[0]?.hi;
  return (date) =>
    lo !== null && lo !== undefined && hi !== null && hi !== undefined && date >= lo && date <= hi;
}

function refusal(d: Extract<ManagerDecision, { outcome: 'refuse' }>): InfomartError {
  const code = d.httpStatus === 400 ? 'BAD_REQUEST' : d.httpStatus === 404 ? 'NOT_FOUND' : 'CONFLICT';
  return new InfomartError(code, d.message);
}

export function makeService(deps: ServiceDeps): Service {
  const { db, clock, loop, supervisor } = deps;

  const config = (): LoadedConfig => {
    const c = deps.options.state().current;
    if (!c) throw new InfomartError('CONFLICT', 'R19: no valid options are in force');
    return c;
  };

  async function view(row: RunRow): Promise<JobView> {
    const wait = loop.instances().find((i) => i.id === row.jobId)?.waitReason ?? null;
    return toJobView(row, clock.now(), supervisor.get(row.jobId), wait);
  }

  async function mustGet(jobId: string): Promise<RunRow> {
    if (!/^\d{1,18}$/.test(jobId)) throw new InfomartError('NOT_FOUND', `unknown job id ${jobId}`);
    const row = await getRun(db, jobId);
    if (!row) throw new InfomartError('NOT_FOUND', `unknown job id ${jobId}`);
    return row;
  }

  async function onInstance(
    kind: 'cancel' | 'stop' | 'kill',
    jobId: string,
    who: Principal,
    reason: string | undefined,
  ): Promise<{ run: JobView; warnings: readonly string[] }> {
    const row = await mustGet(jobId);
    const warnings = await loop.exclusive(async (acc) => {
      const now = clock.now();
      const finished = !['SCHEDULED', 'RUNNING'].includes(row.status);
      const d = decideManagerRequest(config().config.schedule, now, acc.state(now), {
        kind,
        id: jobId,
        finished,
      });
      if (d.outcome === 'refuse') throw refusal(d);
      if (d.outcome !== 'accept' || !d.id) throw new InfomartError('CONFLICT', `nothing to ${kind}`);
      if (d.action === 'cancel') {
        await acc.apply([
          {
            kind: 'cancel',
            id: d.id,
            job: d.job,
            reason: reason ? `canceled by ${who.name}: ${reason}` : `canceled by ${who.name}`,
          },
        ]);
      } else {
        const why =
          d.action === 'kill'
            ? `killed: ${reason ?? ''}`.trim()
            : `stopped by ${who.name}: ${reason ?? ''}`.trim();
        if (d.action === 'kill') supervisor.kill(d.id, why, who.name);
        else supervisor.stop(d.id, why, who.name, 'Stopped');
      }
      await recordAudit(db, deps.log, {
        ts: Math.floor(now / 1000),
        principal: who.name,
        action: d.action,
        target: `job ${jobId}`,
        reason: reason ?? null,
      });
      return d.warnings;
    });
    return { run: await view(await mustGet(jobId)), warnings };
  }

  return {
    serverState: () => deps.serverState(),

    async listJobs() {
      const now = clock.now();
      const rows = await listRuns(db, { sinceTs: Math.floor(now / 1000) - 86400 * 7, limit: 1000 });
      const dayAgo = Math.floor(now / 1000) - 86400;
      const shown = rows.filter(
        (r) =>
          r.status === 'SCHEDULED' ||
          r.status === 'RUNNING' ||
          (r.status !== 'CANCELED' && (r.endTs ?? 0) >= dayAgo),
      );
      return Promise.all(shown.map(view));
    },

    async getJob(jobId) {
      return view(await mustGet(jobId));
    },

    async history(q) {
      const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
      const page = Math.max(q.page ?? 1, 1);
      const filter = {
        jobName: q.job,
        status: q.status ? [q.status] : undefined,
        origin: q.origin,
        sinceTs: q.fromTs,
        untilTs: q.toTs,
      };
      const rows = await listRuns(db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
      const views = await Promise.all(rows.map(view));
      return { rows: views, total: await countRuns(db, filter), page, pageSize };
    },

    async runJob(req: RunRequest, who: Principal): Promise<RunReply> {
      const params = (req.params ?? '').trim();
      return loop.exclusive(async (acc) => {
        const now = clock.now();
        const c = config().config;
        const d = decideManagerRequest(c.schedule, now, acc.state(now), {
          kind: 'run',
          job: req.job,
          parameters: params,
          isKnownDate: params ? await calendarDates(db) : undefined,
          limits: { now, daysToKeepGimFacts: c.gimEtl.daysToKeepGimFacts, dateTimeTz: c.dateTime.timezone },
        });
        if (d.outcome === 'refuse') throw refusal(d);
        if (d.outcome === 'queued') {
          // M8: the running aggregation takes the request at its next item.
          const q = await queueReaggregation(db, d.request, who.name, now);
          await recordAudit(db, deps.log, {
            ts: Math.floor(now / 1000),
            principal: who.name,
            action: 're-aggregate',
            target: params,
            reason: req.reason ?? null,
          });
          return {
            result: 'queued',
            requestId: String(q.requestId),
            message: `queued for ${d.job} ${d.id} as request ${q.requestId}`,
            warnings: [],
          };
        }
        const def = getJob(d.job);
        if (def.unavailable)
          throw new InfomartError(
            'JOB_UNAVAILABLE',
            `${d.job} is not available in this version: ${def.unavailable}`,
          );
        if (d.job === 'Job_MaintainGIM' && !req.reason?.trim()) {
          throw new InfomartError('BAD_REQUEST', 'reason: manual Job_MaintainGIM needs a reason');
        }
        const action =
          d.action === 'schedule'
            ? ({
                kind: 'schedule',
                job: d.job,
                origin: 'manual',
                controlledBy: 'operator',
                cycleId: null,
                reason: 'manual request',
                waitReason: d.waitReason ?? 'waiting',
              } as const)
            : ({
                kind: 'start',
                job: d.job,
                origin: 'manual',
                controlledBy: 'operator',
                cycleId: null,
                reason: 'manual request',
                notable: true,
              } as const);
        const applied = await acc.apply([action], { params, requestedBy: who.name });
        const id = applied.created[0];
        if (!id) throw new InfomartError('JOB_UNAVAILABLE', `${d.job} could not be started`);
        await recordAudit(db, deps.log, {
          ts: Math.floor(now / 1000),
          principal: who.name,
          action: 'run',
          target: `${d.job} ${id}`,
          reason: req.reason ?? null,
        });
        return {
          result: d.action === 'schedule' ? 'scheduled' : 'started',
          run: await view(await mustGet(id)),
          warnings: d.warnings,
        };
      });
    },

    async cancelJob(jobId, who, reason) {
      return (await onInstance('cancel', jobId, who, reason)).run;
    },
    async stopJob(jobId, who, reason) {
      if (!reason.trim()) throw new InfomartError('BAD_REQUEST', 'reason: stopping a job needs a reason');
      return onInstance('stop', jobId, who, reason);
    },
    async killJob(jobId, who, reason) {
      if (!reason.trim()) throw new InfomartError('BAD_REQUEST', 'reason: killing a job needs a reason');
      return (await onInstance('kill', jobId, who, reason)).run;
    },

    async options(): Promise<OptionsView> {
      const st = deps.options.state();
      const loaded = config();
      const startup = new Map(
        describeOptions(deps.startupConfig.config).map((o) => [`${o.section}.${o.option}`, o.effective]),
      );
      return {
        path: loaded.config.path,
        options: describeOptions(loaded.config).map((o) => ({
          ...o,
          pending:
            (o.effect === 'Restart' || o.effect === 'Init') &&
            startup.get(`${o.section}.${o.option}`) !== o.effective,
        })),
        warnings: [...loaded.warnings, ...st.errors],
      };
    },

    async editOptions(edits: readonly OptionEdit[], who: Principal, reason: string) {
      if (!reason.trim()) throw new InfomartError('BAD_REQUEST', 'reason: option edits need a reason');
      const loaded = config();
      const path = loaded.config.path;
      if (!path) throw new InfomartError('CONFLICT', 'the options were not read from a file');
      let text = loaded.config.sourceText;
      for (const e of edits) text = setOption(text, e.section, e.option, e.value === '' ? null : e.value);
      // The same checks as a file edit; throws ConfigError (400) and leaves the file untouched.
      loadConfig({ text, path, env: process.env });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, path);
      await deps.options.reload();
      loop.wake();
      const now = Math.floor(clock.now() / 1000);
      for (const e of edits) {
        await recordAudit(db, deps.log, {
          ts: now,
          principal: who.name,
          action: 'edit-option',
          target: `${e.section}.${e.option}=${e.value}`,
          reason,
        });
      }
      return this.options();
    },

    async schedulePreview(hours) {
      const h = Math.min(Math.max(hours, 1), 24 * 31);
      return runPreview(config().config.schedule, clock.now(), h).map((e) => ({ ...e }));
    },

    async etlStatus() {
      return readEtlStatus(db, {
        nowMs: clock.now(),
        server: await deps.serverState(),
        config: deps.options.state().current?.config ?? null,
      });
    },

    audit: (limit) => readAudit(db, limit),

    jobCatalog() {
      return listJobs().map((d) => ({
        name: d.name as JobName,
        runnable: d.unavailable === null && d.name !== 'Job_UpdateStats' && d.name !== 'Job_ExportGIM',
        acceptsParams: d.acceptsParams,
        unavailable: d.unavailable,
      }));
    },
  };
}

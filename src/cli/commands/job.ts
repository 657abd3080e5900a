// `infomart job run <Job_Name> --local`: runs one job in this process, with progress, and prints
// its outcome. `infomart migrate` is `job run Job_MigrateGIM --local`, and
// `infomart migrate --make-export-views` the Genesys `-job Job_MigrateGIM -make-export-views`.
import type { Command } from 'commander';
import { JOB_NAMES, isJobName, type JobName } from '../../core/jobs.ts';
import { InfomartError } from '../../errors.ts';
import { runJobLocally } from '../../runner/local.ts';
import { listRuns } from '../../runner/history.ts';
import { migrationStatus } from '../../db/migrate.ts';
import { makeExportViews } from '../../jobs/migrate-gim/export-views.ts';
import { makeCliProgress } from '../progress.ts';
import { optionsPathOf, withCliContext, type CliContext } from '../context.ts';
import { EXIT, ExitCode } from '../exit.ts';

async function runLocal(ctx: CliContext, name: JobName, params: string): Promise<number> {
  const progress = makeCliProgress(name);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort('stopped from the command line (SIGINT)');
  process.once('SIGINT', onSignal);
  try {
    const r = await runJobLocally({
      name,
      params,
      db: ctx.db,
      config: ctx.loaded.config,
      clock: ctx.clock,
      log: ctx.log,
      signal: controller.signal,
      requestedBy: process.env.USER ?? 'cli',
      onProgress: (p) => progress.update(p.chunksDone ?? p.rows ?? 0, p.detail),
    });
    const counts = r.outcome?.rowCounts ? ` ${JSON.stringify(r.outcome.rowCounts)}` : '';
    progress.done(`job ${r.jobId} ${r.status}${r.reason ? ` (${r.reason})` : ''}${counts}`);
    for (const w of r.outcome?.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
    if (r.error) process.stderr.write(`error: ${r.error}\n`);
    return r.status === 'FAILED' ? EXIT.failed : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

export function registerJobCommands(program: Command): void {
  const job = program.command('job').description('run jobs and read their history');
  job
    .command('run <job>')
    .description(`run one job in this process (${JOB_NAMES.join(', ')})`)
    .requiredOption('--local', 'run here, not through a server (the only mode of this command for now)')
    .option('--options <file>', 'options file')
    .option('--params <text>', 'job parameters (Job_AggregateGIM only: -insertPendingAgg …)', '')
    .action(async (name: string, opts: { options?: string; params: string }) => {
      if (!isJobName(name)) {
        throw new InfomartError('BAD_REQUEST', `unknown job "${name}"; valid names: ${JOB_NAMES.join(', ')}`);
      }
      const code = await withCliContext(optionsPathOf(opts.options), (ctx) =>
        runLocal(ctx, name, opts.params),
      );
      if (code !== EXIT.ok) throw new ExitCode(code);
    });
  job
    .command('history')
    .description('the latest job instances recorded in the Info Mart')
    .option('--options <file>', 'options file')
    .option('--limit <n>', 'rows', '20')
    .action(async (opts: { options?: string; limit: string }) => {
      await withCliContext(optionsPathOf(opts.options), async (ctx) => {
        const rows = await listRuns(ctx.db, { limit: Number(opts.limit) || 20 });
        for (const r of rows) {
          process.stdout.write(
            `${r.jobId.padStart(6)} ${r.jobName.padEnd(18)} ${r.status.padEnd(9)} ${r.origin.padEnd(9)} ` +
              `${r.startTs ? new Date(r.startTs * 1000).toISOString() : '-'.padEnd(24)} ${r.reason ?? r.errorMessage ?? ''}\n`,
          );
        }
      });
    });

  program
    .command('migrate')
    .description(
      'run Job_MigrateGIM here: apply pending Info Mart migrations (or only make the export views)',
    )
    .option('--options <file>', 'options file')
    .option('--make-export-views', 'only (re)create the export views in schema export_views')
    .action(async (opts: { options?: string; makeExportViews?: boolean }) => {
      const code = await withCliContext(optionsPathOf(opts.options), async (ctx) => {
        if (!opts.makeExportViews) return runLocal(ctx, 'Job_MigrateGIM', '');
        const busy = await listRuns(ctx.db, { status: ['RUNNING'], limit: 100 });
        const blocker = busy.find((r) => r.jobName === 'Job_MigrateGIM' || r.jobName === 'Job_MaintainGIM');
        if (blocker)
          throw new InfomartError(
            'CONFLICT',
            `M3: ${blocker.jobName} ${blocker.jobId} is Running; try again when it ends`,
          );
        const st = await migrationStatus(ctx.db, 'infomart');
        const views = await makeExportViews(ctx.db, st.dbVersion, Math.floor(ctx.clock.now() / 1000));
        process.stdout.write(
          `export views made for ${views.length} tables at schema version ${st.dbVersion}\n`,
        );
        return EXIT.ok;
      });
      if (code !== EXIT.ok) throw new ExitCode(code);
    });
}

// `infomart jobs|status|options … --server URL`: the Manager's operations from a shell, through a
// running server's REST API (the same rules and refusals as the web UI). Credentials come from
// --user and the INFOMART_PASSWORD environment variable (a --password flag would show in `ps`).
import type { Command } from 'commander';
import { EXIT, ExitCode } from '../exit.ts';

export interface ClientIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

const processIo: ClientIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
};

interface ConnOpts {
  server?: string;
  user?: string;
  json?: boolean;
}

interface JobRow {
  jobId: string;
  job: string;
  status: string;
  origin: string;
  startTs: number | null;
  durationSeconds: number | null;
  reason: string | null;
  errorMessage: string | null;
}

async function call(
  io: ClientIo,
  o: ConnOpts,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const server = o.server ?? io.env.INFOMART_SERVER;
  if (!server) throw usage(io, 'give the server with --server URL (or INFOMART_SERVER)');
  const user = o.user ?? io.env.INFOMART_USER ?? 'admin';
  const password = io.env.INFOMART_PASSWORD;
  if (!password) throw usage(io, 'set INFOMART_PASSWORD to the password of the Manager user');
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    accept: 'application/json',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(`/api/v1${path}`, server), {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON: shown as it is
  }
  if (!res.ok) {
    const msg = (data as { error?: { message?: string } })?.error?.message ?? text;
    io.err(`error: HTTP ${res.status}: ${msg}\n`);
    throw new ExitCode(res.status === 400 || res.status === 413 ? EXIT.badInput : EXIT.failed);
  }
  return data;
}

function usage(io: ClientIo, message: string): ExitCode {
  io.err(`error: ${message}\n`);
  return new ExitCode(EXIT.badInput);
}

const iso = (s: number | null): string =>
  s === null ? '-' : new Date(s * 1000).toISOString().slice(0, 19) + 'Z';

function printJobs(io: ClientIo, rows: readonly JobRow[]): void {
  for (const r of rows) {
    io.out(
      `${r.jobId.padStart(6)} ${r.job.padEnd(18)} ${r.status.padEnd(9)} ${r.origin.padEnd(9)} ${iso(r.startTs).padEnd(20)} ` +
        `${r.durationSeconds === null ? '-' : `${r.durationSeconds}s`} ${r.reason ?? r.errorMessage ?? ''}\n`.replace(
          / +\n$/,
          '\n',
        ),
    );
  }
}

function conn(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'Manager URL, e.g. http://127.0.0.1:8080 (or INFOMART_SERVER)')
    .option(
      '--user <name>',
      'Manager user (or INFOMART_USER; default admin); password from INFOMART_PASSWORD',
    )
    .option('--json', 'print the API reply as JSON');
}

export function registerManagerClientCommands(program: Command, io: ClientIo = processIo): void {
  const show = (o: ConnOpts, data: unknown, human: () => void): void => {
    if (o.json) io.out(`${JSON.stringify(data, null, 2)}\n`);
    else human();
  };
  const jobs = program.command('jobs').description("a running server's jobs, through its Manager API");

  conn(jobs.command('list').description('the job list: Scheduled, Running and ended in the last 24 h'))
    .option('--sort <column>', 'sort column (jobId, job, status, origin, createdTs, startTs …)')
    .option('--order <order>', 'asc or desc')
    .action(async (o: ConnOpts & { sort?: string; order?: string }) => {
      const q = new URLSearchParams();
      if (o.sort) q.set('sort', o.sort);
      if (o.order) q.set('order', o.order);
      const data = (await call(io, o, 'GET', `/jobs?${q}`)) as { jobs: JobRow[] };
      show(o, data, () => printJobs(io, data.jobs));
    });

  conn(jobs.command('run <job>').description('run a job now (M1–M9 apply)'))
    .option('--params <text>', 'Job_AggregateGIM only: -insertPendingAgg AGR_SET:START:END')
    .option('--reason <text>', 'why (required for Job_MaintainGIM)')
    .action(async (job: string, o: ConnOpts & { params?: string; reason?: string }) => {
      const body = {
        job,
        ...(o.params ? { params: o.params } : {}),
        ...(o.reason ? { reason: o.reason } : {}),
      };
      const data = (await call(io, o, 'POST', '/jobs', body)) as {
        result: string;
        run?: JobRow;
        requestId?: string;
        message?: string;
        warnings: string[];
      };
      show(o, data, () => {
        if (data.run) io.out(`${data.run.job} ${data.run.jobId} ${data.result} (${data.run.status})\n`);
        else io.out(`request ${data.requestId} ${data.result}: ${data.message}\n`);
        for (const w of data.warnings) io.err(`warning: ${w}\n`);
      });
    });

  for (const [verb, what, needsReason] of [
    ['cancel', 'cancel a Scheduled job', false],
    ['stop', 'stop a Running job at its next unit boundary', true],
    ['kill', 'kill a Running job, rolling back its current unit (admin)', true],
  ] as const) {
    conn(jobs.command(`${verb} <id>`).description(what))
      .option('--reason <text>', needsReason ? 'why (required)' : 'why')
      .action(async (id: string, o: ConnOpts & { reason?: string }) => {
        const data = (await call(io, o, 'POST', `/jobs/${encodeURIComponent(id)}/${verb}`, {
          ...(o.reason ? { reason: o.reason } : {}),
        })) as { run: JobRow; warnings: string[] };
        show(o, data, () => {
          io.out(`${data.run.job} ${data.run.jobId}: ${data.run.status}\n`);
          for (const w of data.warnings) io.err(`warning: ${w}\n`);
        });
      });
  }

  conn(jobs.command('history').description('CTL_ETL_HISTORY, newest first'))
    .option('--job <name>', 'only this job')
    .option('--status <status>', 'only this status (Completed, Failed …)')
    .option('--page <n>', 'page', '1')
    .option('--page-size <n>', 'rows per page', '20')
    .action(async (o: ConnOpts & { job?: string; status?: string; page: string; pageSize: string }) => {
      const q = new URLSearchParams({ page: o.page, pageSize: o.pageSize });
      if (o.job) q.set('job', o.job);
      if (o.status) q.set('status', o.status);
      const data = (await call(io, o, 'GET', `/history?${q}`)) as {
        rows: JobRow[];
        total: number;
        page: number;
      };
      show(o, data, () => {
        printJobs(io, data.rows);
        io.out(`page ${data.page}, ${data.total} rows\n`);
      });
    });

  conn(program.command('status').description("a running server's state and blocking reasons")).action(
    async (o: ConnOpts) => {
      const data = (await call(io, o, 'GET', '/status')) as { state: string; reasons: string[] };
      show(o, data, () => {
        io.out(`${data.state}\n`);
        for (const r of data.reasons) io.out(`  ${r}\n`);
      });
    },
  );

  const options = program.command('options').description("a running server's options");
  conn(
    options.command('get [name]').description('effective values; name = section.option to show one'),
  ).action(async (name: string | undefined, o: ConnOpts) => {
    const data = (await call(io, o, 'GET', '/options')) as {
      options: { section: string; option: string; effective: string; pending: boolean }[];
    };
    const rows = data.options.filter((x) => !name || `${x.section}.${x.option}` === name);
    if (name && rows.length === 0) throw usage(io, `no option ${name}`);
    show(o, name ? rows : data, () => {
      for (const r of rows)
        io.out(`${r.section}.${r.option} = ${r.effective}${r.pending ? ' (pending restart)' : ''}\n`);
    });
  });
  conn(options.command('set <name> <value>').description('edit one option (admin): name = section.option'))
    .requiredOption('--reason <text>', 'why (required)')
    .action(async (name: string, value: string, o: ConnOpts & { reason: string }) => {
      const dot = name.lastIndexOf('.');
      if (dot <= 0) throw usage(io, `"${name}" is not section.option`);
      const edit = { section: name.slice(0, dot), option: name.slice(dot + 1), value };
      const data = await call(io, o, 'PUT', '/options', { edits: [edit], reason: o.reason });
      show(o, data, () => io.out(`${name} = ${value === '' ? '(default)' : value}\n`));
    });
}

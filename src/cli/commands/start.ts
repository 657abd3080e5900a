// `infomart start`: the server (scheduler, runner, Manager HTTP endpoint) until SIGINT/SIGTERM.
// `--embedded` (what `npm start` runs) first creates the embedded default in --data.
import type { Command } from 'commander';
import { makeSystemClock } from '../../core/clock.ts';
import { InfomartError } from '../../errors.ts';
import { prepareEmbedded } from '../../server/embedded.ts';
import { startServer } from '../../server/start.ts';
import { startEmbeddedSimulation } from '../../server/embedded-simulation.ts';
import { makeLogger, optionsPathOf } from '../context.ts';

interface StartOpts {
  options?: string;
  host: string;
  port: string;
  users?: string;
  embedded?: boolean;
  data: string;
  simulate: boolean;
  callsPerHour: string;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the server: scheduler, job runner and the Manager (web UI and REST API)')
    .option('--options <file>', 'options file')
    .option('--host <host>', 'address of the Manager endpoint', '127.0.0.1')
    .option('--port <port>', 'port of the Manager endpoint (0 = any free port)', '8080')
    .option('--users <file>', 'Manager users file (default: manager-users.json beside the options file)')
    .option('--embedded', 'the embedded default: PGlite Info Mart and IDBs in --data, created if missing')
    .option('--data <dir>', 'folder of the embedded default', 'data')
    .option('--no-simulate', 'embedded default: do not feed the IDBs with simulated traffic')
    .option('--calls-per-hour <n>', 'embedded default: simulated inbound calls per hour', '600')
    .action(async (opts: StartOpts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new InfomartError('BAD_REQUEST', `--port: "${opts.port}" is not valid; expected 0..65535`);
      }
      const log = makeLogger();
      let optionsPath = optionsPathOf(opts.options);
      let usersFile = opts.users ?? optionsPath.replace(/[^/]*$/, 'manager-users.json');
      let admin: { user: string; password: string } | null = null;
      if (opts.embedded) {
        const prepared = await prepareEmbedded(opts.data);
        optionsPath = opts.options ?? prepared.layout.optionsPath;
        usersFile = opts.users ?? prepared.layout.usersFile;
        admin = prepared.admin;
        if (prepared.created) log.info({ dir: prepared.layout.dataDir }, 'embedded default created');
      }
      const callsPerHour = Number(opts.callsPerHour);
      const server = await startServer({
        optionsPath,
        host: opts.host,
        port,
        usersFile,
        log,
        clock: makeSystemClock(),
        env: process.env,
        afterStart:
          opts.embedded && opts.simulate
            ? ({ config, log: l }) => startEmbeddedSimulation({ config: config.config, log: l, callsPerHour })
            : undefined,
      });
      process.stdout.write(`Manager: ${server.url}/  (REST API: ${server.url}/api/v1)\n`);
      if (admin) process.stdout.write(`Log in as ${admin.user} / ${admin.password}\n`);
      else process.stdout.write(`Log in with a user of ${usersFile}\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const onSignal = (sig: string): void => {
          if (stopping) {
            process.stderr.write('second signal: exiting now\n');
            process.exit(1);
          }
          stopping = true;
          process.stderr.write(`${sig}: stopping (running jobs end at their next unit boundary)…\n`);
          void server.stop(`server shutdown (${sig})`).then(resolve);
        };
        process.once('SIGINT', () => onSignal('SIGINT'));
        process.once('SIGTERM', () => onSignal('SIGTERM'));
      });
    });
}

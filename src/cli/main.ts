// The `infomart` command line. Each command lives in src/cli/commands/ and is a thin layer over
// the service modules; this file only assembles them and maps errors to exit codes
// (0 ok, 1 job failed, 2 bad input).
import { Command, CommanderError } from 'commander';
import { ConfigError, InfomartError } from '../errors.ts';
import { registerIdbCommands } from './commands/idb.ts';
import { registerJobCommands } from './commands/job.ts';
import { registerCheckCommand } from './commands/check.ts';
import { registerScheduleCommands } from './commands/schedule.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerInitCommand } from './commands/init.ts';
import { registerSimulateCommand } from './commands/simulate.ts';
import { registerManagerClientCommands } from './commands/manager-client.ts';

import { EXIT, ExitCode } from './exit.ts';

export function makeProgram(): Command {
  const program = new Command('infomart')
    .description('Info Mart server for contact-center reporting')
    .exitOverride()
    .showHelpAfterError();
  registerIdbCommands(program);
  registerJobCommands(program);
  registerCheckCommand(program);
  registerScheduleCommands(program);
  registerStartCommand(program);
  registerInitCommand(program);
  registerSimulateCommand(program);
  registerManagerClientCommands(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = makeProgram();
  try {
    await program.parseAsync(argv as string[]);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof ExitCode) return err.code;
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (err instanceof ConfigError) {
      for (const issue of err.issues) process.stderr.write(`error: ${issue.message}\n`);
      return EXIT.badInput;
    }
    if (err instanceof InfomartError && err.code === 'BAD_REQUEST') {
      process.stderr.write(`error: ${err.message}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
  }
}

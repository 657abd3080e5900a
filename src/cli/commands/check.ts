// `infomart check`: the deployment check — options, DAP roles, reachability of every database,
// Info Mart schema version. One line per finding; exit 0 only when nothing blocks.
import type { Command } from 'commander';
import { formatIssue, loadConfigFile } from '../../config/index.ts';
import { ConfigError } from '../../errors.ts';
import { openDb } from '../../db/open.ts';
import {
  checkExtractedRoles,
  checkReachability,
  checkSchema,
  formatFinding,
  passwordFor,
  type Finding,
} from '../../server/deployment-check.ts';
import { optionsPathOf } from '../context.ts';
import { EXIT, ExitCode } from '../exit.ts';

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('deployment check: options, DAP roles, database reachability, schema version')
    .option('--options <file>', 'options file')
    .action(async (opts: { options?: string }) => {
      const path = optionsPathOf(opts.options);
      const findings: Finding[] = [];
      let loaded;
      try {
        loaded = await loadConfigFile(path, process.env);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        for (const i of err.issues) process.stdout.write(`BLOCKING  options: ${formatIssue(i, path)}\n`);
        throw new ExitCode(EXIT.badInput);
      }
      for (const w of loaded.warnings) process.stdout.write(`WARNING   options: ${formatIssue(w, path)}\n`);
      findings.push({
        level: 'ok',
        subject: 'options',
        message: `${path} is valid (${loaded.config.daps.length} access points)`,
      });
      findings.push(...(await checkReachability(loaded.config, process.env)));
      const target = loaded.config.daps.find((d) => d.roles.includes('INFO_MART'));
      if (target && !findings.some((f) => f.subject === `dap:${target.name}` && f.level === 'blocking')) {
        const db = await openDb(target.url, {
          user: target.user ?? undefined,
          password: passwordFor(target, process.env),
        });
        try {
          findings.push(
            ...(await checkSchema(db)).findings,
            ...(await checkExtractedRoles(db, loaded.config)),
          );
        } finally {
          await db.close();
        }
      }
      for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`);
      if (findings.some((f) => f.level === 'blocking')) throw new ExitCode(EXIT.failed);
    });
}

// `infomart idb init --url URL`: creates (or completes) the Interaction Concentrator schema in
// any database — for the simulator, tests and demonstrations.
import type { Command } from 'commander';
import { withDb } from '../../db/open.ts';
import { migrate } from '../../db/migrate.ts';

export function registerIdbCommands(program: Command): void {
  const idb = program.command('idb').description('Interaction Concentrator (IDB) databases');
  idb
    .command('init')
    .description('create the IDB schema in a database (idempotent)')
    .requiredOption('--url <url>', 'database: pglite:///dir, pglite:memory or postgres://user@host:port/db')
    .action(async (opts: { url: string }) => {
      await withDb(opts.url, async (db) => {
        const run = await migrate(db, 'idb');
        const what =
          run.applied.length === 0
            ? 'already current'
            : `applied ${run.applied.map((a) => a.version).join(', ')}`;
        process.stdout.write(`IDB schema at ${db.displayUrl}: version ${run.status.dbVersion} (${what})\n`);
      });
    });
}

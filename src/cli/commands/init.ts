// `infomart init`: writes a commented options file and creates the databases it names — the
// embedded default (PGlite directories) unless told otherwise.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { InfomartError } from '../../errors.ts';
import { prepareEmbedded } from '../../server/embedded.ts';
import { renderDefaultOptionsFile } from '../../config/index.ts';

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a commented options file and create the embedded databases')
    .option('--data <dir>', 'folder of the embedded default', 'data')
    .option(
      '--options <file>',
      'write only an options file here for your own databases (no embedded default)',
    )
    .option(
      '--info-mart <url>',
      'with --options: the Info Mart database url',
      'postgres://infomart@localhost:5432/infomart',
    )
    .action(async (opts: { data: string; options?: string; infoMart: string }) => {
      if (opts.options) {
        if (existsSync(opts.options))
          throw new InfomartError(
            'BAD_REQUEST',
            `--options: ${opts.options} exists already; not overwritten`,
          );
        await writeFile(opts.options, renderDefaultOptionsFile({ infoMartUrl: opts.infoMart }), {
          flag: 'wx',
        });
        process.stdout.write(
          `wrote ${opts.options}: add your [dap:…] sections for the IDBs, then run infomart check\n`,
        );
        return;
      }
      const p = await prepareEmbedded(opts.data);
      process.stdout.write(
        `${p.created ? 'created' : 'kept'} ${p.layout.optionsPath}\nIDB schemas ready in ${p.layout.idbDirs.join(' and ')}\n` +
          `Manager users: ${p.layout.usersFile}${p.admin ? ` (admin password in ${p.layout.credentialsFile})` : ''}\n` +
          `The Info Mart is initialized on the first start (R21): infomart start --embedded --data ${opts.data}\n`,
      );
    });
}

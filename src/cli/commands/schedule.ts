// `infomart schedule preview`: the real scheduling rules on a simulated clock, with jobs that take
// the assumed durations; every event, in time order (text, or one JSON object per line).
import type { Command } from 'commander';
import { parseLocalOrInstant } from '../../core/local-time.ts';
import { InfomartError } from '../../errors.ts';
import { parseAssume, runPreview, MAX_PREVIEW_HOURS } from '../../scheduler/preview.ts';
import { loadOptions, optionsPathOf } from '../context.ts';

export function registerScheduleCommands(program: Command): void {
  const schedule = program.command('schedule').description('the scheduler');
  schedule
    .command('preview')
    .description('print the jobs the scheduler would start, stop and cancel from a given time')
    .option('--options <file>', 'options file')
    .requiredOption(
      '--from <time>',
      'local time in the schedule time zone (2024-05-14T00:00) or an instant with offset',
    )
    .option('--hours <n>', `elapsed hours to preview (1..${MAX_PREVIEW_HOURS})`, '24')
    .option('--assume <list>', 'job durations JOB=DUR,… with DUR like 90s, 3m, 1h', '')
    .option('--json', 'one JSON object per line')
    .action(
      async (opts: { options?: string; from: string; hours: string; assume: string; json?: boolean }) => {
        const { config } = await loadOptions(optionsPathOf(opts.options));
        const zone = config.schedule.timezone;
        const from = parseLocalOrInstant(zone, opts.from);
        if (from === null) {
          throw new InfomartError(
            'BAD_REQUEST',
            `--from: "${opts.from}" is not valid; expected a local time YYYY-MM-DDTHH:mm in ${zone.id} or an instant with offset (2024-05-14T11:30:00Z)`,
          );
        }
        const hours = Number(opts.hours);
        if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_PREVIEW_HOURS) {
          throw new InfomartError(
            'BAD_REQUEST',
            `--hours: "${opts.hours}" is not valid; expected a number of hours from 1 to ${MAX_PREVIEW_HOURS}`,
          );
        }
        const assume = parseAssume(opts.assume);
        if (!assume.ok) throw new InfomartError('BAD_REQUEST', assume.message);
        for (const e of runPreview(config.schedule, from, hours, assume.assume)) {
          if (opts.json) process.stdout.write(`${JSON.stringify(e)}\n`);
          else process.stdout.write(`${e.at}  ${e.job.padEnd(18)} ${e.event.padEnd(9)} ${e.reason ?? ''}\n`);
        }
      },
    );
}

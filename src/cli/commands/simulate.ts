// `infomart simulate --idb URL[,URL…] --from DATE --days N --calls-per-day K --seed S [--ha]
// [--multi-site SHARE]`: fills IDBs with simulated contact-center history (src/simulator).
// Bad options end with exit 2 and a message naming the option.
import type { Command } from 'commander';
import { ConfigError } from '../../errors.ts';
import type { ConfigIssue } from '../../errors.ts';
import { simulateHistory } from '../../simulator/history.ts';
import { makeCliProgress } from '../progress.ts';

interface RawOptions {
  readonly idb: string;
  readonly from: string;
  readonly days: string;
  readonly callsPerDay: string;
  readonly seed: string;
  readonly ha?: boolean;
  readonly multiSite?: string;
  readonly truth: boolean;
}

function wholeNumber(option: string, text: string, issues: ConfigIssue[]): number {
  if (!/^\d+$/.test(text.trim())) {
    issues.push({
      section: 'simulate',
      option,
      value: text,
      message: `--${option}: "${text}" is not a whole number`,
    });
    return 0;
  }
  return Number(text);
}

export function parseSimulateOptions(raw: RawOptions): Parameters<typeof simulateHistory>[0] {
  const issues: ConfigIssue[] = [];
  const idbUrls = raw.idb
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  for (const u of idbUrls) {
    if (!/^(pglite:|postgres(ql)?:\/\/)/.test(u)) {
      issues.push({
        section: 'simulate',
        option: 'idb',
        value: u,
        message: `--idb: "${u}" is not a database URL; expected pglite:///dir, pglite:memory or postgres://user@host:port/db`,
      });
    }
  }
  if (idbUrls.length === 0)
    issues.push({ section: 'simulate', option: 'idb', message: '--idb: no database URL given' });
  const days = wholeNumber('days', raw.days, issues);
  const callsPerDay = wholeNumber('calls-per-day', raw.callsPerDay, issues);
  const seed = wholeNumber('seed', raw.seed, issues);
  let multiSite = 0;
  if (raw.multiSite !== undefined) {
    multiSite = Number(raw.multiSite);
    if (raw.multiSite.trim() === '' || !Number.isFinite(multiSite) || multiSite < 0 || multiSite > 1) {
      issues.push({
        section: 'simulate',
        option: 'multi-site',
        value: raw.multiSite,
        message: `--multi-site: "${raw.multiSite}" is not a share from 0 to 1`,
      });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    idbUrls,
    from: raw.from,
    days,
    callsPerDay,
    seed,
    ha: raw.ha ?? false,
    multiSite,
    truth: raw.truth,
  };
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('fill Interaction Concentrator databases with simulated contact-center history')
    .requiredOption(
      '--idb <urls>',
      'IDB URL(s), comma-separated: one per site, or an HA pair per site with --ha',
    )
    .requiredOption('--from <date>', 'first simulated day (YYYY-MM-DD, UTC)')
    .option('--days <n>', 'number of days', '1')
    .option('--calls-per-day <k>', 'interactions per day (voice, outbound records, chats, e-mails)', '10000')
    .option('--seed <s>', 'random seed: the same seed gives the same rows', '1')
    .option('--ha', 'write each site into a redundant IDB pair with provider-session gaps')
    .option('--multi-site <share>', 'share of inbound calls routed to another site (0…1)')
    .option('--no-truth', 'do not record the ground truth (sim_truth.* in the first IDB)')
    .action(async (raw: RawOptions) => {
      const opts = parseSimulateOptions(raw);
      const progress = makeCliProgress('simulate', opts.days * 24);
      const result = await simulateHistory({
        ...opts,
        onProgress: (p) => progress.update(Math.round((p.simulatedTs - p.from) / 3600), `${p.rows} rows`),
      });
      const rows = result.idbs.reduce((a, b) => a + b.rows, 0);
      progress.done(`${result.interactions} interactions, ${result.sessions} agent sessions, ${rows} rows`);
      for (const i of result.idbs) {
        const gaps = i.gaps.length > 0 ? `, ${i.gaps.length} gap(s)` : '';
        process.stdout.write(
          `${i.displayUrl}: site ${i.site + 1} ${i.role}, ${i.rows} rows, markers up to ${i.seq}${gaps}\n`,
        );
      }
    });
}

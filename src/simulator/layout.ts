// Which IDB gets what: the first URL (or HA pair) records the first site, the next URL (or pair)
// the second site when calls cross sites; HA pairs get complementary gaps.
import { ConfigError } from '../errors.ts';
import type { ConfigIssue } from '../errors.ts';
import type { Rng } from './rng.ts';
import type { Gap } from './sessions.ts';

export interface IdbRole {
  readonly index: number;
  readonly site: number;
  readonly role: 'single' | 'primary' | 'backup';
  readonly iconDbid: number;
  readonly primaryDbid: number;
}

export function planLayout(count: number, ha: boolean, multiSite: number): IdbRole[] {
  const issues: ConfigIssue[] = [];
  const perSite = ha ? 2 : 1;
  if (count !== perSite && count !== 2 * perSite) {
    issues.push({
      section: 'simulate',
      option: 'idb',
      value: String(count),
      message: `--idb: ${count} URL(s) given; expected ${perSite} (one site${ha ? ', an HA pair' : ''}) or ${2 * perSite} (two sites${ha ? ', an HA pair each' : ''})`,
    });
  }
  if (count === 2 * perSite && multiSite <= 0) {
    issues.push({
      section: 'simulate',
      option: 'multi-site',
      message: `--multi-site: a second site's IDB was given but no share of calls crosses sites; pass --multi-site SHARE (0 < SHARE <= 1)`,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const roles: IdbRole[] = [];
  for (let i = 0; i < count; i++) {
    const site = Math.floor(i / perSite);
    const primary = site * perSite;
    roles.push({
      index: i,
      site,
      role: !ha ? 'single' : i === primary ? 'primary' : 'backup',
      iconDbid: 901 + i,
      primaryDbid: 901 + primary,
    });
  }
  return roles;
}

/**
 * One gap per day in each IDB of a pair, never overlapping: the backup misses 15–45 minutes of a
 * morning, the primary as long of an afternoon, so every moment is recorded by at least one.
 */
export function planGaps(from: number, days: number, rng: Rng): { primary: Gap[]; backup: Gap[] } {
  const primary: Gap[] = [];
  const backup: Gap[] = [];
  for (let d = 0; d < days; d++) {
    const day = from + d * 86400;
    const b = day + rng.int(8 * 3600, 11 * 3600);
    backup.push({ start: b, end: b + rng.int(15, 45) * 60 });
    const p = day + rng.int(14 * 3600, 17 * 3600);
    primary.push({ start: p, end: p + rng.int(15, 45) * 60 });
  }
  return { primary, backup };
}

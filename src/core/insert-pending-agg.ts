// The re-aggregation parameter of Job_AggregateGIM (jobs reference 5.4):
//   -insertPendingAgg <AGR_SET>:<START>:<END>
//   AGR_SET = ALLSETS | [hier{,hier}]-LEVEL[.Online|.Offline]

import { DAY_MS, epochDayOf, formatEpochDay, resolveLocal } from './local-time.ts';
import type { Zone } from './zone.ts';

export const HIERARCHIES = [
  'H_AGENT',
  'H_ID',
  'H_I_STATE_RSN',
  'H_QUEUE_GRP',
  'H_QUEUE_ABN',
  'H_AGENT_GRP',
  'H_I_AGENT',
  'H_QUEUE',
  'H_AGENT_CAMPAIGN',
  'H_AGENT_QUEUE',
  'H_I_SESS_STATE',
  'H_QUEUE_ACC_AGENT',
  'H_CAMPAIGN',
] as const;
export type Hierarchy = (typeof HIERARCHIES)[number];

/** Genesys's misprints, accepted and stored under the correct names (project choice). */
export const HIERARCHY_ALIASES: Readonly<Record<string, Hierarchy>> = {
  H_AGENT_CAMPAGN: 'H_AGENT_CAMPAIGN',
  H_CAMPAGN: 'H_CAMPAIGN',
};

export const AGG_LEVELS = ['SUBHOUR', 'HOUR', 'DAY', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type AggLevel = (typeof AGG_LEVELS)[number];
export const AGG_FLAVORS = ['Online', 'Offline'] as const;
export type AggFlavor = (typeof AGG_FLAVORS)[number];

export const INSERT_PENDING_AGG_FORM =
  '-insertPendingAgg <ALLSETS | [hierarchy{,hierarchy}]-LEVEL[.Online|.Offline]>:<START YYYY-MM-DD>:<END YYYY-MM-DD>';

export interface InsertPendingAggRequest {
  /** One PENDING_AGG row per entry; `ALL` for ALLSETS or an empty list. */
  readonly hierarchies: readonly (Hierarchy | 'ALL')[];
  readonly allSets: boolean;
  /** ALLSETS recomputes from the lowest level up. */
  readonly level: AggLevel;
  readonly flavor: AggFlavor | null;
  readonly start: string;
  readonly end: string;
  /** START 00:00 in date-time-tz, when limits were given. */
  readonly rangeStartMs: number | null;
  /** The instant after the end of END in date-time-tz (exclusive), when limits were given. */
  readonly rangeEndMs: number | null;
}

export interface InsertPendingAggLimits {
  readonly now: number;
  readonly daysToKeepGimFacts: number;
  /** `[date-time] date-time-tz`, the calendar zone. */
  readonly dateTimeTz: Zone;
}

type Failure = { ok: false; message: string };
export type ParseResult = { ok: true; request: InsertPendingAggRequest } | Failure;

const fail = (message: string): Failure => ({
  ok: false,
  message: `${message}; expected ${INSERT_PENDING_AGG_FORM}`,
});

export function parseInsertPendingAgg(
  text: string,
  isKnownDate?: (date: string) => boolean,
  limits?: InsertPendingAggLimits,
): ParseResult {
  const t = text.trim();
  const head = /^-insertPendingAgg(?:[ \t]+(.*))?$/s.exec(t);
  if (!head) return fail(`parameters "${t}" must start with -insertPendingAgg`);
  const body = head[1]?.trim() ?? '';
  if (body === '') return fail('AGR_SET, START and END are missing');
  if (/\s/.test(body)) return fail(`unexpected white space in "${body}"`);
  const parts = body.split(':');
  if (parts.length !== 3)
    return fail(`"${body}" has ${parts.length} part(s) separated by ':', 3 required (AGR_SET:START:END)`);
  const [set = '', start = '', end = ''] = parts;
  const agr = parseAgrSet(set);
  if (!agr.ok) return agr;
  for (const [name, value] of [
    ['START', start],
    ['END', end],
  ] as const) {
    if (value === '') return fail(`${name} date is missing`);
    if (!isDate(value)) return fail(`${name} "${value}" is not a valid date YYYY-MM-DD`);
    if (isKnownDate && !isKnownDate(value))
      return fail(`${name} ${value} is not in the calendar (DATE_TIME)`);
  }
  if (start > end) return fail(`START ${start} is after END ${end}`);
  let rangeStartMs: number | null = null;
  let rangeEndMs: number | null = null;
  if (limits) {
    rangeStartMs = resolveLocal(limits.dateTimeTz, epochDayOf(start), 0);
    rangeEndMs = resolveLocal(limits.dateTimeTz, epochDayOf(end) + 1, 0);
    const oldest = limits.now - limits.daysToKeepGimFacts * DAY_MS;
    if (rangeStartMs < oldest) {
      return fail(
        `START ${start} is beyond fact retention (days-to-keep-gim-facts = ${limits.daysToKeepGimFacts}): facts before ${new Date(oldest).toISOString()} are purged, so its aggregates could not be rebuilt`,
      );
    }
  }
  return { ok: true, request: { ...agr.value, start, end, rangeStartMs, rangeEndMs } };
}

type AgrSet = Pick<InsertPendingAggRequest, 'hierarchies' | 'allSets' | 'level' | 'flavor'>;

function parseAgrSet(set: string): { ok: true; value: AgrSet } | Failure {
  if (set === 'ALLSETS')
    return { ok: true, value: { hierarchies: ['ALL'], allSets: true, level: 'SUBHOUR', flavor: null } };
  if (set === '') return fail('AGR_SET is missing (ALLSETS or [hierarchies]-LEVEL)');
  const dash = set.indexOf('-');
  if (dash < 0) {
    return fail(`AGR_SET "${set}" has no "-LEVEL"; allowed levels: ${AGG_LEVELS.join(', ')}`);
  }
  const list = set.slice(0, dash);
  const [levelText = '', flavorText, ...extra] = set.slice(dash + 1).split('.');
  const hierarchies: (Hierarchy | 'ALL')[] = [];
  if (list !== '') {
    for (const h of list.split(',')) {
      const name = HIERARCHY_ALIASES[h] ?? (HIERARCHIES as readonly string[]).find((x) => x === h);
      if (!name) {
        return fail(`unknown hierarchy "${h}"; allowed: ${HIERARCHIES.join(', ')}`);
      }
      if (!hierarchies.includes(name as Hierarchy)) hierarchies.push(name as Hierarchy);
    }
  } else {
    hierarchies.push('ALL');
  }
  const level = AGG_LEVELS.find((l) => l === levelText);
  if (!level) {
    return fail(`unknown level "${levelText}"; allowed: ${AGG_LEVELS.join(', ')}`);
  }
  let flavor: AggFlavor | null = null;
  if (flavorText !== undefined || extra.length > 0) {
    const f = AGG_FLAVORS.find((x) => x === flavorText);
    if (!f || extra.length > 0) {
      const shown = [flavorText ?? '', ...extra].join('.');
      return fail(`unknown flavor "${shown}"; allowed: ${AGG_FLAVORS.join(', ')}`);
    }
    flavor = f;
  }
  return { ok: true, value: { hierarchies, allSets: false, level, flavor } };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = epochDayOf(text);
  return Number.isFinite(day) && formatEpochDay(day) === text;
}

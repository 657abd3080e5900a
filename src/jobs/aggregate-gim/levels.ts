// Aggregation levels (data-model 6.1): table suffixes, command names, the DATE_TIME roll-up key of
// each, and the order a chain follows (SUBHR -> HOUR -> DAY -> MONTH -> QRTR -> YEAR).
import type { AggLevel } from '../../core/insert-pending-agg.ts';
import type { AggOptions } from '../../config/types.ts';

export const LEVELS = ['SUBHR', 'HOUR', 'DAY', 'MONTH', 'QRTR', 'YEAR'] as const;
export type Level = (typeof LEVELS)[number];

/** PENDING_AGG.FLAVOR values. */
export type StoredFlavor = 'ALL' | 'ONLINE' | 'OFFLINE';

const COMMAND_TO_LEVEL: Readonly<Record<AggLevel, Level>> = {
  SUBHOUR: 'SUBHR',
  HOUR: 'HOUR',
  DAY: 'DAY',
  MONTH: 'MONTH',
  QUARTER: 'QRTR',
  YEAR: 'YEAR',
};

export function levelOfCommand(level: AggLevel): Level {
  return COMMAND_TO_LEVEL[level];
}

export function isLevel(text: string): text is Level {
  return (LEVELS as readonly string[]).includes(text);
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function nextLevel(level: Level): Level | null {
  return LEVELS[levelRank(level) + 1] ?? null;
}

/** The level a level is computed from; null for SUBHR (computed from facts). */
export function levelBelow(level: Level): Level | null {
  const r = levelRank(level);
  return r === 0 ? null : (LEVELS[r - 1] ?? null);
}

/** The DATE_TIME column holding a 15-minute row's key at this level. */
export function levelKeyColumn(level: Level, subHour: AggOptions['subHourInterval']): string {
  switch (level) {
    case 'SUBHR':
      return subHour === '30min' ? 'DATE_TIME_30MIN_KEY' : 'DATE_TIME_KEY';
    case 'HOUR':
      return 'DATE_TIME_HOUR_KEY';
    case 'DAY':
      return 'DATE_TIME_DAY_KEY';
    case 'MONTH':
      return 'DATE_TIME_MONTH_KEY';
    case 'QRTR':
      return 'DATE_TIME_QUARTER_KEY';
    case 'YEAR':
      return 'DATE_TIME_YEAR_KEY';
  }
}

/** `agg-level-<level>-delay` in seconds (0 = none); SUBHR and HOUR have none. */
export function levelDelaySeconds(level: Level, agg: AggOptions): number {
  switch (level) {
    case 'DAY':
      return agg.levelDelays.day;
    case 'MONTH':
      return agg.levelDelays.month;
    case 'QRTR':
      return agg.levelDelays.quarter;
    case 'YEAR':
      return agg.levelDelays.year;
    default:
      return 0;
  }
}

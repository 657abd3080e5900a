// R24 "complete through" (jobs reference 3.2 R24, 6 item 3), pure: from the ETL cycles and the
// PENDING_AGG rows, when each reporting day and 15-minute interval became complete in the facts
// and at each aggregation level, and the instants everything is complete through now.
// - Facts: a cycle covers the data up to its extraction start minus the SeqCurrent refresh delay
//   (60 s) when it Completed (transform included) with every source table read up to its bound.
//   A period is complete in the facts when the first such cycle starting >= 60 s after its end
//   completed.
// - A level: the facts are complete and no PENDING_AGG row of that or a lower level overlapping
//   the period is pending or running. A row is open from CREATED_TS to PROCESSED_TS (or now).
// Periods are local to the calendar zone (date-time-tz); see src/service/complete-through.ts.
import { DAY_MS, resolveLocal, toLocal } from './local-time.ts';
import type { Zone } from './zone.ts';

/** Data newer than this before an extraction started may be missing from it (R24). */
export const SEQ_CURRENT_DELAY_MS = 60_000;
export const INTERVAL_MS = 15 * 60_000;
export const AGG_LEVELS = ['SUBHR', 'HOUR', 'DAY', 'MONTH', 'QRTR', 'YEAR'] as const;
export type CompletionLevel = (typeof AGG_LEVELS)[number];

export interface CycleEvidence {
  readonly extractStartMs: number;
  /** When the cycle's transform step Completed; null when it did not (yet). */
  readonly completedAtMs: number | null;
  /** Tasks in the extraction's run plan; null when the run recorded none. */
  readonly tablesPlanned: number | null;
  /** (data source, table) pairs the run read (at least one chunk each). */
  readonly tablesRead: number;
  /** Tables whose last chunk was full when max-chunks-per-job was reached. */
  readonly tablesCut: number;
}

export interface AggSpan {
  readonly level: CompletionLevel;
  readonly startMs: number;
  /** Exclusive. */
  readonly endMs: number;
  readonly createdMs: number;
  /** null: still pending or running. */
  readonly processedMs: number | null;
}

export interface PeriodCompletion {
  readonly startMs: number;
  readonly endMs: number;
  /** When the facts became complete; null: not yet. */
  readonly factsAtMs: number | null;
  /** Per level, when it became complete; null: not yet. Empty when aggregation is off. */
  readonly levelsAtMs: Readonly<Partial<Record<CompletionLevel, number | null>>>;
}

export interface CompleteThroughInput {
  readonly zone: Zone;
  readonly nowMs: number;
  /** Reporting days listed, the current one included. */
  readonly days: number;
  readonly cycles: readonly CycleEvidence[];
  /** PENDING_AGG rows; null when the aggregation engine is not set. */
  readonly spans: readonly AggSpan[] | null;
  /** Sub-hour aggregate width in minutes (15 or 30). */
  readonly subHourMinutes: number;
}

export interface CompleteThrough {
  /** Everything before this instant is complete in the facts; null: no qualifying cycle known. */
  readonly factsThroughMs: number | null;
  /** Per level, the start of the first period not complete yet; null when aggregation is off. */
  readonly aggregatesThroughMs: Readonly<Record<CompletionLevel, number | null>> | null;
  readonly days: readonly PeriodCompletion[];
  readonly intervals: readonly PeriodCompletion[];
}

export function readToBound(c: CycleEvidence): boolean {
  return c.tablesPlanned !== null && c.tablesRead >= c.tablesPlanned && c.tablesCut === 0;
}

function qualifying(cycles: readonly CycleEvidence[]): { startMs: number; doneMs: number }[] {
  return cycles
    .filter((c) => c.completedAtMs !== null && readToBound(c))
    .map((c) => ({ startMs: c.extractStartMs, doneMs: c.completedAtMs as number }));
}

export function factsCompleteThrough(cycles: readonly CycleEvidence[]): number | null {
  const q = qualifying(cycles);
  return q.length === 0 ? null : Math.max(...q.map((c) => c.startMs)) - SEQ_CURRENT_DELAY_MS;
}

/** When the facts of everything before `boundaryMs` became complete; null: not yet. */
export function factsCompleteAt(cycles: readonly CycleEvidence[], boundaryMs: number): number | null {
  const done = qualifying(cycles)
    .filter((c) => c.startMs >= boundaryMs + SEQ_CURRENT_DELAY_MS)
    .map((c) => c.doneMs);
  return done.length === 0 ? null : Math.min(...done);
}

const rank = (l: CompletionLevel): number => AGG_LEVELS.indexOf(l);

/**
 * The first instant >= factsAtMs at which no span of `level` or below overlapping [startMs, endMs)
 * is open; null when one is open now.
 */
export function levelCompleteAt(
  spans: readonly AggSpan[],
  level: CompletionLevel,
  startMs: number,
  endMs: number,
  factsAtMs: number | null,
): number | null {
  if (factsAtMs === null) return null;
  const r = rank(level);
  const rel = spans.filter((s) => rank(s.level) <= r && s.startMs < endMs && s.endMs > startMs);
  let t = factsAtMs;
  for (;;) {
    let next = t;
    for (const s of rel) {
      if (s.createdMs > t || (s.processedMs !== null && s.processedMs <= t)) continue;
      if (s.processedMs === null) return null;
      next = Math.max(next, s.processedMs);
    }
    if (next === t) return t;
    t = next;
  }
}

/** Start of the period of `level` (local to the zone) that holds instant ms. */
export function periodStart(zone: Zone, level: CompletionLevel, ms: number, subHourMinutes: number): number {
  const l = toLocal(zone, ms);
  const civil = new Date(l.epochDay * DAY_MS);
  const y = civil.getUTCFullYear();
  const m = civil.getUTCMonth();
  const firstOf = (month: number): number => Math.floor(Date.UTC(y, month, 1) / DAY_MS);
  switch (level) {
    case 'SUBHR':
      return resolveLocal(zone, l.epochDay, l.minuteOfDay - (l.minuteOfDay % subHourMinutes));
    case 'HOUR':
      return resolveLocal(zone, l.epochDay, l.minuteOfDay - (l.minuteOfDay % 60));
    case 'DAY':
      return resolveLocal(zone, l.epochDay, 0);
    case 'MONTH':
      return resolveLocal(zone, firstOf(m), 0);
    case 'QRTR':
      return resolveLocal(zone, firstOf(m - (m % 3)), 0);
    case 'YEAR':
      return resolveLocal(zone, firstOf(0), 0);
  }
}

function aggregatesThrough(
  input: CompleteThroughInput,
  factsThroughMs: number | null,
): Record<CompletionLevel, number | null> | null {
  const spans = input.spans;
  if (spans === null) return null;
  const out = {} as Record<CompletionLevel, number | null>;
  for (const level of AGG_LEVELS) {
    if (factsThroughMs === null) {
      out[level] = null;
      continue;
    }
    const open = spans.filter((s) => s.processedMs === null && rank(s.level) <= rank(level));
    const limit = Math.min(factsThroughMs, ...open.map((s) => s.startMs));
    out[level] = periodStart(input.zone, level, limit, input.subHourMinutes);
  }
  return out;
}

function completion(input: CompleteThroughInput, startMs: number, endMs: number): PeriodCompletion {
  const factsAtMs = factsCompleteAt(input.cycles, endMs);
  const levelsAtMs: Partial<Record<CompletionLevel, number | null>> = {};
  if (input.spans !== null) {
    for (const level of AGG_LEVELS)
      levelsAtMs[level] = levelCompleteAt(input.spans, level, startMs, endMs, factsAtMs);
  }
  return { startMs, endMs, factsAtMs, levelsAtMs };
}

export function computeCompleteThrough(input: CompleteThroughInput): CompleteThrough {
  const today = toLocal(input.zone, input.nowMs).epochDay;
  const days: PeriodCompletion[] = [];
  const intervals: PeriodCompletion[] = [];
  for (let d = today - Math.max(1, input.days) + 1; d <= today; d++) {
    const start = resolveLocal(input.zone, d, 0);
    const end = resolveLocal(input.zone, d + 1, 0);
    days.push(completion(input, start, end));
    for (let t = start; t < end && t < input.nowMs; t += INTERVAL_MS) {
      intervals.push(completion(input, t, Math.min(t + INTERVAL_MS, end)));
    }
  }
  const factsThroughMs = factsCompleteThrough(input.cycles);
  return { factsThroughMs, aggregatesThroughMs: aggregatesThrough(input, factsThroughMs), days, intervals };
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  type AggSpan,
  type CycleEvidence,
  computeCompleteThrough,
  factsCompleteAt,
  factsCompleteThrough,
  levelCompleteAt,
  periodStart,
  readToBound,
} from './complete-through.ts';
import { zoneOf } from './zone.ts';

const chicago = zoneOf('America/Chicago');
const london = zoneOf('Europe/London');
/** 2024-05-14 (Tuesday) local Chicago time (UTC-5) as an instant. */
const tue = (hm: string, day = 14): number => Date.parse(`2024-05-${day}T${hm}:00-05:00`);
const mon = (hm: string): number => tue(hm, 13);

const cycle = (startMs: number, doneMs: number | null, over: Partial<CycleEvidence> = {}): CycleEvidence => ({
  extractStartMs: startMs,
  completedAtMs: doneMs,
  tablesPlanned: 40,
  tablesRead: 40,
  tablesCut: 0,
  ...over,
});

// The sample night of jobs reference 3.4: cycles at 23:30, 00:00 (started < 60 s after midnight),
// 00:30 (to 00:40); the transform of 00:30 queued Monday's last interval, cascaded to 00:50.
const night: CycleEvidence[] = [
  cycle(mon('23:30'), mon('23:38')),
  cycle(tue('00:00') + 10_000, tue('00:08')),
  cycle(tue('00:30'), tue('00:40')),
];
const monday = { start: mon('00:00'), end: tue('00:00') };
const spans: AggSpan[] = [
  {
    level: 'SUBHR',
    startMs: mon('23:45'),
    endMs: tue('00:00'),
    createdMs: tue('00:39'),
    processedMs: tue('00:45'),
  },
  {
    level: 'HOUR',
    startMs: mon('23:00'),
    endMs: tue('00:00'),
    createdMs: tue('00:45'),
    processedMs: tue('00:47'),
  },
  {
    level: 'DAY',
    startMs: monday.start,
    endMs: monday.end,
    createdMs: tue('00:47'),
    processedMs: tue('00:50'),
  },
  {
    level: 'MONTH',
    startMs: Date.parse('2024-05-01T00:00:00-05:00'),
    endMs: Date.parse('2024-06-01T00:00:00-05:00'),
    createdMs: tue('00:50'),
    processedMs: null,
  },
];

describe('complete through (R24)', () => {
  it('a day is complete in the facts when a cycle started >= 60 s after its midnight completed', () => {
    assert.equal(factsCompleteAt(night, monday.end), tue('00:40'));
    assert.equal(factsCompleteAt(night, tue('00:15')), tue('00:40'));
    assert.equal(factsCompleteAt(night, tue('00:30')), null);
    assert.equal(factsCompleteThrough(night), tue('00:29'));
  });

  it('a cycle with a table cut, skipped, or no recorded plan, or not completed, does not count', () => {
    for (const bad of [{ tablesCut: 1 }, { tablesRead: 39 }, { tablesPlanned: null }]) {
      const cycles = [cycle(tue('00:30'), tue('00:40'), bad), cycle(tue('01:00'), tue('01:05'))];
      assert.equal(readToBound(cycles[0] as CycleEvidence), false);
      assert.equal(factsCompleteAt(cycles, monday.end), tue('01:05'));
    }
    assert.equal(factsCompleteAt([cycle(tue('00:30'), null)], monday.end), null);
    assert.equal(factsCompleteThrough([cycle(tue('00:30'), null)]), null);
  });

  it('each level is complete once no row of it or below overlapping the period is open', () => {
    const f = factsCompleteAt(night, monday.end);
    assert.equal(levelCompleteAt(spans, 'SUBHR', monday.start, monday.end, f), tue('00:45'));
    assert.equal(levelCompleteAt(spans, 'HOUR', monday.start, monday.end, f), tue('00:47'));
    assert.equal(levelCompleteAt(spans, 'DAY', monday.start, monday.end, f), tue('00:50'));
    assert.equal(levelCompleteAt(spans, 'MONTH', monday.start, monday.end, f), null);
    // An interval no row touched is complete at every level below MONTH when its facts are.
    assert.equal(levelCompleteAt(spans, 'DAY', mon('10:00'), mon('10:15'), f), f);
    assert.equal(levelCompleteAt(spans, 'DAY', mon('10:00'), mon('10:15'), null), null);
  });

  it('a row queued after the period became complete does not move when it became complete', () => {
    const late: AggSpan = {
      level: 'SUBHR',
      startMs: mon('10:00'),
      endMs: mon('10:15'),
      createdMs: tue('09:00'),
      processedMs: null,
    };
    const f = factsCompleteAt(night, monday.end);
    assert.equal(levelCompleteAt([...spans, late], 'SUBHR', monday.start, monday.end, f), tue('00:45'));
    const early: AggSpan = { ...late, createdMs: tue('00:30') };
    assert.equal(levelCompleteAt([...spans, early], 'SUBHR', monday.start, monday.end, f), null);
  });

  it('reports days, intervals and the complete-through instants per level', () => {
    const r = computeCompleteThrough({
      zone: chicago,
      nowMs: tue('01:02'),
      days: 2,
      cycles: night,
      spans,
      subHourMinutes: 15,
    });
    assert.equal(r.days.length, 2);
    assert.deepEqual(r.days[0], {
      startMs: monday.start,
      endMs: monday.end,
      factsAtMs: tue('00:40'),
      levelsAtMs: {
        SUBHR: tue('00:45'),
        HOUR: tue('00:47'),
        DAY: tue('00:50'),
        MONTH: null,
        QRTR: null,
        YEAR: null,
      },
    });
    assert.equal(r.days[1]?.factsAtMs, null);
    // Monday's 96 intervals and Tuesday's up to now (00:00 .. 01:00).
    assert.equal(r.intervals.length, 96 + 5);
    assert.equal(r.intervals[0]?.factsAtMs, mon('23:38'));
    assert.equal(r.intervals[96]?.factsAtMs, tue('00:40'));
    assert.equal(r.intervals[97]?.factsAtMs, null);
    assert.equal(r.factsThroughMs, tue('00:29'));
    assert.deepEqual(r.aggregatesThroughMs, {
      SUBHR: tue('00:15'),
      HOUR: tue('00:00'),
      DAY: tue('00:00'),
      MONTH: Date.parse('2024-05-01T00:00:00-05:00'),
      QRTR: Date.parse('2024-04-01T00:00:00-05:00'),
      YEAR: Date.parse('2024-01-01T00:00:00-06:00'),
    });
    const off = computeCompleteThrough({
      zone: chicago,
      nowMs: tue('01:02'),
      days: 1,
      cycles: night,
      spans: null,
      subHourMinutes: 15,
    });
    assert.equal(off.aggregatesThroughMs, null);
    assert.deepEqual(off.days[0]?.levelsAtMs, {});
  });

  it('a pending row holds its level and the levels above back at its start', () => {
    const pending: AggSpan = {
      level: 'HOUR',
      startMs: mon('20:00'),
      endMs: mon('21:00'),
      createdMs: tue('00:00'),
      processedMs: null,
    };
    const r = computeCompleteThrough({
      zone: chicago,
      nowMs: tue('01:02'),
      days: 1,
      cycles: night,
      spans: [pending],
      subHourMinutes: 15,
    });
    assert.equal(r.aggregatesThroughMs?.SUBHR, tue('00:15'));
    assert.equal(r.aggregatesThroughMs?.HOUR, mon('20:00'));
    assert.equal(r.aggregatesThroughMs?.DAY, mon('00:00'));
  });

  it('local periods across DST changes', () => {
    // London falls back on 2024-10-27: the day has 25 hours.
    const inDay = Date.parse('2024-10-27T12:00:00Z');
    assert.equal(periodStart(london, 'DAY', inDay, 15), Date.parse('2024-10-26T23:00:00Z'));
    const r = computeCompleteThrough({
      zone: london,
      nowMs: Date.parse('2024-10-28T00:30:00Z'),
      days: 2,
      cycles: [],
      spans: [],
      subHourMinutes: 15,
    });
    assert.equal((r.days[0]?.endMs ?? 0) - (r.days[0]?.startMs ?? 0), 25 * 3_600_000);
    assert.equal(r.intervals.length, 100 + 2);
    assert.equal(
      periodStart(london, 'SUBHR', Date.parse('2024-10-28T00:40:00Z'), 30),
      Date.parse('2024-10-28T00:30:00Z'),
    );
    assert.equal(periodStart(london, 'MONTH', inDay, 15), Date.parse('2024-09-30T23:00:00Z'));
  });
});

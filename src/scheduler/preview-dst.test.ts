// Spring-forward and fall-back days (section 2): slots in the gap collapse, repeated slots fire once.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatUtcIso } from '../core/local-time.ts';
import { at, hm, makeTestOptions } from '../core/test-fixtures.ts';
import { pick, simulateHours } from './preview-test-kit.ts';

function extractStarts(
  zone: string,
  day: string,
  startTime: string,
  endTime: string,
  untilLocal?: string,
): string[] {
  const o = makeTestOptions({
    timezone: zone,
    etlStartTime: hm(startTime),
    etlEndTime: hm(endTime),
    etlFrequency: 30,
    runMaintain: false,
  });
  const from = at(zone, `${day}T00:00`);
  const until = at(zone, untilLocal ?? `${day}T23:59`);
  const events = simulateHours(o, from, (until - from) / 3_600_000);
  return pick(events, 'Job_ExtractICON', 'started').map((e) => formatUtcIso(e.ms));
}

describe('ETL slots on DST days', () => {
  it('America/New_York spring forward (2024-03-10): 02:00 and 02:30 collapse into 03:00 EDT', () => {
    assert.deepEqual(extractStarts('America/New_York', '2024-03-10', '01:00', '03:30'), [
      '2024-03-10T06:00:00Z', // 01:00 EST
      '2024-03-10T06:30:00Z', // 01:30 EST
      '2024-03-10T07:00:00Z', // 02:00, 02:30 (gap) and 03:00 EDT: once
      '2024-03-10T07:30:00Z', // 03:30 EDT
    ]);
  });
  it('America/New_York fall back (2024-11-03): the repeated 01:00-01:59 fires once', () => {
    assert.deepEqual(extractStarts('America/New_York', '2024-11-03', '01:00', '03:00'), [
      '2024-11-03T05:00:00Z', // 01:00 EDT (first occurrence)
      '2024-11-03T05:30:00Z', // 01:30 EDT
      '2024-11-03T07:00:00Z', // 02:00 EST
      '2024-11-03T07:30:00Z',
      '2024-11-03T08:00:00Z',
    ]);
  });
  it('Europe/London spring forward (2024-03-31): 01:00 and 01:30 collapse into 02:00 BST', () => {
    assert.deepEqual(extractStarts('Europe/London', '2024-03-31', '00:30', '02:30'), [
      '2024-03-31T00:30:00Z',
      '2024-03-31T01:00:00Z', // 01:00, 01:30 (gap) and 02:00 BST
      '2024-03-31T01:30:00Z', // 02:30 BST
    ]);
  });
  it('Europe/London fall back (2024-10-27): 01:00 and 01:30 BST fire, not their GMT repeats', () => {
    assert.deepEqual(extractStarts('Europe/London', '2024-10-27', '00:30', '02:30'), [
      '2024-10-26T23:30:00Z', // 00:30 BST
      '2024-10-27T00:00:00Z', // 01:00 BST
      '2024-10-27T00:30:00Z', // 01:30 BST
      '2024-10-27T02:00:00Z', // 02:00 GMT
      '2024-10-27T02:30:00Z',
    ]);
  });
  it('an ETL window across midnight on a DST night keeps one cycle per slot', () => {
    const starts = extractStarts(
      'America/New_York',
      '2024-03-09',
      '22:00',
      '03:00',
      '2024-03-10T12:00',
    ).filter(
      (t) => t >= '2024-03-10T03:00:00Z', // from 22:00 EST on the 9th
    );
    // 22:00, 22:30 … 01:30 EST, then 02:00/02:30/03:00 -> one 03:00 EDT cycle.
    assert.equal(starts.at(-1), '2024-03-10T07:00:00Z');
    assert.equal(new Set(starts).size, starts.length);
    assert.equal(starts.length, 8 + 1);
  });
});

describe('update-stats every 10 minutes across DST days', () => {
  function count(zone: string, day: string): number {
    const o = makeTestOptions({ timezone: zone, runUpdateStats: true, runMaintain: false });
    const from = at(zone, `${day}T00:00`);
    const until = at(zone, `${day}T23:59`);
    return pick(simulateHours(o, from, (until - from) / 3_600_000), 'Job_UpdateStats', 'started').length;
  }
  it('spring forward: the six 02:x0 occurrences collapse into the 03:00 one (144 - 6)', () => {
    assert.equal(count('America/New_York', '2024-03-10'), 138);
    assert.equal(count('Europe/London', '2024-03-31'), 138);
  });
  it('fall back: the repeated hour fires once (144 over 25 hours)', () => {
    assert.equal(count('America/New_York', '2024-11-03'), 144);
    assert.equal(count('Europe/London', '2024-10-27'), 144);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLocalIso, formatUtcIso } from './local-time.ts';
import {
  aggregationWindowAt,
  aggregationWindows,
  cronInstantsBetween,
  etlSlotsOfDay,
  etlWindowAt,
  maintenanceWindow,
  nextCronInstant,
  nextEtlSlot,
} from './schedules.ts';
import { at, cronOf, hm, makeTestOptions } from './test-fixtures.ts';
import { epochDayOf } from './local-time.ts';
import { zoneOf } from './zone.ts';

const NY = zoneOf('America/New_York');
const utc = (ms: number): string => formatUtcIso(ms);

describe('nextCronInstant (section 2)', () => {
  it('30 2 on 2024-03-10 in America/New_York fires 03:00 EDT (07:00Z)', () => {
    const t = nextCronInstant(cronOf('30 2'), NY, at(NY, '2024-03-10T00:00'));
    assert.equal(utc(t), '2024-03-10T07:00:00Z');
    assert.equal(formatLocalIso(NY, t), '2024-03-10T03:00:00-04:00');
  });
  it('30 1 on 2024-11-03 there fires 05:30Z only, not 06:30Z', () => {
    const z = NY;
    const spec = cronOf('30 1');
    const first = nextCronInstant(spec, z, Date.parse('2024-11-03T04:00:00Z'));
    assert.equal(utc(first), '2024-11-03T05:30:00Z');
    // After the first occurrence, the next one is the following day.
    assert.equal(utc(nextCronInstant(spec, z, first)), '2024-11-04T06:30:00Z');
    // Even asked from inside the repeated hour (06:00Z = the second 01:00), 06:30Z never fires.
    assert.equal(utc(nextCronInstant(spec, z, Date.parse('2024-11-03T06:00:00Z'))), '2024-11-04T06:30:00Z');
  });
  it('gap slots collapse into one firing; slots on one instant fire once', () => {
    const spec = cronOf('0/15 2'); // 02:00 02:15 02:30 02:45, all inside the gap
    const hits = cronInstantsBetween(spec, NY, at(NY, '2024-03-10T00:00'), at(NY, '2024-03-10T23:00'));
    assert.deepEqual(hits.map(utc), ['2024-03-10T07:00:00Z']);
    const fallBack = cronInstantsBetween(
      cronOf('0/30 1'),
      NY,
      at(NY, '2024-11-03T00:00'),
      at(NY, '2024-11-03T12:00'),
    );
    assert.deepEqual(fallBack.map(utc), ['2024-11-03T05:00:00Z', '2024-11-03T05:30:00Z']);
  });
  it('resolves from the day before: a gap-collapsed instant after midnight is not lost', () => {
    // 23:59 New York on 03-09 is 04:59Z on 03-10; the next `0/10 *` is 00:00 local on 03-10.
    const t = nextCronInstant(cronOf('0/10 *'), NY, at(NY, '2024-03-09T23:59'));
    assert.equal(formatLocalIso(NY, t), '2024-03-10T00:00:00-05:00');
  });
  it('every pair, daily, ascending', () => {
    const hits = cronInstantsBetween(
      cronOf('20 0/8'),
      zoneOf('GMT'),
      at('GMT', '2024-01-01T00:00'),
      at('GMT', '2024-01-02T00:00'),
    );
    assert.deepEqual(hits.map(utc), ['2024-01-01T00:20:00Z', '2024-01-01T08:20:00Z', '2024-01-01T16:20:00Z']);
  });
});

describe('ETL slots (3.1)', () => {
  it('cross midnight and end with etl-end-time as final slot', () => {
    const o = makeTestOptions({ etlStartTime: hm('22:00'), etlEndTime: hm('01:10'), etlFrequency: 60 });
    const slots = etlSlotsOfDay(o, epochDayOf('2024-01-01')).map(utc);
    assert.deepEqual(slots, [
      '2024-01-01T22:00:00Z',
      '2024-01-01T23:00:00Z',
      '2024-01-02T00:00:00Z',
      '2024-01-02T01:00:00Z',
      '2024-01-02T01:10:00Z',
    ]);
  });
  it('sample 06:30-00:30 every 30 min: 37 slots, last at 00:30 the next day', () => {
    const o = makeTestOptions({ etlStartTime: hm('06:30'), etlEndTime: hm('00:30'), etlFrequency: 30 });
    const slots = etlSlotsOfDay(o, epochDayOf('2024-05-14'));
    assert.equal(slots.length, 37);
    assert.equal(utc(slots[36] ?? 0), '2024-05-15T00:30:00Z');
  });
  it('equal start and end = 24-h window, slots with k x frequency < 24 h', () => {
    const o = makeTestOptions({ etlStartTime: hm('04:00'), etlEndTime: hm('04:00'), etlFrequency: 360 });
    assert.deepEqual(etlSlotsOfDay(o, epochDayOf('2024-01-01')).map(utc), [
      '2024-01-01T04:00:00Z',
      '2024-01-01T10:00:00Z',
      '2024-01-01T16:00:00Z',
      '2024-01-01T22:00:00Z',
    ]);
    // The window is then continuous: every instant lies in some ETL window.
    assert.ok(etlWindowAt(o, at('GMT', '2024-01-02T03:00')));
  });
  it('a spring-forward gap collapses slots into one', () => {
    const o = makeTestOptions({
      timezone: 'America/New_York',
      etlStartTime: hm('00:00'),
      etlEndTime: hm('23:45'),
      etlFrequency: 15,
    });
    const slots = etlSlotsOfDay(o, epochDayOf('2024-03-10'));
    // 96 wall slots; 02:00-02:45 fall in the gap and resolve to 03:00 EDT, like the 03:00 slot.
    assert.equal(slots.length, 92);
    assert.equal(slots.filter((t) => utc(t) === '2024-03-10T07:00:00Z').length, 1);
  });
  it('the ETL window is first to last slot, inclusive; nextEtlSlot crosses days', () => {
    const o = makeTestOptions({ etlStartTime: hm('06:30'), etlEndTime: hm('00:30'), etlFrequency: 30 });
    assert.ok(etlWindowAt(o, at('GMT', '2024-05-15T00:30')));
    assert.equal(etlWindowAt(o, at('GMT', '2024-05-15T00:31')), null);
    assert.ok(etlWindowAt(o, at('GMT', '2024-05-15T06:30')));
    assert.equal(utc(nextEtlSlot(o, at('GMT', '2024-05-15T00:30'))), '2024-05-15T06:30:00Z');
  });
});

describe('aggregation and maintenance windows', () => {
  it('window [t, t + duration), end on the wall clock', () => {
    const o = makeTestOptions({
      timezone: 'America/New_York',
      aggregateSchedule: '0 1',
      aggregateDuration: 3 * 60,
    });
    // 01:00 EST + 3 h wall = 04:00 EDT on spring-forward day: 2 h of real time.
    const w = aggregationWindowAt(o, at(NY, '2024-03-10T01:30'));
    assert.ok(w);
    assert.equal(utc(w.start), '2024-03-10T06:00:00Z');
    assert.equal(utc(w.end), '2024-03-10T08:00:00Z');
    assert.equal(aggregationWindowAt(o, at(NY, '2024-03-10T04:00')), null);
  });
  it('overlapping or touching windows merge', () => {
    const o = makeTestOptions({ aggregateSchedule: '0 1,3,9', aggregateDuration: 2 * 60 });
    const ws = aggregationWindows(o, at('GMT', '2024-01-01T00:00'), at('GMT', '2024-01-01T23:59'));
    assert.deepEqual(
      ws.map((w) => [utc(w.start), utc(w.end)]),
      [
        ['2024-01-01T01:00:00Z', '2024-01-01T05:00:00Z'],
        ['2024-01-01T09:00:00Z', '2024-01-01T11:00:00Z'],
      ],
    );
  });
  it('aggregate-duration 0:00 = no window, 24:00 = endless', () => {
    assert.equal(
      aggregationWindowAt(makeTestOptions({ aggregateDuration: 0 }), at('GMT', '2024-01-01T01:00')),
      null,
    );
    const w = aggregationWindowAt(
      makeTestOptions({ aggregateDuration: 1440 }),
      at('GMT', '2024-01-01T12:00'),
    );
    assert.ok(w && w.end - w.start > 7 * 86_400_000);
  });
  it('the maintenance window runs to the next ETL slot', () => {
    const o = makeTestOptions({
      etlStartTime: hm('06:30'),
      etlEndTime: hm('00:30'),
      etlFrequency: 30,
      maintainStartTime: hm('03:00'),
    });
    const mw = maintenanceWindow(o, at('GMT', '2024-05-14T03:00'));
    assert.equal(utc(mw.end), '2024-05-14T06:30:00Z');
  });
});

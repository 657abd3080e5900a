import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  epochDayOf,
  formatLocalIso,
  formatUtcIso,
  offsetAt,
  parseLocalOrInstant,
  resolveLocal,
  toLocal,
} from './local-time.ts';
import { zoneOf } from './zone.ts';

const NY = zoneOf('America/New_York');
const LONDON = zoneOf('Europe/London');
const utc = (ms: number): string => formatUtcIso(ms);

describe('resolveLocal (DST policy of section 2)', () => {
  it('a time existing once -> that instant', () => {
    assert.equal(utc(resolveLocal(NY, epochDayOf('2024-05-14'), 6 * 60 + 30)), '2024-05-14T10:30:00Z');
    assert.equal(utc(resolveLocal(zoneOf('GMT-05:30'), epochDayOf('2024-01-01'), 0)), '2024-01-01T05:30:00Z');
  });
  it('inside a spring-forward gap -> the first existing minute after it', () => {
    const d = epochDayOf('2024-03-10');
    for (const m of [120, 150, 179]) assert.equal(utc(resolveLocal(NY, d, m)), '2024-03-10T07:00:00Z');
    assert.equal(utc(resolveLocal(NY, d, 119)), '2024-03-10T06:59:00Z');
    assert.equal(utc(resolveLocal(NY, d, 180)), '2024-03-10T07:00:00Z');
    assert.equal(utc(resolveLocal(LONDON, epochDayOf('2024-03-31'), 60 + 30)), '2024-03-31T01:00:00Z');
  });
  it('existing twice -> the first occurrence', () => {
    const d = epochDayOf('2024-11-03');
    assert.equal(utc(resolveLocal(NY, d, 90)), '2024-11-03T05:30:00Z');
    assert.equal(utc(resolveLocal(NY, d, 60)), '2024-11-03T05:00:00Z');
    assert.equal(utc(resolveLocal(NY, d, 120)), '2024-11-03T07:00:00Z');
    assert.equal(utc(resolveLocal(LONDON, epochDayOf('2024-10-27'), 90)), '2024-10-27T00:30:00Z');
  });
  it('minutes past 1440 count into the next days on the wall clock', () => {
    assert.equal(
      resolveLocal(NY, epochDayOf('2024-05-14'), 1440 + 30),
      resolveLocal(NY, epochDayOf('2024-05-15'), 30),
    );
  });
});

describe('toLocal and formatting', () => {
  it('gives the local date, time and offset of an instant', () => {
    const t = Date.parse('2024-11-03T06:30:00Z');
    const l = toLocal(NY, t);
    assert.equal(l.epochDay, epochDayOf('2024-11-03'));
    assert.equal(l.minuteOfDay, 90);
    assert.equal(l.offsetMinutes, -300);
    assert.equal(offsetAt(NY, Date.parse('2024-11-03T05:30:00Z')), -240);
    assert.equal(formatLocalIso(NY, t), '2024-11-03T01:30:00-05:00');
    assert.equal(formatLocalIso(zoneOf('GMT'), t), '2024-11-03T06:30:00+00:00');
    assert.equal(
      formatLocalIso(zoneOf('Asia/Kolkata'), Date.parse('2024-01-01T00:00:00Z')),
      '2024-01-01T05:30:00+05:30',
    );
  });
  it('parses a local time in the zone or an instant with offset', () => {
    assert.equal(parseLocalOrInstant(NY, '2024-03-10T02:30'), Date.parse('2024-03-10T07:00:00Z'));
    assert.equal(parseLocalOrInstant(NY, '2024-05-14T06:30:15'), Date.parse('2024-05-14T10:30:15Z'));
    assert.equal(parseLocalOrInstant(NY, '2024-05-14T06:30:00-05:00'), Date.parse('2024-05-14T11:30:00Z'));
    assert.equal(parseLocalOrInstant(NY, '2024-05-14T06:30:00Z'), Date.parse('2024-05-14T06:30:00Z'));
    assert.equal(parseLocalOrInstant(NY, '2024-02-30T06:30'), null);
    assert.equal(parseLocalOrInstant(NY, '2024-05-14T24:00'), null);
    assert.equal(parseLocalOrInstant(NY, 'tomorrow'), null);
  });
});

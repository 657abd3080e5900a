import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CRON_EXPECTED, cronErrorMessage, parseCron } from './cron.ts';

function values(text: string): { minutes: readonly number[]; hours: readonly number[] } {
  const r = parseCron(text);
  assert.ok(r.ok, `expected "${text}" to parse: ${r.ok ? '' : r.reason}`);
  return { minutes: r.spec.minutes, hours: r.spec.hours };
}

function reason(text: string): string {
  const r = parseCron(text);
  assert.ok(!r.ok, `expected "${text}" to be rejected`);
  return r.reason;
}

const ALL_HOURS = Array.from({ length: 24 }, (_, i) => i);

describe('parseCron: the section-2 examples', () => {
  it('0/10 * fires every 10 minutes', () => {
    assert.deepEqual(values('0/10 *'), { minutes: [0, 10, 20, 30, 40, 50], hours: ALL_HOURS });
  });
  it('20 0/8 fires at 00:20, 08:20, 16:20', () => {
    assert.deepEqual(values('20 0/8'), { minutes: [20], hours: [0, 8, 16] });
  });
  it('30 2 and 0 4', () => {
    assert.deepEqual(values('30 2'), { minutes: [30], hours: [2] });
    assert.deepEqual(values('0 4'), { minutes: [0], hours: [4] });
  });
  it('0 0,3/2 is 00:00, 03:00, 05:00 … 23:00', () => {
    assert.deepEqual(values('0 0,3/2'), { minutes: [0], hours: [0, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23] });
  });
  it('*/s = 0/s, a-b inclusive, a-b/s stops at b, unions sorted and distinct', () => {
    assert.deepEqual(values('*/20 5-7').minutes, [0, 20, 40]);
    assert.deepEqual(values('*/20 5-7').hours, [5, 6, 7]);
    assert.deepEqual(values('10-30/15 1').minutes, [10, 25]);
    assert.deepEqual(values('50,5,5-6 *').minutes, [5, 6, 50]);
    assert.deepEqual(values('59 23'), { minutes: [59], hours: [23] });
  });
  it('accepts spaces and tabs around and between fields', () => {
    assert.deepEqual(values(' \t0\t 1  '), { minutes: [0], hours: [1] });
    const r = parseCron('  0  1 ');
    assert.ok(r.ok);
    assert.equal(r.spec.source, '0  1');
  });
});

describe('parseCron: every error of section 2', () => {
  it('not 2 fields (no seconds, day, month, weekday)', () => {
    assert.match(
      reason('0 1 * * *'),
      /^5 fields found, 2 required \(no seconds, day, month or weekday fields\)$/,
    );
    assert.match(reason('0 0 1'), /3 fields found, 2 required/);
    assert.match(reason('5'), /1 field found, 2 required/);
    assert.match(reason(''), /0 fields found/);
  });
  it('empty item', () => {
    assert.equal(reason('0,,5 1'), 'empty item in the minute field "0,,5"');
    assert.equal(reason('0 1,'), 'empty item in the hour field "1,"');
  });
  it('other characters (?, L, W, #, names)', () => {
    assert.equal(reason('? 1'), 'character "?" not allowed in the minute field');
    assert.equal(reason('0 L'), 'character "L" not allowed in the hour field');
    assert.equal(reason('0 1W'), 'character "W" not allowed in the hour field');
    assert.equal(reason('0 1#2'), 'character "#" not allowed in the hour field');
    assert.equal(reason('0 MON'), 'character "M" not allowed in the hour field');
  });
  it('value out of range', () => {
    assert.equal(reason('60 1'), 'minute 60 out of range 0-59 in "60"');
    assert.equal(reason('0 24'), 'hour 24 out of range 0-23 in "24"');
    assert.equal(reason('0 3-25'), 'hour 25 out of range 0-23 in "3-25"');
  });
  it('range start > end', () => {
    assert.equal(reason('30-10 *'), 'range start 30 > end 10 in "30-10" (minute field)');
  });
  it('step missing, 0 or above max', () => {
    assert.equal(reason('5/ *'), 'step missing in "5/" (minute field)');
    assert.equal(reason('*/ *'), 'step missing in "*/" (minute field)');
    assert.equal(reason('0/0 *'), 'step 0 in "0/0" outside 1-59 (minute field)');
    assert.equal(reason('0/60 *'), 'step 60 in "0/60" outside 1-59 (minute field)');
    assert.equal(reason('0 0/24'), 'step 24 in "0/24" outside 1-23 (hour field)');
  });
  it('over two digits', () => {
    assert.equal(reason('005 1'), '"005" has more than two digits in "005" (minute field)');
    assert.equal(reason('0 1/100'), '"100" has more than two digits in "1/100" (hour field)');
  });
  it('malformed items name the item', () => {
    assert.equal(reason('5- *'), 'range end missing in "5-" (minute field)');
    assert.equal(reason('*5 *'), '"*5" is not a number in "*5" (minute field)');
  });
});

describe('cronErrorMessage', () => {
  it('builds the exact section-2 message', () => {
    const r = parseCron('0 1 2');
    assert.ok(!r.ok);
    assert.equal(
      cronErrorMessage('schedule', 'aggregate-schedule', '0 1 2', r.reason),
      `schedule.aggregate-schedule: invalid cron "0 1 2": 3 fields found, 2 required (no seconds, day, month or weekday fields); expected "minute hour" (minute 0-59, hour 0-23; '*', 'a', 'a-b', 'a/s' joined by ',')`,
    );
    assert.equal(
      CRON_EXPECTED,
      `expected "minute hour" (minute 0-59, hour 0-23; '*', 'a', 'a-b', 'a/s' joined by ',')`,
    );
  });
});

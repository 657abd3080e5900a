import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bool,
  bounds,
  cron,
  dapUrl,
  date,
  dateTime,
  delaySeconds,
  dur,
  int,
  monthDay,
  oneOf,
  time,
} from './value-types.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false }): T | 'invalid' => (r.ok ? r.value : 'invalid');

describe('value types', () => {
  it('time: H:mm or HH:mm, 0-23 plus 24:00 (= 00:00), as minutes after midnight', () => {
    assert.equal(value(time.parse('00:00')), 0);
    assert.equal(value(time.parse('6:05')), 365);
    assert.equal(value(time.parse('06:30')), 390);
    assert.equal(value(time.parse('23:59')), 1439);
    assert.equal(value(time.parse('24:00')), 0);
    for (const bad of [
      '25:00',
      '6:5',
      '24:30',
      '24:01',
      '06:60',
      '6',
      '06:00:00',
      '-1:00',
      '123:00',
      'abc',
      '',
    ]) {
      assert.equal(value(time.parse(bad)), 'invalid', bad);
    }
  });

  it('dur: 0:00 to 24:00 as minutes; 24:01 is not valid', () => {
    assert.equal(value(dur.parse('0:00')), 0);
    assert.equal(value(dur.parse('5:00')), 300);
    assert.equal(value(dur.parse('23:00')), 1380);
    assert.equal(value(dur.parse('24:00')), 1440);
    for (const bad of ['24:01', '25:00', '6:5', '1:60']) assert.equal(value(dur.parse(bad)), 'invalid', bad);
  });

  it('int: digits only, inside the range', () => {
    const t = int(1, 1440, 'minutes');
    assert.equal(t.expected, 'int[1..1440] (minutes)');
    assert.equal(value(t.parse('15')), 15);
    assert.equal(value(t.parse('1440')), 1440);
    for (const bad of ['abc', '0', '1441', '-5', '1.5', '1e3', '+3'])
      assert.equal(value(t.parse(bad)), 'invalid', bad);
  });

  it('bool: true or false, any case', () => {
    assert.equal(value(bool.parse('true')), true);
    assert.equal(value(bool.parse('FALSE')), false);
    assert.equal(value(bool.parse('yes')), 'invalid');
  });

  it('cron: a one-field value gives the section-2 message', () => {
    const r = cron.parse('0/10');
    assert.equal(r.ok, false);
    const reason = r.ok ? undefined : r.reason;
    const msg = cron.message?.('schedule', 'update-stats-schedule', '0/10', reason);
    assert.match(
      msg ?? '',
      /^schedule\.update-stats-schedule: invalid cron "0\/10": 1 field found, 2 required/,
    );
    assert.match(msg ?? '', /expected "minute hour" \(minute 0-59, hour 0-23/);
  });

  it('dates: real calendar dates from 1970', () => {
    assert.equal(value(date.parse('2024-02-29')), '2024-02-29');
    for (const bad of ['2023-02-29', '1969-12-31', '2024-1-01', '2024-13-01'])
      assert.equal(value(date.parse(bad)), 'invalid', bad);
    assert.equal(value(dateTime.parse('2024-05-01 10:20:30')), '2024-05-01 10:20:30');
    for (const bad of ['1970-01-01 00:00:00', '2024-05-01', '2024-05-01 24:00:00']) {
      assert.equal(value(dateTime.parse(bad)), 'invalid', bad);
    }
    assert.equal(value(monthDay.parse('02-29')), '02-29');
    assert.equal(value(monthDay.parse('02-30')), 'invalid');
  });

  it('enum with aliases maps to the canonical value', () => {
    const t = oneOf(['utf8', 'latin1'], { 'iso-8859-1': 'latin1' });
    assert.equal(value(t.parse('iso-8859-1')), 'latin1');
    assert.equal(value(t.parse('UTF8')), 'invalid');
    assert.match(t.expected, /one of utf8, latin1 \(aliases iso-8859-1\)/);
  });

  it('aggregation delays: a number or a product, 0 or at least the minimum (C5)', () => {
    const t = delaySeconds(43200, 31_622_400);
    assert.equal(value(t.parse('60*60*12')), 43200);
    assert.equal(value(t.parse('60 * 60 * 24')), 86400);
    assert.equal(value(t.parse('0')), 0);
    for (const bad of ['60*60', '43199', '60*', '*60', '60x60', '12h'])
      assert.equal(value(t.parse(bad)), 'invalid', bad);
  });

  it('bounds: 20 strictly ascending integers, the first 0', () => {
    const t = bounds(20);
    const ok = '0,5,10,15,20,25,30,40,50,60,90,120,180,240,300,600,900,1200,1800,3600';
    assert.deepEqual(value(t.parse(ok)), ok.split(',').map(Number));
    assert.equal(value(t.parse(ok.replace('0,5', '1,5'))), 'invalid');
    assert.equal(value(t.parse(ok.replace('15,20', '20,20'))), 'invalid');
    assert.equal(value(t.parse(ok.replace(',3600', ''))), 'invalid');
  });

  it('DAP urls: postgres with host and database, or PGlite', () => {
    for (const good of [
      'postgres://h:5432/icon',
      'postgresql://u@h/db',
      'pglite:memory',
      'pglite:///var/im',
      'pglite:data/im',
    ]) {
      assert.equal(value(dapUrl.parse(good)), good);
    }
    for (const bad of [
      'http://h/db',
      'postgres://h/',
      'postgres://h:5432',
      'pglite:',
      'pglite://x',
      'h:5432/db',
    ]) {
      assert.equal(value(dapUrl.parse(bad)), 'invalid', bad);
    }
  });
});

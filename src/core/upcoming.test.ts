import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochDayOf, wallTimeKind } from './local-time.ts';
import { at, hm, makeTestOptions } from './test-fixtures.ts';
import { upcomingInstants } from './upcoming.ts';
import { zoneOf } from './zone.ts';

describe('wallTimeKind', () => {
  it('tells gap, repeated and normal wall times apart', () => {
    const ny = zoneOf('America/New_York');
    assert.equal(wallTimeKind(ny, epochDayOf('2024-03-10'), 150), 'gap');
    assert.equal(wallTimeKind(ny, epochDayOf('2024-11-03'), 90), 'repeated');
    assert.equal(wallTimeKind(ny, epochDayOf('2024-11-03'), 180), 'normal');
    assert.equal(wallTimeKind(zoneOf('GMT+5'), epochDayOf('2024-03-10'), 150), 'normal');
  });
});

describe('upcomingInstants', () => {
  const o = makeTestOptions({
    timezone: 'America/New_York',
    etlStartTime: hm('01:00'),
    etlEndTime: hm('03:00'),
    etlFrequency: 30,
    maintainStartTime: hm('04:00'),
    runUpdateStats: true,
    updateStatsSchedule: '30 1',
  });

  it('lists the next instants of each schedule, local and UTC, flagging DST-affected ones', () => {
    const list = upcomingInstants(o, at(o.timezone, '2024-03-10T00:00'), 5);
    const etl = list.filter((u) => u.schedule === 'etl').map((u) => `${u.at} ${u.utc} ${u.dst ?? '-'}`);
    assert.deepEqual(etl, [
      '2024-03-10T01:00:00-05:00 2024-03-10T06:00:00Z -',
      '2024-03-10T01:30:00-05:00 2024-03-10T06:30:00Z -',
      '2024-03-10T03:00:00-04:00 2024-03-10T07:00:00Z gap', // 02:00, 02:30 and 03:00 merged
      '2024-03-11T01:00:00-04:00 2024-03-11T05:00:00Z -',
      '2024-03-11T01:30:00-04:00 2024-03-11T05:30:00Z -',
    ]);
    const fallBack = upcomingInstants(o, at(o.timezone, '2024-11-03T00:00'), 2).filter(
      (u) => u.schedule === 'update-stats',
    );
    assert.deepEqual(
      fallBack.map((u) => [u.utc, u.dst]),
      [
        ['2024-11-03T05:30:00Z', 'repeated'],
        ['2024-11-04T06:30:00Z', null],
      ],
    );
  });

  it('marks switched-off schedules and counts per schedule', () => {
    const list = upcomingInstants(o, at(o.timezone, '2024-05-01T00:00'), 3);
    const by = (s: string) => list.filter((u) => u.schedule === s);
    assert.equal(by('maintain').length, 3);
    assert.ok(by('maintain').every((u) => u.enabled));
    assert.ok(by('export').every((u) => !u.enabled));
    assert.equal(by('aggregate').length, 3);
    assert.equal(by('export')[0]?.at, '2024-05-01T00:20:00-04:00');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, hm, makeTestOptions, sampleOptions } from '../core/test-fixtures.ts';
import { DEFAULT_DURATIONS_MS, parseAssume, runPreview } from './preview.ts';

const o = sampleOptions();

describe('runPreview (issue 7 conventions)', () => {
  const from = at(o.timezone, '2024-05-14T00:00');
  const events = runPreview(o, from, 24);

  it('returns plain events with local and UTC times, in time order', () => {
    assert.deepEqual(events[0], {
      at: '2024-05-14T00:00:00-05:00',
      utc: '2024-05-14T05:00:00Z',
      job: 'Job_ExtractICON',
      event: 'started',
      reason: null,
    });
    const utc = events.map((e) => e.utc);
    assert.deepEqual([...utc].sort(), utc);
    assert.deepEqual(Object.keys(events[0] ?? {}), ['at', 'utc', 'job', 'event', 'reason']);
  });

  it('an instant exactly at --from fires, and aggregation inside its window starts at once', () => {
    assert.deepEqual(
      events.filter((e) => e.at === '2024-05-14T00:00:00-05:00' && e.event === 'started').map((e) => e.job),
      ['Job_ExtractICON', 'Job_AggregateGIM', 'Job_UpdateStats'],
    );
  });

  it('default durations: extract 3m, transform 5m, maintenance 45m, update-stats 2m', () => {
    const find = (job: string, event: string, after: string): string | undefined =>
      events.find((e) => e.job === job && e.event === event && e.at >= after)?.at.slice(11, 19);
    assert.equal(find('Job_ExtractICON', 'completed', '2024-05-14T06:30'), '06:33:00');
    assert.equal(find('Job_TransformGIM', 'completed', '2024-05-14T06:30'), '06:38:00');
    assert.equal(find('Job_MaintainGIM', 'completed', '2024-05-14T03:00'), '03:45:02');
    assert.equal(find('Job_UpdateStats', 'completed', '2024-05-14T05:00'), '05:02:00');
    assert.deepEqual(DEFAULT_DURATIONS_MS.Job_AggregateGIM, null);
  });

  it('"scheduled" only for a job that waits before it starts', () => {
    assert.deepEqual(
      events.filter((e) => e.event === 'scheduled').map((e) => `${e.at.slice(11, 19)} ${e.job}`),
      ['03:00:00 Job_MaintainGIM'],
    );
  });

  it('--hours counts elapsed hours; nothing after the end is returned', () => {
    const last = events.at(-1);
    assert.ok(last && Date.parse(last.utc) <= from + 24 * 3_600_000);
    // The 00:00 slot of the next day lies exactly at the end: included; later ones are not.
    assert.equal(last.at, '2024-05-15T00:00:00-05:00');
    // On a 23-hour spring-forward day, 24 elapsed hours reach 01:00 local of the next day.
    const ny = makeTestOptions({
      timezone: 'America/New_York',
      etlStartTime: hm('00:00'),
      etlEndTime: hm('23:00'),
      etlFrequency: 60,
      runMaintain: false,
    });
    const spring = runPreview(ny, at(ny.timezone, '2024-03-10T00:00'), 24);
    assert.equal(
      spring.filter((e) => e.event === 'started' && e.job === 'Job_ExtractICON').at(-1)?.at,
      '2024-03-11T01:00:00-04:00',
    );
  });

  it('--assume overrides durations', () => {
    const slow = runPreview(o, at(o.timezone, '2024-05-14T06:00'), 2, { Job_ExtractICON: 40 * 60_000 });
    assert.deepEqual(
      slow
        .filter((e) => e.job === 'Job_ExtractICON')
        .map((e) => `${e.at.slice(11, 19)} ${e.event}${e.reason ? ` ${e.reason}` : ''}`),
      [
        '06:30:00 started',
        '07:10:00 completed',
        '07:15:00 started owed ETL slot 07:00 (R7)',
        '07:55:00 completed',
        '08:00:00 started', // the 08:00 slot at the end instant; the owed 07:30 merges into it
      ],
    );
  });

  it('rejects bad hours and unknown jobs', () => {
    assert.throws(() => runPreview(o, from, 0), /hours must be > 0/);
    assert.throws(() => runPreview(o, from, 1, { Job_Nope: 1 }), /unknown job "Job_Nope"/);
  });
});

describe('parseAssume', () => {
  it('reads JOB=DUR with 90s, 3m, 1h', () => {
    assert.deepEqual(parseAssume('Job_ExtractICON=90s, Job_TransformGIM=3m,Job_MaintainGIM=1h'), {
      ok: true,
      assume: { Job_ExtractICON: 90_000, Job_TransformGIM: 180_000, Job_MaintainGIM: 3_600_000 },
    });
    assert.deepEqual(parseAssume(''), { ok: true, assume: {} });
  });
  it('names the bad part', () => {
    const bad = (s: string): string => {
      const r = parseAssume(s);
      assert.ok(!r.ok);
      return r.message;
    };
    assert.match(bad('Job_Foo=3m'), /unknown job "Job_Foo"; expected JOB=DUR/);
    assert.match(bad('Job_ExtractICON=3'), /bad duration "3" for Job_ExtractICON/);
    assert.match(bad('Job_ExtractICON=1.5h'), /bad duration "1.5h"/);
    assert.match(bad('Job_ExtractICON'), /bad duration ""/);
    assert.match(bad('Job_ExtractICON=0s'), /must be positive/);
    assert.match(bad('Job_ExtractICON=1m,Job_ExtractICON=2m'), /given twice/);
  });
});

// Jobs reference 3.4: the Genesys sample schedule, replayed with the durations it assumes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobName } from '../core/jobs.ts';
import { toLocal } from '../core/local-time.ts';
import { at, sampleOptions } from '../core/test-fixtures.ts';
import { lines, pick, simulateHours } from './preview-test-kit.ts';

const MIN = 60_000;
const o = sampleOptions();
const TZ = o.timezone;

/** 3.4: cycle 3 + 5 min, the 00:30 cycle 10 min, the first morning cycle 35 min. */
function duration(job: JobName, startedAt: number): number | null {
  const m = toLocal(TZ, startedAt).minuteOfDay;
  switch (job) {
    case 'Job_ExtractICON':
      return m === 6 * 60 + 30 ? 15 * MIN : 3 * MIN;
    case 'Job_TransformGIM':
      if (m === 6 * 60 + 45) return 20 * MIN;
      return m === 33 ? 7 * MIN : 5 * MIN;
    case 'Job_MaintainGIM':
      return 45 * MIN;
    case 'Job_UpdateStats':
      return 2 * MIN;
    case 'Job_AggregateGIM':
      return null;
    default:
      return MIN;
  }
}

describe('the 3.4 sample timeline (Tuesday 2024-05-14, America/Chicago)', () => {
  const from = at(TZ, '2024-05-14T00:00');
  // To Wednesday 03:10: the whole table including "Wed 00:00-03:00".
  const events = simulateHours(o, from, 27 + 1 / 6, { duration });
  const cycleJobs = (e: { job: string }): boolean =>
    e.job === 'Job_ExtractICON' || e.job === 'Job_TransformGIM';

  it('00:00: cycle 00:00-00:08; aggregation running (R15)', () => {
    assert.deepEqual(
      lines(events, (e) => e.ms < at(TZ, '2024-05-14T00:10')).filter((l) => !l.includes('UpdateStats')),
      [
        '00:00:00 Job_ExtractICON started',
        '00:00:00 Job_AggregateGIM started',
        '00:03:00 Job_ExtractICON completed',
        '00:03:00 Job_TransformGIM started',
        '00:08:00 Job_TransformGIM completed',
      ],
    );
  });

  it('00:30: final slot, the cycle runs to 00:40; then no slots until 06:30 (R8)', () => {
    assert.deepEqual(
      lines(
        events,
        (e) => cycleJobs(e) && e.ms > at(TZ, '2024-05-14T00:10') && e.ms < at(TZ, '2024-05-14T06:30'),
      ),
      [
        '00:30:00 Job_ExtractICON started',
        '00:33:00 Job_ExtractICON completed',
        '00:33:00 Job_TransformGIM started',
        '00:40:00 Job_TransformGIM completed',
      ],
    );
  });

  it('update-stats every 10 min from 00:00 to 03:00, skipped 03:10-03:40 (R13), resumes 03:50', () => {
    const starts = pick(events, 'Job_UpdateStats', 'started').filter(
      (e) => e.ms < at(TZ, '2024-05-14T04:00'),
    );
    assert.equal(starts.length, 19 + 1); // 00:00 … 03:00, then 03:50
    assert.deepEqual(
      lines(pick(events, 'Job_UpdateStats', 'skipped').filter((e) => e.ms < at(TZ, '2024-05-14T12:00'))),
      ['03:10', '03:20', '03:30', '03:40'].map(
        (t) => `${t}:00 Job_UpdateStats skipped suspended during maintenance (R13)`,
      ),
    );
    assert.ok(lines(starts).includes('03:00:00 Job_UpdateStats started'));
    assert.ok(lines(starts).includes('03:50:00 Job_UpdateStats started'));
  });

  it('03:00: window ends, aggregation Completed (R16); maintenance 03:00:02-03:45:02 (R10)', () => {
    assert.deepEqual(
      lines(
        events,
        (e) =>
          e.ms >= at(TZ, '2024-05-14T03:00') &&
          e.ms < at(TZ, '2024-05-14T06:00') &&
          (e.job === 'Job_AggregateGIM' || e.job === 'Job_MaintainGIM'),
      ),
      [
        '03:00:00 Job_MaintainGIM scheduled R10: waits for Job_AggregateGIM 2 to yield',
        '03:00:02 Job_AggregateGIM completed window ended',
        '03:00:02 Job_MaintainGIM started',
        '03:45:02 Job_MaintainGIM completed',
        '04:00:00 Job_AggregateGIM started',
      ],
    );
  });

  it('06:30 first slot with a 35-min cycle; the 07:00 slot is owed (R7) and runs 07:05-07:13', () => {
    assert.deepEqual(
      lines(
        events,
        (e) => cycleJobs(e) && e.ms >= at(TZ, '2024-05-14T06:00') && e.ms < at(TZ, '2024-05-14T07:30'),
      ),
      [
        '06:30:00 Job_ExtractICON started',
        '06:45:00 Job_ExtractICON completed',
        '06:45:00 Job_TransformGIM started',
        '07:05:00 Job_TransformGIM completed',
        '07:05:00 Job_ExtractICON started owed ETL slot 07:00 (R7)',
        '07:08:00 Job_ExtractICON completed',
        '07:08:00 Job_TransformGIM started',
        '07:13:00 Job_TransformGIM completed',
      ],
    );
  });

  it('07:30-23:30: a cycle every :00 and :30 of about 8 min (R6)', () => {
    const starts = pick(events, 'Job_ExtractICON', 'started').filter(
      (e) => e.ms >= at(TZ, '2024-05-14T07:30') && e.ms <= at(TZ, '2024-05-14T23:30'),
    );
    assert.equal(starts.length, 33);
    for (const s of starts) assert.match(s.at, /T\d\d:(00|30):00/);
    const ends = pick(events, 'Job_TransformGIM', 'completed').filter(
      (e) => e.ms > at(TZ, '2024-05-14T07:30') && e.ms <= at(TZ, '2024-05-14T23:40'),
    );
    assert.deepEqual(
      ends.map((e) => e.at.slice(14, 16)),
      starts.map((s) => (s.at.slice(14, 16) === '00' ? '08' : '38')),
    );
  });

  it('aggregation runs from Tuesday 04:00 to Wednesday 03:00 without interruption', () => {
    const agg = lines(pick(events, 'Job_AggregateGIM'));
    assert.deepEqual(agg, [
      '00:00:00 Job_AggregateGIM started',
      '03:00:02 Job_AggregateGIM completed window ended',
      '04:00:00 Job_AggregateGIM started',
      '03:00:02 Job_AggregateGIM completed window ended',
    ]);
    assert.equal(pick(events, 'Job_AggregateGIM').at(-1)?.at.slice(0, 10), '2024-05-15');
  });

  it('Wednesday 00:00-03:00: same pattern', () => {
    const wed = lines(
      events,
      (e) => e.ms >= at(TZ, '2024-05-15T00:00') && (cycleJobs(e) || e.job === 'Job_MaintainGIM'),
    );
    assert.deepEqual(wed, [
      '00:00:00 Job_ExtractICON started',
      '00:03:00 Job_ExtractICON completed',
      '00:03:00 Job_TransformGIM started',
      '00:08:00 Job_TransformGIM completed',
      '00:30:00 Job_ExtractICON started',
      '00:33:00 Job_ExtractICON completed',
      '00:33:00 Job_TransformGIM started',
      '00:40:00 Job_TransformGIM completed',
      '03:00:00 Job_MaintainGIM scheduled R10: waits for Job_AggregateGIM ' +
        (pick(events, 'Job_AggregateGIM', 'started')[1]?.id ?? '?') +
        ' to yield',
      '03:00:02 Job_MaintainGIM started',
    ]);
  });

  it('nothing fails, is canceled or stops otherwise', () => {
    assert.deepEqual(
      events.filter((e) => e.event === 'failed' || e.event === 'canceled' || e.event === 'stopped'),
      [],
    );
  });
});

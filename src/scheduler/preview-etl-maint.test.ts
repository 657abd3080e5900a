// ETL cycles (R4-R8) and maintenance (R9-R13, R18) over simulated days.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, hm, makeTestOptions } from '../core/test-fixtures.ts';
import { lines, pick, simulateHours } from './preview-test-kit.ts';

const MIN = 60_000;
const day = (t: string): number => at('GMT', `2024-01-10T${t}`);

describe('a cycle longer than the frequency (R7)', () => {
  const o = makeTestOptions({
    etlStartTime: hm('04:00'),
    etlEndTime: hm('02:00'),
    etlFrequency: 15,
    runMaintain: false,
  });
  const events = simulateHours(o, day('00:00'), 30, {
    durations: { Job_ExtractICON: 20 * MIN, Job_TransformGIM: 5 * MIN },
  });

  it('owes the slot reached during a cycle and starts it when the cycle ends; later slots merge', () => {
    assert.deepEqual(
      lines(
        events,
        (e) =>
          e.job === 'Job_ExtractICON' && e.event === 'started' && e.ms >= day('04:00') && e.ms < day('05:30'),
      ),
      [
        '04:00:00 Job_ExtractICON started',
        '04:25:00 Job_ExtractICON started owed ETL slot 04:15 (R7)',
        '04:50:00 Job_ExtractICON started owed ETL slot 04:30 (R7)', // 04:45 merged into it
        '05:15:00 Job_ExtractICON started', // the 05:15 slot itself; the owed 05:00 merges into it
      ],
    );
  });
  it('never runs two extractions or two transforms at once', () => {
    for (const job of ['Job_ExtractICON', 'Job_TransformGIM'] as const) {
      let running = 0;
      for (const e of pick(events, job)) {
        running += e.event === 'started' ? 1 : -1;
        assert.ok(running <= 1, `${job} overlaps at ${e.at}`);
      }
    }
  });
  it('the owed cycle starts even after etl-end-time, then ETL is idle until the next window (R8)', () => {
    const night = lines(
      events,
      (e) =>
        e.job === 'Job_ExtractICON' &&
        e.event === 'started' &&
        e.ms > at('GMT', '2024-01-11T01:00') &&
        e.ms < at('GMT', '2024-01-11T04:00'),
    );
    assert.deepEqual(night, [
      '01:15:00 Job_ExtractICON started',
      '01:40:00 Job_ExtractICON started owed ETL slot 01:30 (R7)',
      '02:05:00 Job_ExtractICON started owed ETL slot 01:45 (R7)', // 02:00, the last slot, merged into it
    ]);
  });
  it('a cycle whose extraction fails ends without its transform (R5)', () => {
    const failing = simulateHours(o, day('03:59'), 1, {
      outcome: (job, startedAt) =>
        job === 'Job_ExtractICON' && startedAt === day('04:00') ? 'Failed' : 'Completed',
      durations: { Job_ExtractICON: 3 * MIN },
    });
    assert.deepEqual(
      lines(failing, (e) => e.ms <= day('04:16')),
      [
        '04:00:00 Job_ExtractICON started',
        '04:03:00 Job_ExtractICON failed',
        '04:15:00 Job_ExtractICON started',
        '04:18:00 Job_ExtractICON completed',
        '04:18:00 Job_TransformGIM started',
      ].filter((l) => l < '04:16'),
    );
  });
});

describe('maintenance (R9-R13)', () => {
  const base = {
    etlStartTime: hm('04:00'),
    etlEndTime: hm('01:00'),
    etlFrequency: 30,
    maintainStartTime: hm('02:00'),
  };

  it('starts at maintain-start-time and runs to completion inside its window', () => {
    const events = simulateHours(makeTestOptions(base), day('01:50'), 1);
    assert.deepEqual(lines(pick(events, 'Job_MaintainGIM')), [
      '02:00:00 Job_MaintainGIM started',
      '02:45:00 Job_MaintainGIM completed',
    ]);
  });

  it('is preempted by the next ETL slot (R12), the slot is owed, no second attempt that day', () => {
    const events = simulateHours(makeTestOptions(base), day('01:50'), 24, {
      durations: { Job_MaintainGIM: 3 * 60 * MIN },
    });
    assert.deepEqual(
      lines(events, (e) => e.ms <= day('04:10')),
      [
        '02:00:00 Job_MaintainGIM started',
        '04:00:02 Job_MaintainGIM stopped preempted by ETL',
        '04:00:02 Job_ExtractICON started owed ETL slot 04:00 (R7)',
        '04:03:02 Job_ExtractICON completed',
        '04:03:02 Job_TransformGIM started',
        '04:08:02 Job_TransformGIM completed',
      ],
    );
    assert.equal(pick(events, 'Job_MaintainGIM', 'started').length, 1);
  });

  it('waits Scheduled for a running cycle, then starts (R10)', () => {
    const events = simulateHours(makeTestOptions({ ...base, etlEndTime: hm('01:30') }), day('01:29'), 1, {
      durations: { Job_ExtractICON: 40 * MIN },
    });
    const m = lines(pick(events, 'Job_MaintainGIM'));
    assert.match(m[0] ?? '', /^02:00:00 Job_MaintainGIM scheduled R10: waits for Job_ExtractICON \d+$/);
    assert.equal(m[1], '02:15:00 Job_MaintainGIM started'); // 01:30 cycle: 40 + 5 min
  });

  it('still Scheduled when its window closes: Canceled (R11)', () => {
    const events = simulateHours(makeTestOptions({ ...base, etlEndTime: hm('01:30') }), day('01:29'), 3, {
      durations: { Job_ExtractICON: 3 * 60 * MIN },
    });
    assert.deepEqual(
      lines(pick(events, 'Job_MaintainGIM')).map((l) => l.replace(/\d+$/, 'N')),
      [
        '02:00:00 Job_MaintainGIM scheduled R10: waits for Job_ExtractICON N',
        '04:00:00 Job_MaintainGIM canceled maintenance window closed',
      ],
    );
  });

  it('suspends update-stats (skipped, R13) and makes export wait Scheduled (R18)', () => {
    const o = makeTestOptions({
      ...base,
      runUpdateStats: true,
      updateStatsSchedule: '0/20 *',
      runExport: true,
      exportSchedule: '30 2',
    });
    const events = simulateHours(o, day('01:55'), 1.5);
    assert.deepEqual(
      lines(events, (e) => e.job !== 'Job_ExtractICON' && e.job !== 'Job_TransformGIM'),
      [
        '02:00:00 Job_MaintainGIM started',
        '02:00:00 Job_UpdateStats skipped suspended during maintenance (R13)',
        '02:20:00 Job_UpdateStats skipped suspended during maintenance (R13)',
        `02:30:00 Job_ExportGIM scheduled R18: waits for Job_MaintainGIM ${pick(events, 'Job_MaintainGIM')[0]?.id}`,
        '02:40:00 Job_UpdateStats skipped suspended during maintenance (R13)',
        '02:45:00 Job_MaintainGIM completed',
        '02:45:00 Job_ExportGIM started',
        '02:50:00 Job_ExportGIM completed',
        '03:00:00 Job_UpdateStats started',
        '03:02:00 Job_UpdateStats completed',
        '03:20:00 Job_UpdateStats started',
        '03:22:00 Job_UpdateStats completed',
      ],
    );
  });

  it('update-stats is not waited for by maintenance, and a still-running one skips its next instant (R14)', () => {
    const o = makeTestOptions({ ...base, runUpdateStats: true, updateStatsSchedule: '0/10 *' });
    const events = simulateHours(o, day('01:50'), 0.5, { durations: { Job_UpdateStats: 15 * MIN } });
    assert.deepEqual(
      lines(events, (e) => e.ms <= day('02:10')),
      [
        '01:50:00 Job_UpdateStats started',
        '02:00:00 Job_MaintainGIM started',
        '02:00:00 Job_UpdateStats skipped R14: Job_UpdateStats 1 still running',
        '02:05:00 Job_UpdateStats completed',
        '02:10:00 Job_UpdateStats skipped suspended during maintenance (R13)',
      ],
    );
  });

  it('export runs beside ETL and is dropped when the previous one still runs (R18)', () => {
    const o = makeTestOptions({ runMaintain: false, runExport: true, exportSchedule: '0/30 4-5' });
    const events = simulateHours(o, day('04:00'), 1.2, { durations: { Job_ExportGIM: 40 * MIN } });
    assert.deepEqual(lines(pick(events, 'Job_ExportGIM')), [
      '04:00:00 Job_ExportGIM started',
      '04:30:00 Job_ExportGIM skipped R18: Job_ExportGIM 2 already Running',
      '04:40:00 Job_ExportGIM completed',
      '05:00:00 Job_ExportGIM started',
    ]);
  });
});

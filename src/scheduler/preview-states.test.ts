// Pause (R3), Blocked and migration states (R19-R21), downtime (R22), option edits (R23).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { at, hm, makeTestOptions } from '../core/test-fixtures.ts';
import { lines, pick, simulateHours } from './preview-test-kit.ts';

const MIN = 60_000;
const t = (s: string): number => at('GMT', `2024-01-10T${s}`);
const base = {
  etlStartTime: hm('04:00'),
  etlEndTime: hm('01:00'),
  etlFrequency: 30,
  maintainStartTime: hm('02:00'),
};

describe('run-scheduler toggled while jobs run (R3, R22)', () => {
  const on = makeTestOptions({ ...base, runUpdateStats: true, updateStatsSchedule: '0 *' });
  const off = makeTestOptions({
    ...base,
    runScheduler: false,
    runUpdateStats: true,
    updateStatsSchedule: '0 *',
  });
  const events = simulateHours(on, t('09:59'), 3, {
    durations: { Job_ExtractICON: 10 * MIN },
    script: [
      { at: t('10:05'), options: off },
      { at: t('11:40'), options: on },
    ],
  });

  it('running jobs go on; the cycle does not continue to its transform; nothing starts while paused', () => {
    assert.deepEqual(
      lines(events, (e) => e.ms <= t('11:40') && e.event !== 'canceled'),
      [
        '10:00:00 Job_ExtractICON started',
        '10:00:00 Job_UpdateStats started',
        '10:02:00 Job_UpdateStats completed',
        '10:10:00 Job_ExtractICON completed',
        '11:40:00 Job_ExtractICON started R22: catch-up after scheduler paused',
      ],
    );
  });

  it('back to true: one Canceled row per job with the missed count and span (R22)', () => {
    assert.deepEqual(
      lines(events, (e) => e.event === 'canceled'),
      [
        '11:40:00 Job_ExtractICON canceled missed: scheduler paused (3 occurrences, 2024-01-10T10:30:00+00:00 .. 2024-01-10T11:30:00+00:00)',
        '11:40:00 Job_UpdateStats canceled missed: scheduler paused (1 occurrence, 2024-01-10T11:00:00+00:00 .. 2024-01-10T11:00:00+00:00)',
      ],
    );
  });

  it("the scheduler's Scheduled instances are Canceled when it pauses", () => {
    const o1 = makeTestOptions({ ...base, etlEndTime: hm('01:30') });
    const o2 = makeTestOptions({ ...base, etlEndTime: hm('01:30'), runScheduler: false });
    const ev = simulateHours(o1, t('01:29'), 1, {
      durations: { Job_ExtractICON: 40 * MIN },
      script: [{ at: t('02:05'), options: o2 }],
    });
    assert.deepEqual(
      lines(pick(ev, 'Job_MaintainGIM')).map((l) => l.replace(/\d+$/, 'N')),
      [
        '02:00:00 Job_MaintainGIM scheduled R10: waits for Job_ExtractICON N',
        '02:05:00 Job_MaintainGIM canceled scheduler paused',
      ],
    );
  });
});

describe('a server down for 7 hours (R22)', () => {
  const o = makeTestOptions({ ...base, runUpdateStats: true, updateStatsSchedule: '0 */2' });
  const events = simulateHours(o, t('09:59'), 8.1, { script: [{ at: t('10:01'), downUntil: t('17:01') }] });

  it('the run alive at the crash is Failed at restart; a cycle starts at once inside the ETL window', () => {
    assert.deepEqual(
      lines(events, (e) => e.ms <= t('17:01') && e.event !== 'canceled'),
      [
        '10:00:00 Job_ExtractICON started',
        '10:00:00 Job_UpdateStats started',
        '17:01:00 Job_ExtractICON failed server died while running',
        '17:01:00 Job_UpdateStats failed server died while running',
        '17:01:00 Job_ExtractICON started R22: catch-up after server down',
      ],
    );
  });

  it('missed occurrences are not replayed: one Canceled row per job with count and span', () => {
    assert.deepEqual(
      lines(events, (e) => e.event === 'canceled'),
      [
        '17:01:00 Job_ExtractICON canceled missed: server down (14 occurrences, 2024-01-10T10:30:00+00:00 .. 2024-01-10T17:00:00+00:00)',
        '17:01:00 Job_UpdateStats canceled missed: server down (4 occurrences, 2024-01-10T10:00:00+00:00 .. 2024-01-10T16:00:00+00:00)'.replace(
          '4 occurrences, 2024-01-10T10:00:00',
          '3 occurrences, 2024-01-10T12:00:00',
        ),
      ],
    );
  });

  it('the schedule then goes on normally', () => {
    assert.deepEqual(
      lines(pick(events, 'Job_ExtractICON', 'started'), (e) => e.ms > t('17:01')),
      ['17:30:00 Job_ExtractICON started', '18:00:00 Job_ExtractICON started'],
    );
    assert.equal(pick(events, 'Job_UpdateStats', 'started').at(-1)?.at.slice(11, 16), '18:00');
  });

  it('back inside the maintenance window with no maintenance Completed since: maintenance starts', () => {
    const ev = simulateHours(makeTestOptions(base), t('01:58'), 2, {
      script: [{ at: t('01:59'), downUntil: t('02:30') }],
    });
    assert.deepEqual(
      lines(ev, (e) => e.job === 'Job_MaintainGIM'),
      [
        '02:30:00 Job_MaintainGIM started R22: catch-up after server down (maintain-start-time 02:00)',
        '03:15:00 Job_MaintainGIM completed',
      ],
    );
  });

  it('back after the maintenance window: the maintenance occurrence is recorded as missed', () => {
    const ev = simulateHours(makeTestOptions(base), t('01:58'), 4, {
      script: [{ at: t('01:59'), downUntil: t('04:10') }],
    });
    assert.deepEqual(
      lines(ev, (e) => e.job === 'Job_MaintainGIM'),
      [
        '04:10:00 Job_MaintainGIM canceled missed: server down (1 occurrence, 2024-01-10T02:00:00+00:00 .. 2024-01-10T02:00:00+00:00)',
      ],
    );
  });

  it('aggregation alive at the crash is Failed at restart and not restarted outside its window', () => {
    const o2 = makeTestOptions({
      ...base,
      runAggregates: true,
      aggregateSchedule: '0 5',
      aggregateDuration: 60,
    });
    const ev = simulateHours(o2, t('05:30'), 3, { script: [{ at: t('05:31'), downUntil: t('07:00') }] });
    assert.deepEqual(lines(pick(ev, 'Job_AggregateGIM')), [
      '05:30:00 Job_AggregateGIM started',
      '07:00:00 Job_AggregateGIM failed server died while running',
    ]);
  });
});

describe('an options edit that disables a Scheduled job (R23)', () => {
  it('Scheduled maintenance is Canceled "disabled" when run-maintain turns false', () => {
    const o1 = makeTestOptions({ ...base, etlEndTime: hm('01:30') });
    const o2 = makeTestOptions({ ...base, etlEndTime: hm('01:30'), runMaintain: false });
    const ev = simulateHours(o1, t('01:29'), 2, {
      durations: { Job_ExtractICON: 40 * MIN },
      script: [{ at: t('02:05'), options: o2 }],
    });
    assert.deepEqual(
      lines(pick(ev, 'Job_MaintainGIM')).map((l) => l.replace(/\d+$/, 'N')),
      [
        '02:00:00 Job_MaintainGIM scheduled R10: waits for Job_ExtractICON N',
        '02:05:00 Job_MaintainGIM canceled disabled',
      ],
    );
  });

  it('Scheduled export is Canceled when run-export turns false; a running job is never stopped', () => {
    const o1 = makeTestOptions({ ...base, runExport: true, exportSchedule: '30 2' });
    const o2 = makeTestOptions({ ...base, runExport: false, runMaintain: false });
    const ev = simulateHours(o1, t('01:59'), 1.5, { script: [{ at: t('02:40'), options: o2 }] });
    assert.deepEqual(
      lines(ev).map((l) => l.replace(/\d+$/, 'N')),
      [
        '02:00:00 Job_MaintainGIM started',
        '02:30:00 Job_ExportGIM scheduled R18: waits for Job_MaintainGIM N',
        '02:40:00 Job_ExportGIM canceled disabled',
        '02:45:00 Job_MaintainGIM completed',
      ],
    );
  });
});

describe('Blocked and migration states (R19, R20, R21)', () => {
  it('Blocked: nothing starts, running jobs finish, the cycle transform waits Scheduled; missed on return', () => {
    const o = makeTestOptions(base);
    const ev = simulateHours(o, t('09:59'), 1.5, {
      script: [
        { at: t('10:01'), server: 'Blocked' },
        { at: t('10:50'), server: 'Normal' },
      ],
    });
    assert.deepEqual(
      lines(ev).map((l) => l.replace(/ \d+$/, ' N')),
      [
        '10:00:00 Job_ExtractICON started',
        '10:03:00 Job_ExtractICON completed',
        '10:03:00 Job_TransformGIM scheduled R19: server Blocked',
        '10:50:00 Job_ExtractICON canceled missed: blocked (1 occurrence, 2024-01-10T10:30:00+00:00 .. 2024-01-10T10:30:00+00:00)',
        // The catch-up cycle is owed behind the waiting transform step (R7).
        '10:50:00 Job_TransformGIM started',
        '10:55:00 Job_TransformGIM completed',
        '10:55:00 Job_ExtractICON started owed ETL slot 10:50 (R7)',
        '10:58:00 Job_ExtractICON completed',
        '10:58:00 Job_TransformGIM started',
        '11:03:00 Job_TransformGIM completed',
        '11:03:00 Job_ExtractICON started owed ETL slot 11:00 (R7)',
        '11:06:00 Job_ExtractICON completed',
        '11:06:00 Job_TransformGIM started',
        '11:11:00 Job_TransformGIM completed',
      ],
    );
  });

  it('migration state: Job_MigrateGIM starts once with on-demand-migration and run-scheduler; Normal after', () => {
    const o = makeTestOptions({ ...base, onDemandMigration: true });
    const ev = simulateHours(o, t('09:59'), 0.6, { server: 'Migration' });
    assert.deepEqual(
      lines(ev, (e) => e.event !== 'canceled'),
      [
        '09:59:00 Job_MigrateGIM started R20: on-demand migration',
        '10:00:00 Job_MigrateGIM completed',
        '10:00:00 Job_ExtractICON started R22: catch-up after migration state',
        '10:03:00 Job_ExtractICON completed',
        '10:03:00 Job_TransformGIM started',
        '10:08:00 Job_TransformGIM completed',
        '10:30:00 Job_ExtractICON started',
        '10:33:00 Job_ExtractICON completed',
        '10:33:00 Job_TransformGIM started',
      ],
    );
  });

  it('migration state without on-demand-migration: nothing starts, manual runs other than Job_MigrateGIM refused (M4)', () => {
    const o = makeTestOptions(base);
    const verdicts: string[] = [];
    const ev = simulateHours(o, t('09:59'), 1, {
      server: 'Migration',
      script: [
        {
          at: t('10:10'),
          request: { kind: 'run', job: 'Job_ExtractICON' },
          onDecision: (d) => verdicts.push(d.outcome === 'refuse' ? `${d.httpStatus} ${d.rule}` : d.outcome),
        },
        {
          at: t('10:20'),
          request: { kind: 'run', job: 'Job_MigrateGIM' },
          onDecision: (d) => verdicts.push(d.outcome),
        },
      ],
    });
    assert.deepEqual(verdicts, ['409 M4', 'accept']);
    assert.deepEqual(
      lines(ev, (e) => e.ms < t('10:30') && e.event !== 'canceled'),
      [
        '10:20:00 Job_MigrateGIM started',
        '10:21:00 Job_MigrateGIM completed',
        '10:21:00 Job_ExtractICON started R22: catch-up after migration state',
        '10:24:00 Job_ExtractICON completed',
        '10:24:00 Job_TransformGIM started',
        '10:29:00 Job_TransformGIM completed',
      ],
    );
  });

  it('first start on an empty Info Mart: Job_InitializeGIM (origin startup) runs even with run-scheduler=false, alone', () => {
    const o = makeTestOptions({ ...base, runScheduler: false });
    const ev = simulateHours(o, t('09:59'), 1, { schemaPresent: false });
    assert.deepEqual(lines(ev), [
      '09:59:00 Job_InitializeGIM started R21: Info Mart has no schema',
      '10:00:00 Job_InitializeGIM completed',
    ]);
  });

  it('after initialization the schedule runs (run-scheduler=true), and initialization never runs again', () => {
    const ev = simulateHours(makeTestOptions(base), t('09:59'), 1, { schemaPresent: false });
    assert.deepEqual(
      lines(ev, (e) => e.ms <= t('10:03')),
      [
        '09:59:00 Job_InitializeGIM started R21: Info Mart has no schema',
        '10:00:00 Job_InitializeGIM completed',
        '10:00:00 Job_ExtractICON started',
        '10:03:00 Job_ExtractICON completed',
        '10:03:00 Job_TransformGIM started',
      ],
    );
    assert.equal(pick(ev, 'Job_InitializeGIM', 'started').length, 1);
  });

  it('a failed initialization leaves the server Blocked: nothing else starts, no second attempt', () => {
    const ev = simulateHours(makeTestOptions(base), t('09:59'), 2, {
      schemaPresent: false,
      outcome: (job) => (job === 'Job_InitializeGIM' ? 'Failed' : 'Completed'),
    });
    assert.deepEqual(lines(ev), [
      '09:59:00 Job_InitializeGIM started R21: Info Mart has no schema',
      '10:00:00 Job_InitializeGIM failed',
    ]);
  });
});

// Aggregation windows (R15, R16), hand-over (R17) and the Manager's aggregation rules (M7, M9).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ManagerDecision } from '../core/manager-rules.ts';
import { at, hm, makeTestOptions } from '../core/test-fixtures.ts';
import { lines, pick, simulateHours } from './preview-test-kit.ts';

const t = (s: string): number => at('GMT', `2024-01-10T${s}`);
// Window 01:00-06:00 (GMT); no ETL, no maintenance to keep the timelines short.
const base = {
  runAggregates: true,
  aggregateSchedule: '0 1',
  aggregateDuration: 5 * 60,
  runMaintain: false,
  etlStartTime: hm('12:00'),
  etlEndTime: hm('12:00'),
  etlFrequency: 1440,
};

describe('aggregation inside its window (R15, R16)', () => {
  it('starts at window start and is stopped at its end, ending Completed', () => {
    const events = simulateHours(makeTestOptions(base), t('00:00'), 8);
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')), [
      '01:00:00 Job_AggregateGIM started',
      '06:00:02 Job_AggregateGIM completed window ended',
    ]);
  });

  it('starts at once when the preview (or server) starts inside the window', () => {
    const events = simulateHours(makeTestOptions(base), t('02:17'), 1);
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')), ['02:17:00 Job_AggregateGIM started']);
  });

  it('after failures restarts with back-off 60 s, 120 s, 240 s …, reset by a good run', () => {
    let runs = 0;
    const events = simulateHours(makeTestOptions(base), t('00:59'), 1, {
      durations: { Job_AggregateGIM: 10_000 },
      outcome: (job) => (job === 'Job_AggregateGIM' && ++runs <= 3 ? 'Failed' : 'Completed'),
    });
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')).slice(0, 10), [
      '01:00:00 Job_AggregateGIM started',
      '01:00:10 Job_AggregateGIM failed',
      '01:01:10 Job_AggregateGIM started R15: restart after 1 failure',
      '01:01:20 Job_AggregateGIM failed',
      '01:03:20 Job_AggregateGIM started R15: restart after 2 failures',
      '01:03:30 Job_AggregateGIM failed',
      '01:07:30 Job_AggregateGIM started R15: restart after 3 failures',
      '01:07:40 Job_AggregateGIM completed',
      '01:07:40 Job_AggregateGIM started',
      '01:07:50 Job_AggregateGIM completed',
    ]);
  });

  it('back-off is capped at 15 minutes', () => {
    const events = simulateHours(makeTestOptions(base), t('00:59'), 4, {
      durations: { Job_AggregateGIM: 1000 },
      outcome: () => 'Failed',
    });
    const starts = pick(events, 'Job_AggregateGIM', 'started').map((e) => e.ms);
    const gaps = starts.slice(1).map((s, i) => s - (starts[i] ?? 0) - 1000);
    assert.deepEqual(
      gaps.slice(0, 6),
      [60, 120, 240, 480, 900, 900].map((s) => s * 1000),
    );
  });

  it('an operator stop inside the window is accepted with a warning and restarted almost at once (M9, R15)', () => {
    const decisions: ManagerDecision[] = [];
    const events = simulateHours(makeTestOptions(base), t('00:59'), 1, {
      script: [{ at: t('01:30'), request: { kind: 'stop', id: '1' }, onDecision: (d) => decisions.push(d) }],
    });
    assert.equal(decisions[0]?.outcome, 'accept');
    assert.match(JSON.stringify(decisions[0]), /R15 restarts it/);
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')), [
      '01:00:00 Job_AggregateGIM started',
      '01:30:02 Job_AggregateGIM stopped stopped by operator',
      '01:30:02 Job_AggregateGIM started',
    ]);
  });

  it('yields to maintenance (R10): Stopped, maintenance starts once it ended, aggregation resumes after', () => {
    const o = makeTestOptions({ ...base, runMaintain: true, maintainStartTime: hm('02:00') });
    const events = simulateHours(o, t('00:59'), 3);
    assert.deepEqual(
      lines(events, (e) => e.job === 'Job_AggregateGIM' || e.job === 'Job_MaintainGIM'),
      [
        '01:00:00 Job_AggregateGIM started',
        '02:00:00 Job_MaintainGIM scheduled R10: waits for Job_AggregateGIM 1 to yield',
        '02:00:02 Job_AggregateGIM stopped yield to maintenance',
        '02:00:02 Job_MaintainGIM started',
        '02:45:02 Job_MaintainGIM completed',
        '02:45:02 Job_AggregateGIM started',
      ],
    );
  });
});

describe('run-aggregates toggled (R17)', () => {
  it('true -> false: the running instance continues, operator-controlled, past the window end', () => {
    const on = makeTestOptions(base);
    const off = makeTestOptions({ ...base, runAggregates: false });
    const events = simulateHours(on, t('00:59'), 8, { script: [{ at: t('02:00'), options: off }] });
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')), ['01:00:00 Job_AggregateGIM started']);
  });

  it('false -> true outside a window: stopped gracefully, Completed "schedule in effect"', () => {
    const on = makeTestOptions(base);
    const off = makeTestOptions({ ...base, runAggregates: false });
    const events = simulateHours(on, t('00:59'), 9, {
      script: [
        { at: t('02:00'), options: off },
        { at: t('08:00'), options: on },
      ],
    });
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')), [
      '01:00:00 Job_AggregateGIM started',
      '08:00:02 Job_AggregateGIM completed schedule in effect',
    ]);
  });

  it('false -> true inside a window: a manual run (M7) becomes scheduler-controlled and stops at window end', () => {
    const off = makeTestOptions({ ...base, runAggregates: false });
    const on = makeTestOptions(base);
    const decisions: ManagerDecision[] = [];
    const events = simulateHours(off, t('00:59'), 8, {
      script: [
        {
          at: t('00:59'),
          request: { kind: 'run', job: 'Job_AggregateGIM' },
          onDecision: (d) => decisions.push(d),
        },
        {
          at: t('01:10'),
          request: { kind: 'run', job: 'Job_AggregateGIM' },
          onDecision: (d) => decisions.push(d),
        },
        { at: t('03:00'), options: on },
      ],
    });
    assert.equal(decisions[0]?.outcome, 'refuse');
    assert.match(
      decisions[0]?.outcome === 'refuse' ? decisions[0].message : '',
      /^M7: .*outside every aggregation window/,
    );
    assert.equal(decisions[1]?.outcome, 'accept');
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')), [
      '01:10:00 Job_AggregateGIM started',
      '06:00:02 Job_AggregateGIM completed window ended',
    ]);
  });

  it('a manual run with run-aggregates=false ignores the window end (M7)', () => {
    const off = makeTestOptions({ ...base, runAggregates: false });
    const events = simulateHours(off, t('00:59'), 8, {
      script: [{ at: t('01:10'), request: { kind: 'run', job: 'Job_AggregateGIM' } }],
    });
    assert.deepEqual(lines(pick(events, 'Job_AggregateGIM')), ['01:10:00 Job_AggregateGIM started']);
  });
});

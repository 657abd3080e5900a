// Direct unit tests of decide(); whole simulated days are in src/scheduler/preview-*.test.ts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOWNTIME_GAP_MS, aggregationBackoffMs, decide } from './decide.ts';
import { initialMemory } from './scheduler-state.ts';
import type { JobInstance, SchedulerAction, SchedulerMemory, SchedulerState } from './scheduler-state.ts';
import { at, hm, makeTestOptions } from './test-fixtures.ts';

const t = (s: string): number => at('GMT', `2024-01-10T${s}`);
const o = makeTestOptions({
  etlStartTime: hm('04:00'),
  etlEndTime: hm('01:00'),
  etlFrequency: 30,
  maintainStartTime: hm('02:00'),
});

function state(p: Partial<SchedulerState> = {}): SchedulerState {
  return {
    server: 'Normal',
    schemaPresent: true,
    instances: [],
    lastEnded: {},
    lastMaintenanceCompletedAt: null,
    aggregationFailures: { consecutive: 0, lastFailedAt: null },
    memory: initialMemory(null),
    ...p,
  };
}

function inst(p: Partial<JobInstance> & Pick<JobInstance, 'id' | 'job'>): JobInstance {
  return {
    status: 'Running',
    origin: 'scheduler',
    cycleId: null,
    controlledBy: 'scheduler',
    waitReason: null,
    createdAt: 0,
    startedAt: 0,
    stopRequested: null,
    ...p,
  };
}

function memoryOf(actions: SchedulerAction[]): SchedulerMemory {
  const last = actions.at(-1);
  assert.equal(last?.kind, 'remember');
  return last.kind === 'remember' ? last.memory : initialMemory();
}

const kinds = (actions: SchedulerAction[]): string[] =>
  actions
    .filter((a) => a.kind !== 'remember')
    .map((a) => `${a.kind} ${'job' in a ? (a.job ?? '') : ''}`.trim());

describe('decide', () => {
  it('always ends with the memory for the next call, and records the evaluation instant', () => {
    const actions = decide(o, t('03:00'), state());
    assert.deepEqual(kinds(actions), []);
    assert.equal(memoryOf(actions).lastEvaluatedAt, t('03:00'));
    assert.equal(memoryOf(actions).previousOptions, o);
  });

  it('fires a slot exactly at now, and nothing twice even when the clock goes back', () => {
    const first = decide(o, t('04:00'), state());
    assert.deepEqual(kinds(first), ['start Job_ExtractICON']);
    const mem = memoryOf(first);
    // Clock corrected backwards by 30 s, then forward again: the 04:00 slot stays fired.
    const rewound = decide(o, t('04:00') - 30_000, state({ memory: mem }));
    assert.deepEqual(kinds(rewound), []);
    const again = decide(o, t('04:00'), state({ memory: memoryOf(rewound) }));
    assert.deepEqual(kinds(again), []);
  });

  it('an occurrence between two evaluations fires at the next one (the loop evaluates every few seconds)', () => {
    const ox = makeTestOptions({ ...o, runExport: true, exportSchedule: '20 10' });
    const first = decide(ox, t('10:19:58'), state());
    assert.deepEqual(kinds(first), []);
    const second = decide(ox, t('10:20:03'), state({ memory: memoryOf(first) }));
    assert.deepEqual(kinds(second), ['start Job_ExportGIM']);
    assert.equal(memoryOf(second).lastFired.export, t('10:20'));
  });

  it('a fresh memory owes nothing: past slots and a past extraction are not replayed', () => {
    const actions = decide(
      o,
      t('04:10'),
      state({
        lastEnded: {
          Job_ExtractICON: {
            id: '7',
            job: 'Job_ExtractICON',
            status: 'Completed',
            origin: 'scheduler',
            cycleId: '7',
            endedAt: t('04:05'),
          },
        },
      }),
    );
    assert.deepEqual(kinds(actions), []);
  });

  it('an evaluation gap longer than DOWNTIME_GAP_MS is downtime: R22 catch-up, and a stray aggregation is stopped', () => {
    const oa = makeTestOptions({
      ...o,
      runAggregates: true,
      aggregateSchedule: '0 5',
      aggregateDuration: 60,
    });
    const mem: SchedulerMemory = {
      ...initialMemory(null),
      lastEvaluatedAt: t('05:30'),
      lastFired: { etl: t('05:30') },
    };
    const agg = inst({ id: '9', job: 'Job_AggregateGIM', startedAt: t('05:00') });
    const now = t('05:30') + DOWNTIME_GAP_MS + 7 * 3_600_000;
    const actions = decide(oa, now, state({ instances: [agg], memory: mem }));
    const stop = actions.find((a) => a.kind === 'stop');
    assert.deepEqual(stop, {
      kind: 'stop',
      id: '9',
      job: 'Job_AggregateGIM',
      reason: 'window ended',
      endAs: 'Completed',
    });
    const missed = actions.find((a) => a.kind === 'record-missed');
    assert.equal(missed?.kind === 'record-missed' && missed.reason, 'missed: server down');
    assert.ok(actions.some((a) => a.kind === 'start' && a.job === 'Job_ExtractICON' && a.notable));
    assert.equal(memoryOf(actions).suspension, null);
  });

  it('wait reasons name the rule and the blocking job', () => {
    const running = inst({ id: '812', job: 'Job_TransformGIM', cycleId: '811' });
    const actions = decide(o, t('02:00'), state({ instances: [running] }));
    const s = actions.find((a) => a.kind === 'schedule');
    assert.equal(s?.kind === 'schedule' && s.waitReason, 'R10: waits for Job_TransformGIM 812');
  });

  it('R2: a second scheduler maintenance occurrence is dropped while one exists', () => {
    const manual = inst({ id: '5', job: 'Job_MaintainGIM', origin: 'manual', controlledBy: 'operator' });
    const actions = decide(o, t('02:00'), state({ instances: [manual] }));
    assert.deepEqual(kinds(actions), ['skip Job_MaintainGIM']);
  });

  it('a slot while manual maintenance runs still starts a cycle (M6: never waited for nor preempted)', () => {
    const manual = inst({ id: '5', job: 'Job_MaintainGIM', origin: 'manual', controlledBy: 'operator' });
    const actions = decide(o, t('04:00'), state({ instances: [manual] }));
    assert.deepEqual(kinds(actions), ['start Job_ExtractICON']);
  });

  it('paused: only R21 initialization starts, Scheduled scheduler instances are canceled', () => {
    const paused = makeTestOptions({ ...o, runScheduler: false });
    const waiting = inst({
      id: '3',
      job: 'Job_ExportGIM',
      status: 'Scheduled',
      startedAt: null,
      waitReason: 'x',
    });
    assert.deepEqual(kinds(decide(paused, t('04:00'), state({ instances: [waiting] }))), [
      'cancel Job_ExportGIM',
    ]);
    assert.deepEqual(kinds(decide(paused, t('04:00'), state({ schemaPresent: false }))), [
      'start Job_InitializeGIM',
    ]);
  });

  it('R21: initialization is started once only', () => {
    const first = decide(o, t('04:00'), state({ schemaPresent: false }));
    assert.deepEqual(kinds(first), ['start Job_InitializeGIM']);
    const later = decide(o, t('04:30'), state({ schemaPresent: false, memory: memoryOf(first) }));
    assert.deepEqual(kinds(later), []);
  });

  it('R2/R5: a cycle transform waits Scheduled behind a manual Job_TransformGIM, then starts when it ends', () => {
    const manual = inst({ id: '40', job: 'Job_TransformGIM', origin: 'manual', controlledBy: 'operator' });
    const ended = {
      Job_ExtractICON: {
        id: '41',
        job: 'Job_ExtractICON' as const,
        status: 'Completed' as const,
        origin: 'scheduler' as const,
        cycleId: '41',
        endedAt: t('04:03'),
      },
    };
    const mem: SchedulerMemory = {
      ...initialMemory(null),
      lastEvaluatedAt: t('04:02'),
      lastFired: { etl: t('04:00') },
    };
    const first = decide(o, t('04:03'), state({ instances: [manual], lastEnded: ended, memory: mem }));
    const sched = first.find((a) => a.kind === 'schedule');
    assert.deepEqual(sched, {
      kind: 'schedule',
      job: 'Job_TransformGIM',
      origin: 'scheduler',
      controlledBy: 'scheduler',
      cycleId: '41',
      reason: 'cycle 41 (R5)',
      waitReason: 'R2: waits for Job_TransformGIM 40',
    });
    const waiting = inst({
      id: '42',
      job: 'Job_TransformGIM',
      status: 'Scheduled',
      cycleId: '41',
      startedAt: null,
    });
    const later = decide(
      o,
      t('04:09'),
      state({ instances: [waiting], lastEnded: ended, memory: memoryOf(first) }),
    );
    assert.deepEqual(kinds(later), ['start-scheduled Job_TransformGIM']);
  });

  it('R11: the cancellation comes with a warning naming what it waited for', () => {
    const mem: SchedulerMemory = {
      ...initialMemory(null),
      lastEvaluatedAt: t('03:59'),
      maintenanceAnchor: t('02:00'),
      lastFired: { maintain: t('02:00'), etl: t('01:00') },
    };
    const waiting = inst({
      id: '8',
      job: 'Job_MaintainGIM',
      status: 'Scheduled',
      startedAt: null,
      waitReason: 'R10: waits for Job_ExtractICON 7',
    });
    const extract = inst({ id: '7', job: 'Job_ExtractICON' });
    const actions = decide(o, t('04:00'), state({ instances: [waiting, extract], memory: mem }));
    assert.deepEqual(kinds(actions), ['cancel Job_MaintainGIM', 'warn Job_MaintainGIM']);
    const warn = actions.find((a) => a.kind === 'warn');
    assert.match(
      warn?.kind === 'warn' ? warn.message : '',
      /^R11: Job_MaintainGIM 8 canceled: maintenance window closed at 04:00 .*R10: waits for Job_ExtractICON 7/,
    );
    assert.equal(memoryOf(actions).owedSlot, t('04:00'));
  });

  it('R15 back-off doubles from 60 s up to 15 min', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 50].map(aggregationBackoffMs),
      [0, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000],
    );
  });

  it('is pure: the same inputs give the same actions and the state is not mutated', () => {
    const s = state({ instances: [inst({ id: '1', job: 'Job_AggregateGIM' })] });
    const snapshot = JSON.stringify(s);
    assert.deepEqual(decide(o, t('04:00'), s), decide(o, t('04:00'), s));
    assert.equal(JSON.stringify(s), snapshot);
  });
});

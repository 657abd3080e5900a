import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideManagerRequest } from './manager-rules.ts';
import type { ManagerDecision, ManagerRequest } from './manager-rules.ts';
import { initialMemory } from './scheduler-state.ts';
import type { JobInstance, SchedulerState } from './scheduler-state.ts';
import { at, makeTestOptions } from './test-fixtures.ts';

const t = (s: string): number => at('GMT', `2024-05-14T${s}`);
// Aggregation window 01:00-06:00, run-aggregates false so that manual aggregation is possible.
const o = makeTestOptions({ aggregateSchedule: '0 1', aggregateDuration: 300, runAggregates: false });

function state(instances: JobInstance[] = [], server: SchedulerState['server'] = 'Normal'): SchedulerState {
  return {
    server,
    schemaPresent: true,
    instances,
    lastEnded: {},
    lastMaintenanceCompletedAt: null,
    aggregationFailures: { consecutive: 0, lastFailedAt: null },
    memory: initialMemory(),
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

function refusal(d: ManagerDecision): string {
  assert.equal(d.outcome, 'refuse', JSON.stringify(d));
  return d.outcome === 'refuse' ? `${d.httpStatus} ${d.message}` : '';
}

const run = (job: string, parameters?: string): ManagerRequest => ({ kind: 'run', job, parameters });

describe('Manager rules M1-M9', () => {
  it('M1: a job already Running or Scheduled is refused (409), naming it', () => {
    const s = state([inst({ id: '812', job: 'Job_TransformGIM' })]);
    assert.equal(
      refusal(decideManagerRequest(o, t('10:00'), s, run('Job_TransformGIM'))),
      '409 M1: Job_TransformGIM 812 (Running) already exists; the request is refused, not queued',
    );
    const s2 = state([inst({ id: '9', job: 'Job_MaintainGIM', status: 'Scheduled', startedAt: null })]);
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), s2, run('Job_MaintainGIM'))),
      /^409 M1: Job_MaintainGIM 9 \(Scheduled\)/,
    );
  });

  it('M2: unknown names (case-sensitive) and Job_UpdateStats/Job_ExportGIM are 400, listing runnable jobs', () => {
    const list =
      'Job_InitializeGIM, Job_MigrateGIM, Job_ExtractICON, Job_TransformGIM, Job_AggregateGIM, Job_MaintainGIM';
    assert.equal(
      refusal(decideManagerRequest(o, t('10:00'), state(), run('job_extracticon'))),
      `400 M2: unknown job "job_extracticon"; runnable jobs: ${list}`,
    );
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), state(), run('Job_UpdateStats'))),
      /^400 M2: Job_UpdateStats cannot be run/,
    );
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), state(), run('Job_ExportGIM'))),
      /^400 M2: Job_ExportGIM cannot be run.*Job_MaintainGIM$/,
    );
  });

  it('M3: only Job_AggregateGIM takes parameters; blank ones are fine elsewhere', () => {
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), state(), run('Job_TransformGIM', '-x'))),
      /^400 M3: Job_TransformGIM takes no parameters/,
    );
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), state(), run('Job_MigrateGIM', '-make-export-views'))),
      /^400 M3: .*-make-export-views is given to a one-job run/,
    );
    assert.equal(
      decideManagerRequest(o, t('10:00'), state(), run('Job_TransformGIM', '   ')).outcome,
      'accept',
    );
  });

  it('M4: Blocked refuses all but Job_InitializeGIM; migration all but Job_MigrateGIM', () => {
    const blocked = state([], 'Blocked');
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), blocked, run('Job_ExtractICON'))),
      /^409 M4: the server is Blocked/,
    );
    assert.equal(decideManagerRequest(o, t('10:00'), blocked, run('Job_InitializeGIM')).outcome, 'accept');
    const migration = state([], 'Migration');
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), migration, run('Job_InitializeGIM'))),
      /^409 M4: .*migration state/,
    );
    assert.equal(decideManagerRequest(o, t('10:00'), migration, run('Job_MigrateGIM')).outcome, 'accept');
  });

  it('M5: starts at once beside anything, but waits Scheduled while scheduler maintenance runs', () => {
    const busy = state([
      inst({ id: '1', job: 'Job_ExtractICON' }),
      inst({ id: '2', job: 'Job_AggregateGIM' }),
    ]);
    const d = decideManagerRequest(o, t('10:00'), busy, run('Job_TransformGIM'));
    assert.equal(d.outcome === 'accept' && d.action, 'start');
    const maint = state([inst({ id: '44', job: 'Job_MaintainGIM' })]);
    const w = decideManagerRequest(o, t('10:00'), maint, run('Job_TransformGIM'));
    assert.deepEqual(w.outcome === 'accept' && [w.action, w.waitReason], [
      'schedule',
      'M5: waits for scheduler maintenance Job_MaintainGIM 44',
    ]);
  });

  it('M6: manual maintenance starts beside other jobs with a warning listing them', () => {
    const s = state([inst({ id: '1', job: 'Job_ExtractICON' }), inst({ id: '2', job: 'Job_UpdateStats' })]);
    const d = decideManagerRequest(o, t('10:00'), s, run('Job_MaintainGIM'));
    assert.equal(d.outcome === 'accept' && d.action, 'start');
    assert.match(
      d.outcome === 'accept' ? (d.warnings[0] ?? '') : '',
      /^M6: .*Job_ExtractICON 1, Job_UpdateStats 2.*run-scheduler=false and run-update-stats=false/,
    );
  });

  it('M7: aggregation only with run-aggregates=false, inside a window, with an engine; else 409 naming the condition', () => {
    assert.equal(decideManagerRequest(o, t('02:00'), state(), run('Job_AggregateGIM')).outcome, 'accept');
    assert.match(
      refusal(decideManagerRequest(o, t('07:00'), state(), run('Job_AggregateGIM'))),
      /^409 M7: .*outside every aggregation window/,
    );
    const on = makeTestOptions({ ...o, runAggregates: true });
    assert.match(
      refusal(decideManagerRequest(on, t('02:00'), state(), run('Job_AggregateGIM'))),
      /^409 M7: .*run-aggregates=true/,
    );
    const noEngine = makeTestOptions({ ...o, aggregationEngineEnabled: false });
    assert.match(
      refusal(decideManagerRequest(noEngine, t('02:00'), state(), run('Job_AggregateGIM'))),
      /^409 M7: Job_AggregateGIM cannot be started: no aggregation engine/,
    );
  });

  it('M8: parameters validated first; queued for a running aggregation; else start ignoring them, or refuse', () => {
    const p = '-insertPendingAgg H_AGENT-HOUR:2024-05-01:2024-05-02';
    assert.match(
      refusal(
        decideManagerRequest(
          o,
          t('02:00'),
          state(),
          run('Job_AggregateGIM', '-insertPendingAgg H_NOPE-HOUR:2024-05-01:2024-05-02'),
        ),
      ),
      /^400 M8: invalid parameters: unknown hierarchy "H_NOPE"/,
    );
    const running = state([inst({ id: '77', job: 'Job_AggregateGIM' })]);
    const q = decideManagerRequest(o, t('09:00'), running, run('Job_AggregateGIM', p));
    assert.equal(q.outcome, 'queued');
    assert.equal(q.outcome === 'queued' && q.id, '77');
    assert.deepEqual(q.outcome === 'queued' && q.request.hierarchies, ['H_AGENT']);
    const s = decideManagerRequest(o, t('02:00'), state(), run('Job_AggregateGIM', p));
    assert.equal(s.outcome === 'accept' && s.action, 'start');
    assert.match(s.outcome === 'accept' ? (s.warnings[0] ?? '') : '', /parameters were ignored: resubmit/);
    assert.match(
      refusal(decideManagerRequest(o, t('09:00'), state(), run('Job_AggregateGIM', p))),
      /^409 M7: .*M8/,
    );
  });

  it('M9: Stop/Cancel of Scheduled = Cancel; Stop of Running = graceful; finished 409, unknown 404', () => {
    const s = state([
      inst({ id: '1', job: 'Job_ExportGIM', status: 'Scheduled', startedAt: null }),
      inst({ id: '2', job: 'Job_TransformGIM' }),
    ]);
    const stopScheduled = decideManagerRequest(o, t('10:00'), s, { kind: 'stop', id: '1' });
    assert.equal(stopScheduled.outcome === 'accept' && stopScheduled.action, 'cancel');
    const stopRunning = decideManagerRequest(o, t('10:00'), s, { kind: 'stop', id: '2' });
    assert.equal(stopRunning.outcome === 'accept' && stopRunning.action, 'stop');
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), s, { kind: 'cancel', id: '2' })),
      /^409 M9: .*use Stop/,
    );
    assert.equal(decideManagerRequest(o, t('10:00'), s, { kind: 'kill', id: '2' }).outcome, 'accept');
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), s, { kind: 'stop', id: '3', finished: true })),
      /^409 M9: job 3 has already finished/,
    );
    assert.match(
      refusal(decideManagerRequest(o, t('10:00'), s, { kind: 'cancel', id: '99' })),
      /^404 M9: unknown job id 99/,
    );
  });

  it('M9: stopping scheduler-controlled aggregation inside its window warns that R15 restarts it', () => {
    const on = makeTestOptions({ ...o, runAggregates: true });
    const s = state([inst({ id: '5', job: 'Job_AggregateGIM' })]);
    const d = decideManagerRequest(on, t('02:00'), s, { kind: 'stop', id: '5' });
    assert.match(d.outcome === 'accept' ? (d.warnings[0] ?? '') : '', /R15 restarts it/);
    const outside = decideManagerRequest(on, t('09:00'), s, { kind: 'stop', id: '5' });
    assert.deepEqual(outside.outcome === 'accept' && outside.warnings, []);
  });
});

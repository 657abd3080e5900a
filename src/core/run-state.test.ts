import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  RUN_STATUSES,
  assertTransition,
  canTransition,
  fromDbStatus,
  isFinalStatus,
  toDbStatus,
} from './run-state.ts';

describe('run statuses (jobs reference 4)', () => {
  it('allows exactly the section-4 transitions', () => {
    const allowed = RUN_STATUSES.flatMap((from) =>
      RUN_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    assert.deepEqual(allowed, [
      'Scheduled->Running',
      'Scheduled->Canceled',
      'Running->Completed',
      'Running->Failed',
      'Running->Stopped',
    ]);
  });
  it('assertTransition throws naming the allowed next statuses', () => {
    assert.doesNotThrow(() => assertTransition('Scheduled', 'Running'));
    assert.throws(
      () => assertTransition('Scheduled', 'Completed'),
      /Scheduled -> Completed; Scheduled may become Running, Canceled/,
    );
    assert.throws(() => assertTransition('Canceled', 'Running'), /nothing \(final\)/);
  });
  it('final statuses and the stored spelling', () => {
    assert.deepEqual(RUN_STATUSES.filter(isFinalStatus), ['Completed', 'Failed', 'Stopped', 'Canceled']);
    assert.equal(toDbStatus('Completed'), 'COMPLETE');
    for (const s of RUN_STATUSES) assert.equal(fromDbStatus(toDbStatus(s)), s);
    assert.throws(() => fromDbStatus('DONE'), /unknown CTL_ETL_HISTORY status "DONE"/);
  });
});

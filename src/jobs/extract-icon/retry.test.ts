import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeFakeClock } from '../../../test/helpers/fake-clock.ts';
import type { FakeClock } from '../../../test/helpers/fake-clock.ts';
import { DbError, JobStoppedError } from '../../errors.ts';
import { withRetries } from './retry.ts';

/** Lets the retry loop reach its pause before the test moves the clock. */
async function paused(clock: FakeClock): Promise<void> {
  for (let i = 0; i < 100 && clock.pending() === 0; i++) await new Promise<void>((r) => setImmediate(r));
  assert.equal(clock.pending(), 1, 'the retry loop is not pausing');
}

const deadlock = (): DbError => new DbError('deadlock detected', '40P01', 'x');

describe('withRetries', () => {
  it('retries a transient error after the delay, then succeeds', async () => {
    const clock = makeFakeClock(0);
    let calls = 0;
    const p = withRetries(
      () => {
        calls++;
        return calls < 3 ? Promise.reject(deadlock()) : Promise.resolve('ok');
      },
      { clock, delayMs: 30_000 },
    );
    await paused(clock);
    await clock.advance(29_999);
    assert.equal(calls, 1);
    await clock.advance(1);
    await paused(clock);
    await clock.advance(30_000);
    assert.equal(await p, 'ok');
    assert.equal(calls, 3);
  });

  it('gives up after 3 retries and never retries other errors', async () => {
    const clock = makeFakeClock(0);
    let calls = 0;
    const p = withRetries(
      () => {
        calls++;
        return Promise.reject(deadlock());
      },
      { clock },
    );
    const failed = assert.rejects(p, /deadlock/);
    for (let i = 0; i < 3; i++) {
      await paused(clock);
      await clock.advance(30_000);
    }
    await failed;
    assert.equal(calls, 4);
    let other = 0;
    await assert.rejects(
      withRetries(
        () => {
          other++;
          return Promise.reject(new DbError('syntax', '42601', 'y'));
        },
        { clock },
      ),
      /syntax/,
    );
    assert.equal(other, 1);
  });

  it('ends with JobStoppedError when a stop arrives during the pause', async () => {
    const clock = makeFakeClock(0);
    const stop = new AbortController();
    const p = withRetries(() => Promise.reject(deadlock()), { clock, signal: stop.signal });
    await paused(clock);
    stop.abort('operator');
    await assert.rejects(p, JobStoppedError);
  });
});

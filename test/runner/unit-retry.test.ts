// The transient-error classification and the retry pause, on the injected clock.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeFakeClock, type FakeClock } from '../helpers/fake-clock.ts';
import { DbError, JobStoppedError } from '../../src/errors.ts';
import { transientReason } from '../../src/runner/transient-errors.ts';
import { JobKilledError, makeKillSwitch } from '../../src/runner/kill-switch.ts';
import { TransientRetriesExhaustedError, runUnitWithRetries } from '../../src/runner/unit-retry.ts';

const dbError = (code: string): DbError => new DbError(`x ${code}`, code, 'q');

describe('transientReason', () => {
  it('names the transient SQLSTATEs, socket codes and lost-connection messages', () => {
    assert.equal(transientReason(dbError('40001')), 'serialization failure (40001)');
    assert.equal(transientReason(dbError('40P01')), 'deadlock detected (40P01)');
    assert.equal(transientReason(dbError('57P01')), 'admin shutdown (57P01)');
    assert.equal(transientReason(dbError('55P03')), 'lock not available (lock time-out) (55P03)');
    assert.equal(transientReason(dbError('08P01')), 'connection exception (08P01)');
    assert.equal(transientReason(dbError('ECONNRESET')), 'connection reset (ECONNRESET)');
    assert.equal(transientReason(new Error('Connection terminated unexpectedly')), 'connection lost');
    const wrapped = new DbError('outer', undefined, 'q', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    assert.equal(transientReason(wrapped), 'connection refused (ECONNREFUSED)');
  });

  it('leaves everything else, a cancelled statement and a stop included', () => {
    for (const code of ['23505', '42601', '57014', '22012'])
      assert.equal(transientReason(dbError(code)), null);
    assert.equal(transientReason(new Error('boom')), null);
    assert.equal(transientReason(new JobStoppedError('stopped')), null);
    assert.equal(transientReason(new Error('PGlite worker exited (code 1)')), null);
  });
});

async function pausing(clock: FakeClock): Promise<void> {
  for (let i = 0; i < 1000 && clock.pending() === 0; i++) await new Promise<void>((r) => setImmediate(r));
  assert.equal(clock.pending(), 1, 'the retry is not pausing');
}

describe('runUnitWithRetries', () => {
  const policy = { retries: 3, delayMs: 30_000 };

  it('waits the delay between attempts, then succeeds', async () => {
    const clock = makeFakeClock(0);
    const warnings: string[] = [];
    let calls = 0;
    const p = runUnitWithRetries(
      'unit',
      () => (++calls < 2 ? Promise.reject(dbError('40001')) : Promise.resolve('ok')),
      {
        clock,
        policy,
        signal: new AbortController().signal,
        kill: makeKillSwitch(),
        onRetry: (w) => warnings.push(w),
      },
    );
    await pausing(clock);
    await clock.advance(29_999);
    assert.equal(calls, 1);
    await clock.advance(1);
    assert.equal(await p, 'ok');
    assert.equal(calls, 2);
    assert.deepEqual(warnings, [
      'unit: serialization failure (40001); the unit was rolled back, retry 1 of 3 in 30 s',
    ]);
  });

  it('gives up after the retries with an error no outer retry loop takes for transient', async () => {
    const clock = makeFakeClock(0);
    let calls = 0;
    const p = runUnitWithRetries(
      'unit',
      () => {
        calls++;
        return Promise.reject(dbError('40P01'));
      },
      {
        clock,
        policy,
        signal: new AbortController().signal,
        kill: makeKillSwitch(),
        onRetry: () => undefined,
      },
    );
    const failed = assert.rejects(
      p,
      (e: unknown) => e instanceof TransientRetriesExhaustedError && !(e instanceof DbError),
    );
    for (let i = 0; i < 3; i++) {
      await pausing(clock);
      await clock.advance(30_000);
    }
    await failed;
    assert.equal(calls, 4);
  });

  it('ends with a stop, or a kill, arriving during the pause', async () => {
    const clock = makeFakeClock(0);
    const stop = new AbortController();
    const kill = makeKillSwitch();
    const deps = { clock, policy, signal: stop.signal, kill, onRetry: () => undefined };
    const stopped = runUnitWithRetries('unit', () => Promise.reject(dbError('40001')), deps);
    await pausing(clock);
    stop.abort('operator');
    await assert.rejects(
      stopped,
      (e: unknown) => e instanceof JobStoppedError && !(e instanceof JobKilledError),
    );

    const stop2 = new AbortController();
    const killed = runUnitWithRetries('unit', () => Promise.reject(dbError('40001')), {
      ...deps,
      signal: stop2.signal,
    });
    await pausing(clock);
    kill.kill('killed');
    stop2.abort('killed');
    await assert.rejects(killed, JobKilledError);
  });
});

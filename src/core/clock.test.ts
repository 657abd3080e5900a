import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeFakeClock } from '../../test/helpers/fake-clock.ts';
import { makeSystemClock } from './clock.ts';

describe('makeSystemClock', () => {
  it('reads the real time and rejects an aborted sleep at once', async () => {
    const c = makeSystemClock();
    assert.ok(Math.abs(c.now() - new Date().getTime()) < 5_000);
    const ac = new AbortController();
    ac.abort(new Error('stop now'));
    await assert.rejects(c.sleep(60_000, ac.signal), /stop now/);
    const ac2 = new AbortController();
    const p = c.sleep(60_000, ac2.signal);
    ac2.abort(new Error('later'));
    await assert.rejects(p, /later/);
    await c.sleep(0);
  });
});

describe('fake clock (test/helpers/fake-clock.ts)', () => {
  it('sleepers wake in deadline order when time is advanced past them, each at its own instant', async () => {
    const c = makeFakeClock(1_000);
    const woke: [string, number][] = [];
    void c.sleep(500).then(() => woke.push(['b', c.now()]));
    void c.sleep(100).then(() => woke.push(['a', c.now()]));
    void c.sleep(5_000).then(() => woke.push(['c', c.now()]));
    await c.advance(499);
    assert.deepEqual(woke, [['a', 1_100]]);
    await c.advance(1);
    assert.deepEqual(woke, [
      ['a', 1_100],
      ['b', 1_500],
    ]);
    assert.equal(c.pending(), 1);
    await c.set(10_000);
    assert.deepEqual(woke.at(-1), ['c', 6_000]);
    assert.equal(c.now(), 10_000);
  });
  it('rewind wakes nobody; skew shifts now() only; abort rejects', async () => {
    const c = makeFakeClock(10_000);
    let woke = false;
    void c.sleep(100).then(() => (woke = true));
    c.rewind(5_000);
    assert.equal(c.now(), 5_000);
    await c.set(5_050);
    assert.equal(woke, false);
    c.skew(-60_000);
    assert.equal(c.now(), 5_050 - 60_000);
    c.skew(0);
    const ac = new AbortController();
    const p = c.sleep(1_000, ac.signal);
    ac.abort(new Error('bye'));
    await assert.rejects(p, /bye/);
    await c.advance(10_000);
    assert.equal(woke, true);
  });
});

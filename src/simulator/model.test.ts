// Unit tests of the pure simulator model (no database): seeded randomness, the agenda, staffing,
// IDB layout and gaps, and the in-memory rows of a simulated day.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeAgenda } from './agenda.ts';
import { planGaps, planLayout } from './layout.ts';
import { makeRng } from './rng.ts';
import type { SimRow } from './row-log.ts';
import { planShifts, requiredAgents, SHIFT_HOURS } from './staffing.ts';
import { makeTraffic } from './traffic.ts';
import { ConfigError } from '../errors.ts';

const FROM = Date.UTC(2024, 2, 5) / 1000;

function day(seed: number, calls = 400): SimRow[] {
  const t = makeTraffic({ from: FROM, days: 1, callsPerDay: calls, seed });
  t.runUntil(FROM + 86400);
  return t.log.drain();
}

describe('simulator model', () => {
  it('draws the same numbers for the same seed, within their ranges', () => {
    const a = makeRng(9);
    const b = makeRng(9);
    const xs = Array.from({ length: 200 }, () => a.int(3, 7));
    assert.deepEqual(
      xs,
      Array.from({ length: 200 }, () => b.int(3, 7)),
    );
    assert.ok(xs.every((x) => x >= 3 && x <= 7));
    assert.deepEqual(new Set(xs), new Set([3, 4, 5, 6, 7]));
    const ln = Array.from({ length: 500 }, () => a.lognormal(60, 0.5, 10, 100));
    assert.ok(ln.every((x) => Number.isInteger(x) && x >= 10 && x <= 100));
    assert.notDeepEqual(
      Array.from({ length: 20 }, () => makeRng(1).next()),
      Array.from({ length: 20 }, () => makeRng(2).next()),
    );
  });

  it('runs agenda tasks in time order, including tasks pushed while running', () => {
    const agenda = makeAgenda();
    const seen: number[] = [];
    for (const t of [50, 10, 30]) agenda.push(t, (at) => seen.push(at));
    agenda.push(20, (at) => {
      seen.push(at);
      agenda.push(25, (x) => seen.push(x));
      agenda.push(99, (x) => seen.push(x));
    });
    assert.equal(agenda.runUntil(60), 5);
    assert.deepEqual(seen, [10, 20, 25, 30, 50]);
    assert.equal(agenda.size, 1);
  });

  it('plans shifts that cover the required agents in every hour', () => {
    const need = requiredAgents([
      0, 0, 0, 0, 0, 0, 1, 2, 5, 9, 12, 12, 10, 10, 11, 10, 8, 6, 4, 3, 2, 1, 0, 0,
    ]);
    const starts = planShifts(need);
    for (let h = 0; h < 24; h++) {
      const on = starts.filter((s) => (h - s + 24) % 24 < Math.floor(SHIFT_HOURS)).length;
      assert.ok(on >= (need[h] ?? 0), `hour ${h}: ${on} < ${need[h]}`);
    }
  });

  it('lays out sites and HA pairs, with gaps that never overlap', () => {
    assert.deepEqual(
      planLayout(4, true, 0.3).map((r) => [r.site, r.role]),
      [
        [0, 'primary'],
        [0, 'backup'],
        [1, 'primary'],
        [1, 'backup'],
      ],
    );
    assert.throws(() => planLayout(3, true, 0), ConfigError);
    const gaps = planGaps(FROM, 3, makeRng(1));
    assert.equal(gaps.primary.length, 3);
    for (const p of gaps.primary)
      for (const b of gaps.backup) assert.ok(p.end <= b.start || b.end <= p.start);
  });

  it('produces the same rows for the same seed and other rows for another seed', () => {
    const strip = (rows: SimRow[]): string => JSON.stringify(rows.map((r) => [r.table, r.v, r.ins, r.upd]));
    const a = day(5);
    assert.equal(strip(a), strip(day(5)));
    assert.notEqual(strip(a), strip(day(6)));
  });

  it('keeps every row coherent in memory: parties on known calls, updates after inserts', () => {
    const rows = day(8);
    const calls = new Set(rows.filter((r) => r.table === 'g_call').map((r) => r.v.callid));
    const irs = new Set(rows.filter((r) => r.table === 'g_ir').map((r) => r.v.irid));
    for (const r of rows) {
      if (r.table === 'g_party')
        assert.ok(calls.has(r.v.callid), `party on unknown call ${String(r.v.callid)}`);
      if (r.table === 'g_call') assert.ok(irs.has(r.v.irid));
      if (r.upd !== undefined) assert.ok(r.upd >= r.ins, `${r.table} updated before inserted`);
    }
    // Agent state rows chain: each row's PrevState is the state of the row before it.
    const last = new Map<string, number>();
    for (const r of rows.filter((x) => x.table === 'g_agent_state_history')) {
      const key = `${String(r.v.loginsessionid)}/${String(r.v.mediatype)}`;
      assert.equal(r.v.prevstate, last.get(key) ?? 1);
      last.set(key, Number(r.v.state));
    }
  });
});

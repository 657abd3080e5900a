import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseZone } from './zone.ts';

describe('parseZone', () => {
  it('accepts IANA ids, canonicalizing their spelling', () => {
    assert.deepEqual(parseZone('America/Chicago'), {
      ok: true,
      zone: { kind: 'iana', id: 'America/Chicago' },
    });
    assert.deepEqual(parseZone('europe/london'), { ok: true, zone: { kind: 'iana', id: 'Europe/London' } });
  });
  it('accepts GMT and UTC as fixed zero offsets', () => {
    assert.deepEqual(parseZone('GMT'), { ok: true, zone: { kind: 'fixed', id: 'GMT', offsetMinutes: 0 } });
    assert.deepEqual(parseZone(' UTC '), { ok: true, zone: { kind: 'fixed', id: 'UTC', offsetMinutes: 0 } });
  });
  it('accepts GMT+H[H][:mm] and GMT-H[H][:mm]', () => {
    assert.deepEqual(parseZone('GMT+5'), {
      ok: true,
      zone: { kind: 'fixed', id: 'GMT+5', offsetMinutes: 300 },
    });
    assert.deepEqual(parseZone('GMT-05:30'), {
      ok: true,
      zone: { kind: 'fixed', id: 'GMT-05:30', offsetMinutes: -330 },
    });
    assert.deepEqual(parseZone('GMT+14'), {
      ok: true,
      zone: { kind: 'fixed', id: 'GMT+14', offsetMinutes: 840 },
    });
  });
  it('rejects unknown ids and malformed offsets with a reason', () => {
    for (const bad of [
      'Mars/Olympus',
      '+05:00',
      'GMT+15',
      'GMT+5:75',
      'GMT+123',
      'GMT+',
      '',
      'America/Chicago x',
    ]) {
      const r = parseZone(bad);
      assert.equal(r.ok, false, bad);
      assert.ok(!r.ok && r.reason.length > 0);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInsertPendingAgg } from './insert-pending-agg.ts';
import { zoneOf } from './zone.ts';

function ok(text: string, isKnownDate?: (d: string) => boolean) {
  const r = parseInsertPendingAgg(text, isKnownDate);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.request;
}

function message(
  text: string,
  ...rest: Parameters<typeof parseInsertPendingAgg> extends [string, ...infer R] ? R : never
): string {
  const r = parseInsertPendingAgg(text, ...rest);
  assert.ok(!r.ok, `expected "${text}" to be rejected`);
  return r.message;
}

describe('parseInsertPendingAgg (jobs reference 5.4)', () => {
  it('ALLSETS: one ALL row from the lowest level', () => {
    const r = ok('  -insertPendingAgg ALLSETS:2014-05-01:2014-05-31  ');
    assert.deepEqual(
      { h: r.hierarchies, all: r.allSets, level: r.level, flavor: r.flavor, start: r.start, end: r.end },
      { h: ['ALL'], all: true, level: 'SUBHOUR', flavor: null, start: '2014-05-01', end: '2014-05-31' },
    );
  });
  it('a hierarchy list with level and flavor; aliases normalized; duplicates once', () => {
    const r = ok(
      '-insertPendingAgg H_AGENT,H_CAMPAGN,H_AGENT_CAMPAGN,H_AGENT-DAY.Online:2014-05-01:2014-05-02',
    );
    assert.deepEqual(r.hierarchies, ['H_AGENT', 'H_CAMPAIGN', 'H_AGENT_CAMPAIGN']);
    assert.equal(r.level, 'DAY');
    assert.equal(r.flavor, 'Online');
  });
  it('an empty list means all hierarchies', () => {
    const r = ok('-insertPendingAgg\t-HOUR:2014-05-01:2014-05-01');
    assert.deepEqual(r.hierarchies, ['ALL']);
    assert.equal(r.allSets, false);
    assert.equal(r.level, 'HOUR');
  });
  it('range = START 00:00 through the end of END in date-time-tz', () => {
    const r = parseInsertPendingAgg('-insertPendingAgg -HOUR:2014-05-01:2014-05-02', undefined, {
      now: Date.parse('2014-06-01T00:00:00Z'),
      daysToKeepGimFacts: 400,
      dateTimeTz: zoneOf('America/Chicago'),
    });
    assert.ok(r.ok);
    assert.equal(new Date(r.request.rangeStartMs ?? 0).toISOString(), '2014-05-01T05:00:00.000Z');
    assert.equal(new Date(r.request.rangeEndMs ?? 0).toISOString(), '2014-05-03T05:00:00.000Z');
  });
  it('is case-sensitive and names the bad part with the allowed values', () => {
    assert.match(
      message('-insertpendingagg ALLSETS:2014-05-01:2014-05-02'),
      /must start with -insertPendingAgg/,
    );
    assert.match(
      message('-insertPendingAgg h_agent-HOUR:2014-05-01:2014-05-02'),
      /unknown hierarchy "h_agent"; allowed: H_AGENT, H_ID, /,
    );
    assert.match(
      message('-insertPendingAgg H_AGENT-WEEK:2014-05-01:2014-05-02'),
      /unknown level "WEEK"; allowed: SUBHOUR, HOUR, DAY, MONTH, QUARTER, YEAR/,
    );
    assert.match(
      message('-insertPendingAgg H_AGENT-HOUR.online:2014-05-01:2014-05-02'),
      /unknown flavor "online"; allowed: Online, Offline/,
    );
    assert.match(message('-insertPendingAgg H_AGENT:2014-05-01:2014-05-02'), /has no "-LEVEL"/);
    assert.match(message('-insertPendingAgg allsets:2014-05-01:2014-05-02'), /has no "-LEVEL"/);
  });
  it('missing parts, bad or absent dates, START > END', () => {
    assert.match(message('-insertPendingAgg'), /AGR_SET, START and END are missing/);
    assert.match(message('-insertPendingAgg ALLSETS:2014-05-01'), /2 part\(s\).*3 required/);
    assert.match(message('-insertPendingAgg ALLSETS::2014-05-01'), /START date is missing/);
    assert.match(message('-insertPendingAgg ALLSETS:2014-05-01:'), /END date is missing/);
    assert.match(
      message('-insertPendingAgg ALLSETS:2014-02-30:2014-05-01'),
      /START "2014-02-30" is not a valid date YYYY-MM-DD/,
    );
    assert.match(
      message('-insertPendingAgg ALLSETS:2014-05-03:2014-05-01'),
      /START 2014-05-03 is after END 2014-05-01/,
    );
    assert.match(
      message('-insertPendingAggALLSETS:2014-05-03:2014-05-04'),
      /must start with -insertPendingAgg/,
    );
  });
  it('dates must be present in DATE_TIME', () => {
    const known = (d: string): boolean => d >= '2014-01-01';
    assert.match(
      message('-insertPendingAgg ALLSETS:2013-12-31:2014-05-01', known),
      /START 2013-12-31 is not in the calendar \(DATE_TIME\)/,
    );
  });
  it('START beyond fact retention is refused', () => {
    const m = message('-insertPendingAgg ALLSETS:2014-01-01:2014-05-01', undefined, {
      now: Date.parse('2014-06-01T00:00:00Z'),
      daysToKeepGimFacts: 30,
      dateTimeTz: zoneOf('UTC'),
    });
    assert.match(m, /START 2014-01-01 is beyond fact retention \(days-to-keep-gim-facts = 30\)/);
  });
});

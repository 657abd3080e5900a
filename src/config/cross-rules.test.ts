import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { insideCircularRange } from './cross-rules.ts';
import { loadConfig } from './load.ts';

const DAPS = `[dap:im]
role = INFO_MART
url = pglite:memory
[dap:core]
role = ICON_CFG, ICON_CORE
url = postgres://idb:5432/icon
`;
const ENGINE = 'GIMAgg.GimInterfaceImpl.AggregationImpl';

function issues(text: string): ConfigIssue[] {
  try {
    loadConfig({ text: DAPS + text });
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return [...err.issues];
  }
}

/** Exactly one issue, in the section-7 form, whose message also matches `expected`. */
function one(text: string, where: string, value: string, expected: RegExp): void {
  const found = issues(text);
  assert.equal(found.length, 1, `${text}\n${found.map((i) => i.message).join('\n')}`);
  const msg = found[0]?.message ?? '';
  assert.ok(msg.startsWith(`${where}: "${value}" is not valid; expected `), msg);
  assert.match(msg, expected);
}

const schedule = (lines: string) => `[schedule]\n${lines}\n`;

describe('C3: maintain-start-time outside the ETL window', () => {
  it('is a circular inclusive range; equal ends are the whole day', () => {
    assert.equal(insideCircularRange(180, 240, 120), false);
    assert.equal(insideCircularRange(60, 240, 120), true);
    assert.equal(insideCircularRange(120, 240, 120), true);
    assert.equal(insideCircularRange(240, 240, 120), true);
    assert.equal(insideCircularRange(121, 240, 120), false);
    assert.equal(insideCircularRange(239, 240, 120), false);
    assert.equal(insideCircularRange(700, 360, 1200), true);
    assert.equal(insideCircularRange(1201, 360, 1200), false);
    assert.equal(insideCircularRange(0, 500, 500), true);
  });

  it('accepts the defaults (03:00 outside 04:00..02:00) and times outside a window crossing midnight', () => {
    assert.deepEqual(issues(''), []);
    assert.deepEqual(issues(schedule('maintain-start-time = 2:01')), []);
    assert.deepEqual(issues(schedule('maintain-start-time = 3:59')), []);
  });

  it('rejects times inside a window crossing midnight, ends included', () => {
    const rule =
      /outside the ETL window 04:00\.\.02:00 \(etl-start-time\.\.etl-end-time, ends included\) while run-maintain = true \(C3\)$/;
    for (const t of ['05:00', '23:59', '24:00', '0:30', '02:00', '04:00']) {
      one(schedule(`maintain-start-time = ${t}`), 'schedule.maintain-start-time', t, rule);
    }
  });

  it('checks a window inside one day', () => {
    const win = 'etl-start-time = 06:00\netl-end-time = 20:00\n';
    assert.deepEqual(issues(schedule(`${win}maintain-start-time = 03:00`)), []);
    assert.deepEqual(issues(schedule(`${win}maintain-start-time = 20:01`)), []);
    one(
      schedule(`${win}maintain-start-time = 20:00`),
      'schedule.maintain-start-time',
      '20:00',
      /06:00\.\.20:00 .*\(C3\)$/,
    );
    one(schedule(`${win}maintain-start-time = 12:00`), 'schedule.maintain-start-time', '12:00', /\(C3\)$/);
  });

  it('with equal ends (24-h window) every maintain time conflicts; names the default value if unset', () => {
    one(
      schedule('etl-start-time = 04:00\netl-end-time = 4:00'),
      'schedule.maintain-start-time',
      '03:00',
      /etl-start-time = etl-end-time \(04:00\) makes it 24 h.*\(C3\)$/,
    );
  });

  it('does not apply with run-maintain = false, nor when a time is invalid (one message only)', () => {
    assert.deepEqual(issues(schedule('run-maintain = false\nmaintain-start-time = 05:00')), []);
    const found = issues(schedule('etl-start-time = 25:00\nmaintain-start-time = 05:00'));
    assert.deepEqual(
      found.map((i) => i.option),
      ['etl-start-time'],
    );
  });
});

describe('the Genesys sample of jobs reference 3.4', () => {
  it('passes every rule and resolves to its schedule', () => {
    const sample = `[schedule]
run-scheduler = true
timezone = America/Chicago
etl-start-time = 06:30
etl-end-time = 00:30
etl-frequency = 30
run-maintain = true
maintain-start-time = 03:00
run-aggregates = true
aggregate-schedule = 0 4
aggregate-duration = 23:00
run-update-stats = true
run-export = false
on-demand-migration = true
[gim-etl]
aggregation-engine-class-name = ${ENGINE}
`;
    const { config } = loadConfig({ text: DAPS + sample });
    const s = config.schedule;
    assert.deepEqual(
      [s.timezone.id, s.etlStartTime, s.etlEndTime, s.etlFrequency, s.maintainStartTime, s.aggregateDuration],
      ['America/Chicago', 390, 30, 30, 180, 1380],
    );
    assert.deepEqual([s.aggregateSchedule.hours, s.aggregateSchedule.minutes], [[4], [0]]);
    assert.deepEqual([s.runAggregates, s.aggregationEngineEnabled, s.runExport], [true, true, false]);
  });
});

describe('C1, C2: retention', () => {
  it('C1: days-to-keep-cfg-facts >= days-to-keep-gim-facts', () => {
    one(
      '[gim-etl]\ndays-to-keep-cfg-facts = 300\n',
      'gim-etl.days-to-keep-cfg-facts',
      '300',
      /int\[1\.\.36500\] \(days\), >= days-to-keep-gim-facts \(400\) \(C1\)$/,
    );
    assert.deepEqual(issues('[gim-etl]\ndays-to-keep-cfg-facts = 300\ndays-to-keep-gim-facts = 300\n'), []);
  });

  it('C2: start-date set => days-to-keep-discards-and-job-history >= days-to-keep-gim-facts', () => {
    const short = '[gim-etl]\ndays-to-keep-discards-and-job-history = 300\n';
    assert.deepEqual(issues(short), []);
    one(
      `${short}[gim-export]\nstart-date = 2024-01-01 00:00:00\n`,
      'gim-etl.days-to-keep-discards-and-job-history',
      '300',
      />= days-to-keep-gim-facts \(400\) while gim-export\.start-date is set \(C2\)$/,
    );
  });
});

describe('C4: run-aggregates needs the engine', () => {
  it('rejects run-aggregates = true with the engine unset or none', () => {
    const expected = new RegExp(
      `expected false while gim-etl\\.aggregation-engine-class-name is not ${ENGINE.replace(/\./g, '\\.')} \\(C4\\)$`,
    );
    one(schedule('run-aggregates = true'), 'schedule.run-aggregates', 'true', expected);
    one(
      `${schedule('run-aggregates = true')}[gim-etl]\naggregation-engine-class-name = none\n`,
      'schedule.run-aggregates',
      'true',
      expected,
    );
    assert.deepEqual(
      issues(`${schedule('run-aggregates = true')}[gim-etl]\naggregation-engine-class-name = ${ENGINE}\n`),
      [],
    );
  });
});

describe('C5: aggregation delay minimums', () => {
  it('accepts 0 and products reaching the minimum, rejects less', () => {
    const ok =
      'agg-level-day-delay = 60*60\nagg-level-week-delay = 10800\nagg-level-month-delay = 60*60*12\nagg-level-quarter-delay = 43200\nagg-level-year-delay = 60*60*24\n';
    const { config } = loadConfig({ text: `${DAPS}[agg]\n${ok}` });
    assert.deepEqual(config.agg.levelDelays, {
      day: 3600,
      week: 10800,
      month: 43200,
      quarter: 43200,
      year: 86400,
    });
    const cases: [string, string, number][] = [
      ['agg-level-day-delay', '1800', 3600],
      ['agg-level-week-delay', '3600', 10800],
      ['agg-level-month-delay', '60*60*11', 43200],
      ['agg-level-quarter-delay', '43199', 43200],
      ['agg-level-year-delay', '60*60*12', 86400],
    ];
    for (const [option, value, min] of cases) {
      one(
        `[agg]\n${option} = ${value}\n`,
        `agg.${option}`,
        value,
        new RegExp(`0 or ${min}\\.\\.31622400 seconds \\(C5\\)`),
      );
    }
  });
});

describe('C6: thresholds > 0', () => {
  it('rejects a zero threshold', () => {
    for (const option of ['service-level-threshold', 'short-abandoned-threshold', 'short-engage-threshold']) {
      one(`[agg]\n${option} = 0\n`, `agg.${option}`, '0', /int\[1\.\.86400\] \(seconds, C6: > 0\)$/);
    }
  });
});

describe('C7: min-days-ahead <= max-days-ahead', () => {
  it('checks [date-time] and each custom calendar that sets a bound, once', () => {
    one(
      '[date-time]\ndate-time-min-days-ahead = 400\n',
      'date-time.date-time-min-days-ahead',
      '400',
      /<= date-time-max-days-ahead \(366\) \(C7\)$/,
    );
    // The custom calendar inherits both bounds: the conflict is reported once, on [date-time].
    const inherited = issues(
      '[date-time]\ndate-time-min-days-ahead = 400\n[date-time-x]\ndate-time-table-name = X\n',
    );
    assert.deepEqual(
      inherited.map((i) => i.section),
      ['date-time'],
    );
    one(
      '[date-time-x]\ndate-time-table-name = X\ndate-time-max-days-ahead = 100\n',
      'date-time-x.date-time-min-days-ahead',
      '183',
      /<= date-time-max-days-ahead \(100\) \(C7\)$/,
    );
    assert.deepEqual(issues('[date-time]\ndate-time-min-days-ahead = 366\n'), []);
  });
});

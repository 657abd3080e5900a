import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { describeOptions, loadConfig, loadConfigFile } from './load.ts';

const MIN_DAPS = `[dap:im]
role = INFO_MART
url = pglite:memory

[dap:core]
role = ICON_CFG, ICON_CORE
url = postgres://idb:5432/icon
`;

function issuesOf(text: string): ConfigIssue[] {
  try {
    loadConfig({ text });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return [...err.issues];
  }
  assert.fail('expected a ConfigError');
}

/** The one issue of `text`, checking it names section, option, value and valid values. */
function oneIssue(
  text: string,
  section: string,
  option: string,
  value: string,
  expected: RegExp,
): ConfigIssue {
  const issues = issuesOf(text);
  assert.equal(issues.length, 1, issues.map((i) => i.message).join('\n'));
  const [i] = issues;
  assert.ok(i);
  assert.equal(i.section, section);
  assert.equal(i.option, option);
  assert.equal(i.value, value);
  assert.ok(i.message.startsWith(`${section}.${option}: "${value}" is not valid; expected `), i.message);
  assert.match(i.message, expected);
  return i;
}

describe('loadConfig: values', () => {
  const sch = (line: string) => `${MIN_DAPS}[schedule]\n${line}\n`;

  it('reads set values, with empty = default and aliases normalised', () => {
    const { config } = loadConfig({
      text: `${MIN_DAPS}[schedule]\ntimezone = America/Chicago\netl-start-time = 6:30\netl-end-time = 24:00\netl-frequency =\nmaintain-start-time = 03:00\naggregate-duration = 23:00\n[gim-export]\noutput-files-encoding = iso-8859-1\nstart-date = 2024-01-02 03:04:05\n[agg]\nagg-level-month-delay = 60*60*12\n`,
    });
    assert.equal(config.schedule.timezone.id, 'America/Chicago');
    assert.deepEqual(
      [config.schedule.etlStartTime, config.schedule.etlEndTime, config.schedule.etlFrequency],
      [390, 0, 15],
    );
    assert.equal(config.schedule.aggregateDuration, 1380);
    assert.equal(config.gimExport.outputFilesEncoding, 'latin1');
    assert.equal(config.gimExport.startEpochSeconds, Date.UTC(2024, 0, 2, 3, 4, 5) / 1000);
    assert.equal(config.agg.levelDelays.month, 43200);
  });

  it('rejects each bad value with one message naming section, option, value and valid values', () => {
    const i = oneIssue(
      sch('etl-frequency=abc'),
      'schedule',
      'etl-frequency',
      'abc',
      /expected int\[1\.\.1440\] \(minutes\)$/,
    );
    assert.equal(i.line, 9);
    for (const v of ['25:00', '6:5', '24:30']) {
      oneIssue(
        sch(`etl-start-time = ${v}`),
        'schedule',
        'etl-start-time',
        v,
        /H:mm or HH:mm from 00:00 to 23:59, or 24:00/,
      );
    }
    oneIssue(
      sch('aggregate-duration = 24:01'),
      'schedule',
      'aggregate-duration',
      '24:01',
      /duration H:mm or HH:mm from 0:00 to 24:00$/,
    );
    oneIssue(sch('run-export = yes'), 'schedule', 'run-export', 'yes', /expected true or false$/);
    oneIssue(sch('timezone = Mars/Base'), 'schedule', 'timezone', 'Mars/Base', /IANA zone id/);
    oneIssue(
      `${MIN_DAPS}[gim-etl]\netl-start-date = 2023-02-30\n`,
      'gim-etl',
      'etl-start-date',
      '2023-02-30',
      /YYYY-MM-DD/,
    );
    oneIssue(
      `${MIN_DAPS}[gim-etl]\naggregation-engine-class-name = Other\n`,
      'gim-etl',
      'aggregation-engine-class-name',
      'Other',
      /none, GIMAgg\.GimInterfaceImpl\.AggregationImpl/,
    );
    oneIssue(
      `${MIN_DAPS}[error-policy]\nerror-policy-irf-exception = ignore\n`,
      'error-policy',
      'error-policy-irf-exception',
      'ignore',
      /one of log_db_resume, resume, exception$/,
    );
    oneIssue(
      `${MIN_DAPS}[agg-gim-thld-QUEUE-ABN]\nbounds = 0,5,10\n`,
      'agg-gim-thld-QUEUE-ABN',
      'bounds',
      '0,5,10',
      /20 strictly ascending integers/,
    );
    oneIssue(
      `${MIN_DAPS}[gim-transformation]\nocs-record-field-names = a,b,a\n`,
      'gim-transformation',
      'ocs-record-field-names',
      'a,b,a',
      /at most 10 distinct/,
    );
  });

  it('gives the cron message of section 2 for a one-field cron', () => {
    const issues = issuesOf(sch('update-stats-schedule = 0/10'));
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.option, 'update-stats-schedule');
    assert.equal(
      issues[0]?.message,
      'schedule.update-stats-schedule: invalid cron "0/10": 1 field found, 2 required (no seconds, day, month or weekday fields); ' +
        "expected \"minute hour\" (minute 0-59, hour 0-23; '*', 'a', 'a-b', 'a/s' joined by ',')",
    );
  });

  it('collects every issue of a version, in line order', () => {
    const issues = issuesOf(
      `${MIN_DAPS}[schedule]\netl-frequency = abc\netl-start-time = 25:00\netl-frequency = 5\n`,
    );
    assert.deepEqual(
      issues.map((i) => [i.line, i.option]),
      [
        [9, 'etl-frequency'],
        [10, 'etl-start-time'],
        [11, 'etl-frequency'],
      ],
    );
    assert.match(issues[2]?.message ?? '', /expected each option once per section \(first at line 9\)/);
  });

  it('warns (does not fail) on unknown options and sections, naming the closest known name', () => {
    const { warnings, config } = loadConfig({
      text: `${MIN_DAPS}[schedule]\netl-frequncy = 30\n[shedule]\nrun-scheduler = true\n[dap]\nrole = ICON_MM\n[dap:core2]\nrol = ICON_MM\nrole = ICON_MM\nurl = pglite:memory\n`,
    });
    assert.equal(config.schedule.etlFrequency, 15);
    assert.deepEqual(
      warnings.map((w) => [w.line, w.message]),
      [
        [9, 'schedule.etl-frequncy: unknown option, ignored; did you mean etl-frequency?'],
        [10, 'shedule: unknown section [shedule], ignored; did you mean [schedule]?'],
        [12, 'dap: unknown section [dap], ignored; did you mean [dap:<name>]?'],
        [15, 'dap:core2.rol: unknown option, ignored; did you mean role?'],
      ],
    );
  });

  it('rejects a bad DAP section name', () => {
    const issues = issuesOf(`${MIN_DAPS}[dap:bad name]\nrole = ICON_MM\nurl = pglite:memory\n`);
    assert.equal(issues.length, 1);
    assert.equal(
      issues[0]?.message,
      'dap:bad name.name: "bad name" is not valid; expected a DAP name of 1-64 characters A-Z, a-z, 0-9, _ or - in [dap:<name>]',
    );
  });
});

describe('loadConfig: custom calendars', () => {
  it('builds one calendar per [date-time-<suffix>], unset options from [date-time]', () => {
    const { config } = loadConfig({
      text: `${MIN_DAPS}[date-time]\ndate-time-tz = Europe/Paris\nfirst-day-of-week = 2\n[date-time-us]\ndate-time-table-name = DATE_TIME_US\ndate-time-tz = America/New_York\n`,
    });
    assert.equal(config.dateTime.timezone.id, 'Europe/Paris');
    const [us] = config.customCalendars;
    assert.equal(config.customCalendars.length, 1);
    assert.deepEqual(
      [us?.section, us?.suffix, us?.tableName, us?.timezone.id, us?.firstDayOfWeek],
      ['date-time-us', 'us', 'DATE_TIME_US', 'America/New_York', 2],
    );
    const rec = describeOptions(config).find(
      (r) => r.section === 'date-time-us' && r.option === 'first-day-of-week',
    );
    assert.deepEqual([rec?.effective, rec?.fileValue], ['2', null]);
  });

  it('requires date-time-table-name, unique and not DATE_TIME', () => {
    oneIssue(
      `${MIN_DAPS}[date-time-x]\ndate-time-tz = UTC\n`,
      'date-time-x',
      'date-time-table-name',
      '',
      /a table name .*, required$/,
    );
    oneIssue(
      `${MIN_DAPS}[date-time-x]\ndate-time-table-name = date_time\n`,
      'date-time-x',
      'date-time-table-name',
      'date_time',
      /not used by the DATE_TIME calendar$/,
    );
    oneIssue(
      `${MIN_DAPS}[date-time-x]\ndate-time-table-name = CAL\n[date-time-y]\ndate-time-table-name = CAL\n`,
      'date-time-y',
      'date-time-table-name',
      'CAL',
      /not used by \[date-time-x\]$/,
    );
  });
});

describe('loadConfig: paths', () => {
  it('resolves relative paths against the options file folder, keeps absolute ones', () => {
    const { config } = loadConfig({
      path: '/srv/im/conf/options.ini',
      text: `${MIN_DAPS}[gim-export]\noutput-directory = ../exports\nencrypt-certificate = certs/im.pem\n[gdpr]\nrequest-dir = /var/gdpr/in\n[dap:local]\nrole = ICON_MM\nurl = pglite:idb/mm\n`,
    });
    assert.equal(config.path, '/srv/im/conf/options.ini');
    assert.equal(config.gimExport.outputDirectory, '/srv/im/exports');
    assert.equal(config.gimExport.encryptCertificate, '/srv/im/conf/certs/im.pem');
    assert.equal(config.gdpr.requestDir, '/var/gdpr/in');
    assert.equal(config.gdpr.resultDir, '/srv/im/conf/gdpr/results');
    assert.equal(config.daps.find((d) => d.name === 'local')?.url, 'pglite:///srv/im/conf/idb/mm');
    const rec = describeOptions(config).find((r) => r.option === 'output-directory');
    assert.deepEqual([rec?.effective, rec?.fileValue], ['/srv/im/exports', '../exports']);
  });
});

describe('loadConfigFile', () => {
  it('reads a file and reports an unreadable one as one clear issue', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infomart-config-'));
    try {
      const file = join(dir, 'options.ini');
      await writeFile(file, `${MIN_DAPS}[dap:core]\npassword-env = ICON_PW\n`);
      await assert.rejects(loadConfigFile(file), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.issues[0]?.message ?? '', /section "\[dap:core\]" is not valid here/);
        return true;
      });
      await writeFile(file, `${MIN_DAPS}password-env = ICON_PW\n[gim-export]\noutput-directory = out\n`);
      const { config, warnings } = await loadConfigFile(file, {});
      assert.equal(config.gimExport.outputDirectory, join(dir, 'out'));
      assert.equal(config.sourceText.includes('ICON_PW'), true);
      assert.deepEqual(
        warnings.map((w) => w.message),
        [
          'dap:core.password-env: environment variable ICON_PW is not set; the connection will have no password',
        ],
      );
      assert.deepEqual((await loadConfigFile(file, { ICON_PW: 'x' })).warnings, []);
      const missing = join(dir, 'nope.ini');
      await assert.rejects(loadConfigFile(missing), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.issues.length, 1);
        assert.equal(
          err.issues[0]?.message,
          `options file "${missing}": cannot be read (ENOENT); expected a readable UTF-8 INI file`,
        );
        return true;
      });
      await writeFile(file, Buffer.from([0x5b, 0xff, 0xfe, 0x5d]));
      await assert.rejects(loadConfigFile(file), /is not valid UTF-8/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

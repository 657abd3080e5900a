import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeOptions, loadConfig } from './load.ts';
import { SECTIONS } from './options-schema.ts';

const MIN_DAPS = `[dap:im]
role = INFO_MART
url = pglite:memory

[dap:core]
role = ICON_CFG, ICON_CORE
url = postgres://idb:5432/icon
`;

describe('loadConfig: defaults', () => {
  const { config, warnings } = loadConfig({ text: MIN_DAPS });

  it('gives the reference default of every option', () => {
    assert.deepEqual(warnings, []);
    const s = config.schedule;
    assert.deepEqual(
      [s.runScheduler, s.timezone.id, s.etlStartTime, s.etlEndTime, s.etlFrequency, s.runMaintain],
      [false, 'GMT', 240, 120, 15, true],
    );
    assert.deepEqual(
      [s.maintainStartTime, s.runAggregates, s.aggregateSchedule.source, s.aggregateDuration],
      [180, false, '0 1', 300],
    );
    assert.deepEqual(
      [s.runUpdateStats, s.updateStatsSchedule.source, s.runExport, s.exportSchedule.source],
      [false, '0/10 *', false, '20 0/8'],
    );
    assert.deepEqual([s.onDemandMigration, s.aggregationEngineEnabled], [false, false]);
    assert.deepEqual(config.gimEtl, {
      aggregationEngineClassName: '',
      aggregationEngineEnabled: false,
      etlStartDate: null,
      etlStartEpochSeconds: null,
      extractDataChunkSize: 100000,
      maxChunksPerJob: 24,
      extractDataStuckThreshold: 28860,
      extractDataThreadPoolSize: 32,
      maxCallDuration: 3600,
      delayedDataThreshold: 900,
      partitioningAheadRange: 14,
      partitioningIntervalSizeGim: 86400,
      partitioningIntervalSizeGidb: 86400,
      daysToKeepGimFacts: 400,
      daysToKeepCfgFacts: 400,
      daysToKeepGidbFacts: 14,
      daysToKeepDiscardsAndJobHistory: 600,
      daysToKeepGdprHistory: 15,
      daysToKeepActiveFacts: 30,
    });
    assert.deepEqual(
      { ...config.dateTime, timezone: config.dateTime.timezone.id },
      {
        tableName: 'DATE_TIME',
        maxDaysAhead: 366,
        minDaysAhead: 183,
        timezone: 'UTC',
        startYear: null,
        firstDayOfWeek: 1,
        minimalDaysInFirstWeek: 1,
        simpleWeekNumbering: true,
        fiscalYearStart: '01-01',
      },
    );
    assert.deepEqual(config.customCalendars, []);
    assert.deepEqual(config.gimTransformation, {
      chunkSize: 7200,
      factorDndIntoSmResourceStates: false,
      ocsRecordFieldNames: [],
    });
    assert.deepEqual(config.errorPolicy, {
      irfException: 'log_db_resume',
      callMergecallMissing: 'resume',
      islinkDangling: 'resume',
      campaignGroupMissing: 'exception',
    });
    const bounds = [0, 5, 10, 15, 20, 25, 30, 40, 50, 60, 90, 120, 180, 240, 300, 600, 900, 1200, 1800, 3600];
    assert.deepEqual(config.agg, {
      subHourInterval: '15min',
      levelDelays: { day: 0, week: 0, month: 0, quarter: 0, year: 0 },
      serviceLevelThreshold: 20,
      shortAbandonedThreshold: 10,
      shortEngageThreshold: 10,
      cancelThreshold: 0,
      timeRangeBounds: { 'QUEUE-ABN': bounds, 'QUEUE-ACC': bounds },
    });
    assert.deepEqual(config.gimExport, {
      outputDirectory: join(process.cwd(), 'output'),
      daysToKeepOutputFiles: 14,
      useExportViews: false,
      chunkSizeSeconds: 28800,
      maxRetries: 3,
      retryDelaySeconds: 30,
      outputFilesEncoding: 'utf8',
      startDate: null,
      startEpochSeconds: null,
      threadPoolSize: 10,
      encryptCertificate: null,
    });
    assert.deepEqual(config.gdpr, {
      requestDir: join(process.cwd(), 'gdpr/requests'),
      resultDir: join(process.cwd(), 'gdpr/results'),
    });
    assert.deepEqual(config.daps, [
      { name: 'im', roles: ['INFO_MART'], url: 'pglite:memory', user: null, passwordEnv: null, haSet: null },
      {
        name: 'core',
        roles: ['ICON_CFG', 'ICON_CORE'],
        url: 'postgres://idb:5432/icon',
        user: null,
        passwordEnv: null,
        haSet: null,
      },
    ]);
  });

  it('records every option of every section with its default and Effect', () => {
    const records = describeOptions(config);
    const fixed = SECTIONS.filter((s) => !s.key.includes('<')).flatMap((s) => s.options);
    for (const def of fixed) {
      const r = records.find((x) => x.section === def.section && x.option === def.name);
      assert.ok(r, `${def.section}.${def.name}`);
      assert.equal(r.fileValue, null);
      assert.equal(r.effect, def.effect);
    }
    const byName = (section: string, option: string) =>
      records.find((r) => r.section === section && r.option === option);
    assert.deepEqual(
      [byName('schedule', 'etl-frequency')?.effective, byName('schedule', 'etl-frequency')?.effect],
      ['15', 'Imm'],
    );
    assert.equal(byName('gim-etl', 'days-to-keep-cfg-facts')?.effective, '400');
    assert.equal(byName('gim-etl', 'days-to-keep-cfg-facts')?.default, 'max(400, days-to-keep-gim-facts)');
    assert.equal(byName('dap:im', 'url')?.effect, 'Restart');
    assert.equal(byName('dap:core', 'url')?.effect, 'Cycle');
    assert.equal(byName('agg', 'sub-hour-interval')?.effect, 'Restart');
    assert.equal(byName('date-time', 'date-time-tz')?.effect, 'Init');
  });

  it('is deeply frozen', () => {
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.schedule));
    assert.ok(Object.isFrozen(config.agg.timeRangeBounds['QUEUE-ABN']));
    assert.ok(Object.isFrozen(config.daps[0]?.roles));
    assert.ok(Object.isFrozen(config.options[0]));
    assert.throws(() => {
      (config.schedule as { etlFrequency: number }).etlFrequency = 5;
    }, TypeError);
  });

  it('derives cfg-fact retention and the calendar start year', () => {
    const { config: c } = loadConfig({
      text: `${MIN_DAPS}[gim-etl]\ndays-to-keep-gim-facts = 500\netl-start-date = 2021-06-01\n`,
    });
    assert.equal(c.gimEtl.daysToKeepCfgFacts, 500);
    assert.equal(c.gimEtl.etlStartEpochSeconds, Date.UTC(2021, 5, 1) / 1000);
    assert.equal(c.dateTime.startYear, 2021);
  });
});

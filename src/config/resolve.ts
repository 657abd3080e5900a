// Builds the ResolvedConfig of a version that passed every check: typed camelCase sections,
// derived defaults, absolute paths, and the per-option records of the Options page.

import { isAbsolute, resolve } from 'node:path';
import {
  AGG,
  AGGREGATION_ENGINE_CLASS,
  CUSTOM_DATE_TIME,
  DAP,
  DATE_TIME,
  ERROR_POLICY,
  GDPR,
  GIM_ETL,
  GIM_EXPORT,
  GIM_TRANSFORMATION,
  QUEUE_ABN_BOUNDS,
  QUEUE_ACC_BOUNDS,
  SCHEDULE,
  type DapRole,
} from './options-schema.ts';
import { valueOf, type ReadSection } from './read-sections.ts';
import { buildRecords } from './records.ts';
import type { CalendarOptions, CustomCalendar, Dap, GimEtlOptions, ResolvedConfig } from './types.ts';
import type { OptionDef } from './options-schema.ts';

export interface ResolveInput {
  readonly sections: readonly ReadSection[];
  readonly sourceText: string;
  readonly path: string | null;
  /** Folder that relative paths are resolved against. */
  readonly baseDir: string;
}

/** The value of a checked option; a version reaching this point has no invalid value. */
function get<T>(def: OptionDef<T>, ...chain: (ReadSection | undefined)[]): T {
  const v = valueOf(def, ...chain);
  if (v === undefined) throw new Error(`unchecked invalid value of ${def.name}`);
  return v;
}

export function resolveConfig(input: ResolveInput): ResolvedConfig {
  const { sections, baseDir } = input;
  const named = (n: string): ReadSection | undefined => sections.find((s) => s.name === n);
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  const sch = named('schedule');
  const etl = named('gim-etl');
  const exp = named('gim-export');
  const agg = named('agg');

  const gimEtl = resolveGimEtl(etl);
  const calendar = (chain: (ReadSection | undefined)[], tableName: string): CalendarOptions => ({
    tableName,
    maxDaysAhead: get(DATE_TIME.maxDaysAhead, ...chain),
    minDaysAhead: get(DATE_TIME.minDaysAhead, ...chain),
    timezone: get(DATE_TIME.timezone, ...chain),
    startYear: get(DATE_TIME.startYear, ...chain) ?? yearOf(gimEtl.etlStartDate),
    firstDayOfWeek: get(DATE_TIME.firstDayOfWeek, ...chain),
    minimalDaysInFirstWeek: get(DATE_TIME.minimalDaysInFirstWeek, ...chain),
    simpleWeekNumbering: get(DATE_TIME.simpleWeekNumbering, ...chain),
    fiscalYearStart: get(DATE_TIME.fiscalYearStart, ...chain),
  });
  const base = named('date-time');
  const customCalendars: CustomCalendar[] = sections
    .filter((s) => s.key === 'date-time-<suffix>')
    .map((s) => ({
      section: s.name,
      suffix: s.name.slice('date-time-'.length),
      ...calendar([s, base], get(CUSTOM_DATE_TIME.tableName, s)),
    }));
  const startDate = get(GIM_EXPORT.startDate, exp);
  const certificate = get(GIM_EXPORT.encryptCertificate, exp);

  return {
    schedule: {
      runScheduler: get(SCHEDULE.runScheduler, sch),
      timezone: get(SCHEDULE.timezone, sch),
      etlStartTime: get(SCHEDULE.etlStartTime, sch),
      etlEndTime: get(SCHEDULE.etlEndTime, sch),
      etlFrequency: get(SCHEDULE.etlFrequency, sch),
      runMaintain: get(SCHEDULE.runMaintain, sch),
      maintainStartTime: get(SCHEDULE.maintainStartTime, sch),
      runAggregates: get(SCHEDULE.runAggregates, sch),
      aggregateSchedule: get(SCHEDULE.aggregateSchedule, sch),
      aggregateDuration: get(SCHEDULE.aggregateDuration, sch),
      runUpdateStats: get(SCHEDULE.runUpdateStats, sch),
      updateStatsSchedule: get(SCHEDULE.updateStatsSchedule, sch),
      runExport: get(SCHEDULE.runExport, sch),
      exportSchedule: get(SCHEDULE.exportSchedule, sch),
      onDemandMigration: get(SCHEDULE.onDemandMigration, sch),
      aggregationEngineEnabled: gimEtl.aggregationEngineEnabled,
    },
    gimEtl,
    dateTime: calendar([base], 'DATE_TIME'),
    customCalendars,
    gimTransformation: {
      chunkSize: get(GIM_TRANSFORMATION.chunkSize, named('gim-transformation')),
      factorDndIntoSmResourceStates: get(
        GIM_TRANSFORMATION.factorDndIntoSmResourceStates,
        named('gim-transformation'),
      ),
      ocsRecordFieldNames: get(GIM_TRANSFORMATION.ocsRecordFieldNames, named('gim-transformation')),
    },
    errorPolicy: {
      irfException: get(ERROR_POLICY.irfException, named('error-policy')),
      callMergecallMissing: get(ERROR_POLICY.callMergecallMissing, named('error-policy')),
      islinkDangling: get(ERROR_POLICY.islinkDangling, named('error-policy')),
      campaignGroupMissing: get(ERROR_POLICY.campaignGroupMissing, named('error-policy')),
    },
    agg: {
      subHourInterval: get(AGG.subHourInterval, agg),
      levelDelays: {
        day: get(AGG.dayDelay, agg),
        week: get(AGG.weekDelay, agg),
        month: get(AGG.monthDelay, agg),
        quarter: get(AGG.quarterDelay, agg),
        year: get(AGG.yearDelay, agg),
      },
      serviceLevelThreshold: get(AGG.serviceLevelThreshold, agg),
      shortAbandonedThreshold: get(AGG.shortAbandonedThreshold, agg),
      shortEngageThreshold: get(AGG.shortEngageThreshold, agg),
      cancelThreshold: get(AGG.cancelThreshold, agg),
      timeRangeBounds: {
        'QUEUE-ABN': get(QUEUE_ABN_BOUNDS, named('agg-gim-thld-QUEUE-ABN')),
        'QUEUE-ACC': get(QUEUE_ACC_BOUNDS, named('agg-gim-thld-QUEUE-ACC')),
      },
    },
    gimExport: {
      outputDirectory: abs(get(GIM_EXPORT.outputDirectory, exp)),
      daysToKeepOutputFiles: get(GIM_EXPORT.daysToKeepOutputFiles, exp),
      useExportViews: get(GIM_EXPORT.useExportViews, exp),
      chunkSizeSeconds: get(GIM_EXPORT.chunkSizeSeconds, exp),
      maxRetries: get(GIM_EXPORT.maxRetries, exp),
      retryDelaySeconds: get(GIM_EXPORT.retryDelaySeconds, exp),
      outputFilesEncoding: get(GIM_EXPORT.outputFilesEncoding, exp),
      startDate,
      startEpochSeconds: startDate === null ? null : utcSeconds(startDate),
      threadPoolSize: get(GIM_EXPORT.threadPoolSize, exp),
      encryptCertificate: certificate === null ? null : abs(certificate),
    },
    gdpr: {
      requestDir: abs(get(GDPR.requestDir, named('gdpr'))),
      resultDir: abs(get(GDPR.resultDir, named('gdpr'))),
    },
    daps: sections.filter((s) => s.key === 'dap:<name>').map((s) => resolveDap(s, abs)),
    sourceText: input.sourceText,
    path: input.path,
    options: buildRecords(sections, abs),
  };
}

function resolveGimEtl(etl: ReadSection | undefined): GimEtlOptions {
  const engine = get(GIM_ETL.aggregationEngineClassName, etl);
  const start = get(GIM_ETL.etlStartDate, etl);
  const gimFacts = get(GIM_ETL.daysToKeepGimFacts, etl);
  return {
    aggregationEngineClassName: engine === AGGREGATION_ENGINE_CLASS ? engine : '',
    aggregationEngineEnabled: engine === AGGREGATION_ENGINE_CLASS,
    etlStartDate: start,
    etlStartEpochSeconds: start === null ? null : utcSeconds(start),
    extractDataChunkSize: get(GIM_ETL.extractDataChunkSize, etl),
    maxChunksPerJob: get(GIM_ETL.maxChunksPerJob, etl),
    extractDataStuckThreshold: get(GIM_ETL.extractDataStuckThreshold, etl),
    extractDataThreadPoolSize: get(GIM_ETL.extractDataThreadPoolSize, etl),
    maxCallDuration: get(GIM_ETL.maxCallDuration, etl),
    delayedDataThreshold: get(GIM_ETL.delayedDataThreshold, etl),
    partitioningAheadRange: get(GIM_ETL.partitioningAheadRange, etl),
    partitioningIntervalSizeGim: get(GIM_ETL.partitioningIntervalSizeGim, etl),
    partitioningIntervalSizeGidb: get(GIM_ETL.partitioningIntervalSizeGidb, etl),
    daysToKeepGimFacts: gimFacts,
    daysToKeepCfgFacts: get(GIM_ETL.daysToKeepCfgFacts, etl) ?? Math.max(400, gimFacts),
    daysToKeepGidbFacts: get(GIM_ETL.daysToKeepGidbFacts, etl),
    daysToKeepDiscardsAndJobHistory: get(GIM_ETL.daysToKeepDiscardsAndJobHistory, etl),
    daysToKeepGdprHistory: get(GIM_ETL.daysToKeepGdprHistory, etl),
    daysToKeepActiveFacts: get(GIM_ETL.daysToKeepActiveFacts, etl),
  };
}

function resolveDap(s: ReadSection, abs: (p: string) => string): Dap {
  return {
    name: s.name.slice('dap:'.length),
    roles: get(DAP.role, s) as readonly DapRole[],
    url: resolveDapUrl(get(DAP.url, s), abs),
    user: get(DAP.user, s),
    passwordEnv: get(DAP.passwordEnv, s),
    haSet: get(DAP.haSet, s),
  };
}

/** `pglite:<folder>` becomes `pglite:///<absolute folder>`, the form openDb reads. */
export function resolveDapUrl(url: string, abs: (p: string) => string): string {
  if (!url.startsWith('pglite:') || url === 'pglite:memory' || url.startsWith('pglite:///')) return url;
  return `pglite://${abs(url.slice('pglite:'.length))}`;
}

function utcSeconds(text: string): number {
  const [y, mo, d, h, mi, s] = text.split(/[- :]/).map(Number);
  return Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0) / 1000;
}

function yearOf(date: string | null): number | null {
  return date === null ? null : Number(date.slice(0, 4));
}

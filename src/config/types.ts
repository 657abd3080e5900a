// The resolved configuration: one deeply frozen object per accepted options-file version, passed
// down explicitly (DESIGN 6). Sections are camelCase; durations are in the unit their option
// names (seconds, minutes or days); relative paths are already absolute.

import type { ConfigIssue } from '../errors.ts';
import type { ScheduleOptions } from '../core/schedule-options.ts';
import type { Zone } from '../core/zone.ts';
import type { DapRole, Effect } from './options-schema.ts';

export type { DapRole, Effect };

export interface GimEtlOptions {
  /** '' when unset or `none`. */
  readonly aggregationEngineClassName: string;
  readonly aggregationEngineEnabled: boolean;
  /** `YYYY-MM-DD`, or null = take all data. */
  readonly etlStartDate: string | null;
  /** 00:00 UTC of etlStartDate as epoch seconds, or null. */
  readonly etlStartEpochSeconds: number | null;
  readonly extractDataChunkSize: number;
  readonly maxChunksPerJob: number;
  readonly extractDataStuckThreshold: number;
  readonly extractDataThreadPoolSize: number;
  readonly maxCallDuration: number;
  readonly delayedDataThreshold: number;
  readonly partitioningAheadRange: number;
  readonly partitioningIntervalSizeGim: number;
  readonly partitioningIntervalSizeGidb: number;
  readonly daysToKeepGimFacts: number;
  /** Unset: max(400, daysToKeepGimFacts). */
  readonly daysToKeepCfgFacts: number;
  readonly daysToKeepGidbFacts: number;
  readonly daysToKeepDiscardsAndJobHistory: number;
  readonly daysToKeepGdprHistory: number;
  readonly daysToKeepActiveFacts: number;
}

export interface CalendarOptions {
  /** `DATE_TIME` for `[date-time]`, else the section's date-time-table-name. */
  readonly tableName: string;
  readonly maxDaysAhead: number;
  readonly minDaysAhead: number;
  readonly timezone: Zone;
  /** Unset: the year of etl-start-date; null when that is unset too = the current year at first build. */
  readonly startYear: number | null;
  /** 1 Sunday ... 7 Saturday. */
  readonly firstDayOfWeek: number;
  readonly minimalDaysInFirstWeek: number;
  readonly simpleWeekNumbering: boolean;
  /** `MM-DD`; accepted, no effect. */
  readonly fiscalYearStart: string;
}

export interface CustomCalendar extends CalendarOptions {
  /** `date-time-<suffix>` as written in the file. */
  readonly section: string;
  readonly suffix: string;
}

export interface GimTransformationOptions {
  readonly chunkSize: number;
  readonly factorDndIntoSmResourceStates: boolean;
  readonly ocsRecordFieldNames: readonly string[];
}

export interface ErrorPolicyOptions {
  readonly irfException: 'log_db_resume' | 'resume' | 'exception';
  readonly callMergecallMissing: 'resume' | 'exception';
  readonly islinkDangling: 'resume' | 'exception';
  readonly campaignGroupMissing: 'resume' | 'exception';
}

export interface AggOptions {
  readonly subHourInterval: '15min' | '30min';
  /** Seconds; 0 = no delay. */
  readonly levelDelays: {
    readonly day: number;
    readonly week: number;
    readonly month: number;
    readonly quarter: number;
    readonly year: number;
  };
  readonly serviceLevelThreshold: number;
  readonly shortAbandonedThreshold: number;
  readonly shortEngageThreshold: number;
  readonly cancelThreshold: number;
  /** TIME_RANGE lower bounds in seconds per section (20, ascending, first 0, last range open). */
  readonly timeRangeBounds: {
    readonly 'QUEUE-ABN': readonly number[];
    readonly 'QUEUE-ACC': readonly number[];
  };
}

export interface GimExportOptions {
  readonly outputDirectory: string;
  readonly daysToKeepOutputFiles: number;
  readonly useExportViews: boolean;
  readonly chunkSizeSeconds: number;
  readonly maxRetries: number;
  readonly retryDelaySeconds: number;
  /** A Node.js Buffer encoding. */
  readonly outputFilesEncoding: 'utf8' | 'utf16le' | 'latin1';
  /** `YYYY-MM-DD hh:mm:ss` UTC, or null. */
  readonly startDate: string | null;
  readonly startEpochSeconds: number | null;
  readonly threadPoolSize: number;
  readonly encryptCertificate: string | null;
}

export interface GdprOptions {
  readonly requestDir: string;
  readonly resultDir: string;
}

/** A database access point, `[dap:<name>]`. */
export interface Dap {
  readonly name: string;
  readonly roles: readonly DapRole[];
  /** `postgres://…` as written, or `pglite:memory` / `pglite:///abs/dir` (relative folders resolved). */
  readonly url: string;
  readonly user: string | null;
  readonly passwordEnv: string | null;
  readonly haSet: string | null;
}

/** One option as the Manager's Options page shows it. */
export interface OptionRecord {
  /** The section as written: `schedule`, `date-time-fiscal`, `dap:core1` … */
  readonly section: string;
  readonly option: string;
  readonly type: string;
  readonly validValues: string;
  /** The value in effect, as text (derived defaults computed). */
  readonly effective: string;
  /** The value written in the file, or null when absent or empty. */
  readonly fileValue: string | null;
  readonly line: number | null;
  /** The default as text ('' = unset), or how it is derived. */
  readonly default: string;
  readonly effect: Effect;
  readonly description: string;
}

export interface ResolvedConfig {
  readonly schedule: ScheduleOptions;
  readonly gimEtl: GimEtlOptions;
  readonly dateTime: CalendarOptions;
  readonly customCalendars: readonly CustomCalendar[];
  readonly gimTransformation: GimTransformationOptions;
  readonly errorPolicy: ErrorPolicyOptions;
  readonly agg: AggOptions;
  readonly gimExport: GimExportOptions;
  readonly gdpr: GdprOptions;
  readonly daps: readonly Dap[];
  /** The options file text this object was compiled from. */
  readonly sourceText: string;
  /** Absolute path of the options file, or null when compiled from text alone. */
  readonly path: string | null;
  readonly options: readonly OptionRecord[];
}

export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** Unknown sections or options (with the closest known name), and advice; never blocking. */
  readonly warnings: readonly ConfigIssue[];
}

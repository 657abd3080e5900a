// THE definition table of the options file (jobs reference 1.2-1.9): every section and option with
// its type, default, valid values, Effect and meaning. Validation, defaults, the options page and
// the file written by `infomart init` are all derived from this one place.
//
// `default` is the text an empty or absent value stands for; '' = unset (optional values).
// Effect: Imm = next scheduler evaluation; Cycle / Xform / Maint / Export = next start of the ETL
// cycle / Job_TransformGIM / Job_MaintainGIM / Job_ExportGIM; Restart = next server start;
// Init = only when the calendar is first built.

import {
  bool,
  bounds,
  cron,
  dapUrl,
  date,
  dateTime,
  delaySeconds,
  dur,
  int,
  monthDay,
  nameList,
  oneOf,
  optional,
  path,
  text,
  time,
  zone,
  type ValueType,
} from './value-types.ts';

export type Effect = 'Imm' | 'Cycle' | 'Xform' | 'Maint' | 'Export' | 'Restart' | 'Init';

/** The schema's section keys; `date-time-<suffix>` and `dap:<name>` stand for many sections. */
export type SectionKey =
  | 'schedule'
  | 'gim-etl'
  | 'date-time'
  | 'date-time-<suffix>'
  | 'gim-transformation'
  | 'error-policy'
  | 'agg'
  | 'agg-gim-thld-QUEUE-ABN'
  | 'agg-gim-thld-QUEUE-ACC'
  | 'gim-export'
  | 'gdpr'
  | 'dap:<name>';

export interface OptionDef<T = unknown> {
  readonly section: SectionKey;
  readonly name: string;
  readonly type: ValueType<T>;
  readonly default: string;
  /** How an unset value is derived, when that is not a constant (`max(400, …)`). */
  readonly defaultNote?: string;
  /** Must be set in every section of this kind (no default). */
  readonly required?: boolean;
  readonly effect: Effect;
  readonly description: string;
}

function o<T>(
  section: SectionKey,
  name: string,
  type: ValueType<T>,
  dflt: string,
  effect: Effect,
  description: string,
  defaultNote?: string,
): OptionDef<T> {
  return Object.freeze({
    section,
    name,
    type,
    default: dflt,
    effect,
    description,
    ...(defaultNote ? { defaultNote } : {}),
  });
}

/** An option without default: leaving it unset or empty is an error. */
function required<T>(
  section: SectionKey,
  name: string,
  type: ValueType<T>,
  effect: Effect,
  description: string,
): OptionDef<T> {
  return Object.freeze({ section, name, type, default: '', effect, description, required: true });
}

export const AGGREGATION_ENGINE_CLASS = 'GIMAgg.GimInterfaceImpl.AggregationImpl';
export const DAP_ROLES = ['ICON_CFG', 'ICON_CORE', 'ICON_MM', 'ICON_OCS', 'INFO_MART'] as const;
export type DapRole = (typeof DAP_ROLES)[number];
/** Data model 4.3: TIME_RANGE lower bounds, seconds; the last range is open. */
export const DEFAULT_TIME_RANGE_BOUNDS =
  '0,5,10,15,20,25,30,40,50,60,90,120,180,240,300,600,900,1200,1800,3600';
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_EXPECTED = 'a name of 1-64 characters A-Z, a-z, 0-9, _ or -';
const days = int(1, 36500, 'days');
const S = 'schedule';
const E = 'gim-etl';
const D = 'date-time';
const X = 'gim-export';

// prettier-ignore
export const SCHEDULE = {
  runScheduler: o(S, 'run-scheduler', bool, 'false', 'Imm', 'Master switch of scheduler launches (R3).'),
  timezone: o(S, 'timezone', zone, 'GMT', 'Imm', 'Zone of the times and cron strings of this section.'),
  etlStartTime: o(S, 'etl-start-time', time, '04:00', 'Imm', 'First ETL slot of an ETL day.'),
  etlEndTime: o(S, 'etl-end-time', time, '02:00', 'Imm', 'Last ETL slot; before etl-start-time = crosses midnight.'),
  etlFrequency: o(S, 'etl-frequency', int(1, 1440, 'minutes'), '15', 'Imm', 'Minutes between ETL slots.'),
  runMaintain: o(S, 'run-maintain', bool, 'true', 'Imm', 'Run Job_MaintainGIM daily.'),
  maintainStartTime: o(S, 'maintain-start-time', time, '03:00', 'Imm', 'Maintenance launch, outside the ETL window (C3).'),
  runAggregates: o(S, 'run-aggregates', bool, 'false', 'Imm', 'Keep Job_AggregateGIM running in its windows (C4).'),
  aggregateSchedule: o(S, 'aggregate-schedule', cron, '0 1', 'Imm', 'Aggregation window starts.'),
  aggregateDuration: o(S, 'aggregate-duration', dur, '5:00', 'Imm', 'Aggregation window length; 0:00 none, 24:00 whole day.'),
  runUpdateStats: o(S, 'run-update-stats', bool, 'false', 'Imm', 'Run Job_UpdateStats.'),
  updateStatsSchedule: o(S, 'update-stats-schedule', cron, '0/10 *', 'Imm', 'Job_UpdateStats starts.'),
  runExport: o(S, 'run-export', bool, 'false', 'Imm', 'Run Job_ExportGIM.'),
  exportSchedule: o(S, 'export-schedule', cron, '20 0/8', 'Imm', 'Job_ExportGIM starts (00:20, 08:20, 16:20).'),
  onDemandMigration: o(S, 'on-demand-migration', bool, 'false', 'Imm', 'Start Job_MigrateGIM on entering the migration state (R20); read at that entry.'),
} as const;

// prettier-ignore
export const GIM_ETL = {
  aggregationEngineClassName: o(E, 'aggregation-engine-class-name', optional(oneOf(['none', AGGREGATION_ENGINE_CLASS])), '', 'Restart', `Empty or none: no aggregation; ${AGGREGATION_ENGINE_CLASS} enables the aggregation engine.`),
  etlStartDate: o(E, 'etl-start-date', optional(date), '', 'Cycle', 'Oldest data taken (empty = all), from 00:00 UTC of that date; first partition bound.'),
  extractDataChunkSize: o(E, 'extract-data-chunk-size', int(1000, 10_000_000, 'rows'), '100000', 'Cycle', 'Rows per extraction chunk.'),
  maxChunksPerJob: o(E, 'max-chunks-per-job', int(1, 1000), '24', 'Cycle', 'Chunks per source table per run (not ICON_CFG).'),
  extractDataStuckThreshold: o(E, 'extract-data-stuck-threshold', int(3600, 604800, 'seconds'), '28860', 'Cycle', 'Age after which an unfinished voice interaction is closed.'),
  extractDataThreadPoolSize: o(E, 'extract-data-thread-pool-size', int(1, 256), '32', 'Cycle', 'Extraction workers.'),
  maxCallDuration: o(E, 'max-call-duration', int(0, 604800, 'seconds'), '3600', 'Cycle', 'Longest expected interaction; wait for a multi-site partner.'),
  delayedDataThreshold: o(E, 'delayed-data-threshold', int(60, 3600, 'seconds'), '900', 'Cycle', 'Lag raising the delayed-data alarm; wait for missing configuration.'),
  partitioningAheadRange: o(E, 'partitioning-ahead-range', int(1, 366, 'days'), '14', 'Maint', 'Partitions ready ahead of now.'),
  partitioningIntervalSizeGim: o(E, 'partitioning-interval-size-gim', int(3600, 7776000, 'seconds'), '86400', 'Maint', 'Width of new fact and control partitions.'),
  partitioningIntervalSizeGidb: o(E, 'partitioning-interval-size-gidb', int(3600, 7776000, 'seconds'), '86400', 'Maint', 'Width of new GIDB partitions.'),
  daysToKeepGimFacts: o(E, 'days-to-keep-gim-facts', days, '400', 'Maint', 'Retention of completed facts.'),
  daysToKeepCfgFacts: o(E, 'days-to-keep-cfg-facts', optional(days), '', 'Maint', 'Retention of deleted configuration facts, by end time (C1).', 'max(400, days-to-keep-gim-facts)'),
  daysToKeepGidbFacts: o(E, 'days-to-keep-gidb-facts', days, '14', 'Maint', 'Retention of GIDB rows.'),
  daysToKeepDiscardsAndJobHistory: o(E, 'days-to-keep-discards-and-job-history', days, '600', 'Maint', 'Retention of discards, audit log and job history (C2).'),
  daysToKeepGdprHistory: o(E, 'days-to-keep-gdpr-history', int(0, 30, 'days'), '15', 'Maint', 'Retention of CTL_GDPR_HISTORY and GDPR result files.'),
  daysToKeepActiveFacts: o(E, 'days-to-keep-active-facts', days, '30', 'Maint', 'Active multimedia interactions older than this are ended artificially (also read by Job_TransformGIM).'),
} as const;

/** `[date-time]`; each `[date-time-<suffix>]` takes the same options (unset: [date-time]'s value). */
// prettier-ignore
export const DATE_TIME = {
  maxDaysAhead: o(D, 'date-time-max-days-ahead', int(1, 3660, 'days'), '366', 'Maint', 'Calendar filled this far ahead (<= 1 year advised).'),
  minDaysAhead: o(D, 'date-time-min-days-ahead', int(1, 3660, 'days'), '183', 'Maint', 'Calendar refilled below this many days ahead (C7).'),
  timezone: o(D, 'date-time-tz', zone, 'UTC', 'Init', 'Calendar zone (not the schedule zone).'),
  startYear: o(D, 'date-time-start-year', optional(int(1970, 2100)), '', 'Init', 'First calendar year.', 'year of etl-start-date, else the current year'),
  firstDayOfWeek: o(D, 'first-day-of-week', int(1, 7), '1', 'Init', 'First day of a week: 1 Sunday ... 7 Saturday.'),
  minimalDaysInFirstWeek: o(D, 'minimal-days-in-first-week', int(1, 7), '1', 'Init', 'Days of the new year the first week needs (simple-week-numbering = false).'),
  simpleWeekNumbering: o(D, 'simple-week-numbering', bool, 'true', 'Init', 'Week 1 starts 1 January; weeks are cut at year ends.'),
  fiscalYearStart: o(D, 'fiscal-year-start', monthDay, '01-01', 'Init', 'Accepted, no effect: the calendar has no fiscal columns.'),
} as const;

// prettier-ignore
export const CUSTOM_DATE_TIME = {
  tableName: required('date-time-<suffix>', 'date-time-table-name', text(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a table name of 1-63 characters A-Z, a-z, 0-9, _ (not starting with a digit)', 'identifier'), 'Init', 'Name of the extra calendar table this section builds (required).'),
} as const;

// prettier-ignore
export const GIM_TRANSFORMATION = {
  chunkSize: o('gim-transformation', 'chunk-size', int(60, 86400, 'seconds'), '7200', 'Xform', 'Largest spread of unit start times in one transform transaction.'),
  factorDndIntoSmResourceStates: o('gim-transformation', 'factor-dnd-into-sm-resource-states', bool, 'false', 'Xform', 'Count DND in summarized resource states (data model 5.11).'),
  ocsRecordFieldNames: o('gim-transformation', 'ocs-record-field-names', nameList(/^[A-Za-z_][A-Za-z0-9_]*$/, 'OCS field names', 10), '', 'Xform', 'OCS fields copied to RECORD_FIELD_1..10 (data model 5.12).'),
} as const;

// prettier-ignore
export const ERROR_POLICY = {
  irfException: o('error-policy', 'error-policy-irf-exception', oneOf(['log_db_resume', 'resume', 'exception']), 'log_db_resume', 'Cycle', 'Unit failure: keep the IF row (STATUS 4) with or without a discard row, or fail the job.'),
  callMergecallMissing: o('error-policy', 'error-policy-call-mergecall-missing', oneOf(['resume', 'exception']), 'resume', 'Cycle', 'Missing merged call: log and go on, or handle per irf-exception.'),
  islinkDangling: o('error-policy', 'error-policy-islink-dangling', oneOf(['resume', 'exception']), 'resume', 'Cycle', 'Dangling inter-site link: missing side = unmonitored remote site, or exception.'),
  campaignGroupMissing: o('error-policy', 'error-policy-campaign-group-missing', oneOf(['resume', 'exception']), 'exception', 'Cycle', 'Missing campaign group: go on, or exception.'),
} as const;

const MAX_DELAY = 31_622_400; // 366 days
const delayDoc = (level: string, min: number): string =>
  `Delay of ${level} aggregation (C5: 0 or >= ${min} s); delaying a level delays the higher ones.`;
// prettier-ignore
export const AGG = {
  subHourInterval: o('agg', 'sub-hour-interval', oneOf(['15min', '30min']), '15min', 'Restart', 'Length of the sub-hour aggregation interval.'),
  dayDelay: o('agg', 'agg-level-day-delay', delaySeconds(3600, MAX_DELAY), '0', 'Restart', delayDoc('DAY', 3600)),
  weekDelay: o('agg', 'agg-level-week-delay', delaySeconds(10800, MAX_DELAY), '0', 'Restart', `${delayDoc('WEEK', 10800)} Accepted but idle: there is no WEEK level.`),
  monthDelay: o('agg', 'agg-level-month-delay', delaySeconds(43200, MAX_DELAY), '0', 'Restart', delayDoc('MONTH', 43200)),
  quarterDelay: o('agg', 'agg-level-quarter-delay', delaySeconds(43200, MAX_DELAY), '0', 'Restart', delayDoc('QUARTER', 43200)),
  yearDelay: o('agg', 'agg-level-year-delay', delaySeconds(86400, MAX_DELAY), '0', 'Restart', delayDoc('YEAR', 86400)),
  serviceLevelThreshold: o('agg', 'service-level-threshold', int(1, 86400, 'seconds, C6: > 0'), '20', 'Restart', 'A wait up to this counts as within service level.'),
  shortAbandonedThreshold: o('agg', 'short-abandoned-threshold', int(1, 86400, 'seconds, C6: > 0'), '10', 'Restart', 'An abandon before this counts as short.'),
  shortEngageThreshold: o('agg', 'short-engage-threshold', int(1, 86400, 'seconds, C6: > 0'), '10', 'Restart', 'An engagement shorter than this counts as short.'),
  cancelThreshold: o('agg', 'cancel-threshold', int(0, 86400, 'seconds'), '0', 'Restart', 'Roll back the aggregation transaction this long after a stop request (0 = wait).'),
} as const;

// prettier-ignore
export const QUEUE_ABN_BOUNDS = o('agg-gim-thld-QUEUE-ABN', 'bounds', bounds(20), DEFAULT_TIME_RANGE_BOUNDS, 'Restart', 'TIME_RANGE lower bounds of abandoned-in-queue buckets; the last range is open.');
// prettier-ignore
export const QUEUE_ACC_BOUNDS = o('agg-gim-thld-QUEUE-ACC', 'bounds', bounds(20), DEFAULT_TIME_RANGE_BOUNDS, 'Restart', 'TIME_RANGE lower bounds of accepted-from-queue buckets; the last range is open.');

// prettier-ignore
export const GIM_EXPORT = {
  outputDirectory: o(X, 'output-directory', path, 'output', 'Export', 'Export folder (created if needed).'),
  daysToKeepOutputFiles: o(X, 'days-to-keep-output-files', int(1, 3650, 'days'), '14', 'Export', 'Export folders older than this are deleted.'),
  useExportViews: o(X, 'use-export-views', bool, 'false', 'Export', 'Export through the frozen export views.'),
  chunkSizeSeconds: o(X, 'chunk-size-seconds', int(900, 86400, 'seconds'), '28800', 'Export', 'Audit-time span per export folder.'),
  maxRetries: o(X, 'max-retries', int(0, 100), '3', 'Export', 'Retries of a failed chunk.'),
  retryDelaySeconds: o(X, 'retry-delay-seconds', int(0, 3600, 'seconds'), '30', 'Export', 'Pause between retries.'),
  outputFilesEncoding: o(X, 'output-files-encoding', oneOf(['utf8', 'utf16le', 'latin1'], { 'utf-8': 'utf8', 'utf-16le': 'utf16le', 'iso-8859-1': 'latin1' }), 'utf8', 'Export', 'Encoding of the CSV files.'),
  startDate: o(X, 'start-date', optional(dateTime), '', 'Export', 'First export starts at this UTC time (only while no export folder exists; C2).'),
  threadPoolSize: o(X, 'thread-pool-size', int(1, 64), '10', 'Export', 'Tables exported at once.'),
  encryptCertificate: o(X, 'encrypt-certificate', optional(path), '', 'Export', 'Certificate: zip stored as CMS enveloped .zip.p7m (empty = plain zip).'),
} as const;

// prettier-ignore
export const GDPR = {
  requestDir: o('gdpr', 'request-dir', path, 'gdpr/requests', 'Maint', 'Folder of GDPR request files.'),
  resultDir: o('gdpr', 'result-dir', path, 'gdpr/results', 'Maint', 'Folder of GDPR result files.'),
} as const;

/** `[dap:<name>]`. Effect: source DAPs at the next cycle, the INFO_MART DAP at restart. */
// prettier-ignore
export const DAP = {
  role: required('dap:<name>', 'role', nameList(new RegExp(`^(${DAP_ROLES.join('|')})$`), `roles among ${DAP_ROLES.join(', ')} (D5)`, DAP_ROLES.length), 'Cycle', 'Roles of this database (D1-D5, D7), comma-separated.'),
  url: required('dap:<name>', 'url', dapUrl, 'Cycle', 'Where the database is (required; put the password in password-env).'),
  user: o('dap:<name>', 'user', optional(text(/^\S+$/, 'a user name without spaces')), '', 'Cycle', 'Database user.'),
  passwordEnv: o('dap:<name>', 'password-env', optional(text(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')), '', 'Cycle', 'Environment variable holding the password.'),
  haSet: o('dap:<name>', 'ha-set', optional(text(NAME_PATTERN, NAME_EXPECTED)), '', 'Cycle', 'High-availability set: redundant IDBs with identical roles (D4).'),
} as const;

export interface SectionSchema {
  readonly key: SectionKey;
  readonly options: readonly OptionDef[];
}

export const SECTIONS: readonly SectionSchema[] = Object.freeze([
  { key: 'schedule', options: Object.values(SCHEDULE) },
  { key: 'gim-etl', options: Object.values(GIM_ETL) },
  { key: 'date-time', options: Object.values(DATE_TIME) },
  { key: 'date-time-<suffix>', options: [...Object.values(CUSTOM_DATE_TIME), ...Object.values(DATE_TIME)] },
  { key: 'gim-transformation', options: Object.values(GIM_TRANSFORMATION) },
  { key: 'error-policy', options: Object.values(ERROR_POLICY) },
  { key: 'agg', options: Object.values(AGG) },
  { key: 'agg-gim-thld-QUEUE-ABN', options: [QUEUE_ABN_BOUNDS] },
  { key: 'agg-gim-thld-QUEUE-ACC', options: [QUEUE_ACC_BOUNDS] },
  { key: 'gim-export', options: Object.values(GIM_EXPORT) },
  { key: 'gdpr', options: Object.values(GDPR) },
  { key: 'dap:<name>', options: Object.values(DAP) },
] satisfies SectionSchema[]);

export const DATE_TIME_SECTION_PATTERN = /^date-time-([A-Za-z0-9_-]+)$/;
export const DAP_SECTION_PATTERN = /^dap:(.*)$/;

/** The schema key of a section name as written in the file, or undefined when unknown. */
export function sectionKeyOf(name: string): SectionKey | undefined {
  if (DAP_SECTION_PATTERN.test(name)) return 'dap:<name>';
  const fixed = SECTIONS.find((s) => s.key === name && !s.key.includes('<'));
  if (fixed) return fixed.key;
  return DATE_TIME_SECTION_PATTERN.test(name) ? 'date-time-<suffix>' : undefined;
}

export function sectionSchema(key: SectionKey): SectionSchema {
  const s = SECTIONS.find((x) => x.key === key);
  if (!s) throw new Error(`no section schema ${key}`);
  return s;
}

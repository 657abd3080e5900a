// The `[schedule]` section as the scheduler consumes it (jobs reference 1.2), plus the one
// `[gim-etl]` fact the scheduling rules need (C4, M7). Built and frozen by src/config/.

import type { CronSpec } from './cron.ts';
import type { Zone } from './zone.ts';

export interface ScheduleOptions {
  readonly runScheduler: boolean;
  readonly timezone: Zone;
  /** Minutes after local midnight, 0..1439 (`24:00` = 0). */
  readonly etlStartTime: number;
  /** Minutes after local midnight, 0..1439 (`24:00` = 0). */
  readonly etlEndTime: number;
  /** Minutes between ETL slots, 1..1440. */
  readonly etlFrequency: number;
  readonly runMaintain: boolean;
  /** Minutes after local midnight, 0..1439 (`24:00` = 0). */
  readonly maintainStartTime: number;
  readonly runAggregates: boolean;
  readonly aggregateSchedule: CronSpec;
  /** Window length in minutes, 0..1440 (0 = no window, 1440 = whole day). */
  readonly aggregateDuration: number;
  readonly runUpdateStats: boolean;
  readonly updateStatsSchedule: CronSpec;
  readonly runExport: boolean;
  readonly exportSchedule: CronSpec;
  readonly onDemandMigration: boolean;
  /** `[gim-etl] aggregation-engine-class-name` names the project engine (not empty/none). */
  readonly aggregationEngineEnabled: boolean;
}

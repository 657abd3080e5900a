// Cross-option rules C1-C4 and C7 (jobs reference 1.10) and the custom calendar table names. C5
// (aggregation delay minimums) and C6 (thresholds > 0) are value ranges of their options' types.
// A rule is checked only when every value it reads is valid, so one mistake gives one message.

import type { ConfigIssue } from '../errors.ts';
import {
  AGGREGATION_ENGINE_CLASS,
  CUSTOM_DATE_TIME,
  DATE_TIME,
  GIM_ETL,
  GIM_EXPORT,
  SCHEDULE,
  type OptionDef,
} from './options-schema.ts';
import { setterOf, valueOf, type ReadSection } from './read-sections.ts';
import { invalidValueMessage } from './value-types.ts';

export function checkCrossRules(sections: readonly ReadSection[]): ConfigIssue[] {
  const named = (n: string): ReadSection | undefined => sections.find((s) => s.name === n);
  const issues: ConfigIssue[] = [];
  // `rule` follows the option's own valid values, unless `alone` (C4 admits one value only).
  const fail = (
    section: string,
    def: OptionDef,
    chain: (ReadSection | undefined)[],
    rule: string,
    alone = false,
  ): void => {
    const setter = setterOf(def, ...chain);
    const entry = setter?.entries.get(def.name);
    const value = entry?.value ?? def.default;
    issues.push({
      section,
      option: def.name,
      value,
      message: invalidValueMessage(section, def.name, value, alone ? rule : `${def.type.expected}, ${rule}`),
      ...(entry ? { line: entry.line } : setter ? { line: setter.line } : {}),
    });
  };

  const etl = named('gim-etl');
  const gimFacts = valueOf(GIM_ETL.daysToKeepGimFacts, etl);
  const cfgFacts = valueOf(GIM_ETL.daysToKeepCfgFacts, etl);
  if (gimFacts !== undefined && cfgFacts !== undefined && cfgFacts !== null && cfgFacts < gimFacts) {
    const rule = `${GIM_ETL.daysToKeepGimFacts.type.expected}, >= days-to-keep-gim-facts (${gimFacts}) (C1)`;
    fail('gim-etl', GIM_ETL.daysToKeepCfgFacts, [etl], rule, true);
  }

  const exp = named('gim-export');
  const startDate = valueOf(GIM_EXPORT.startDate, exp);
  const history = valueOf(GIM_ETL.daysToKeepDiscardsAndJobHistory, etl);
  if (
    gimFacts !== undefined &&
    history !== undefined &&
    typeof startDate === 'string' &&
    history < gimFacts
  ) {
    const rule = `>= days-to-keep-gim-facts (${gimFacts}) while gim-export.start-date is set (C2)`;
    fail('gim-etl', GIM_ETL.daysToKeepDiscardsAndJobHistory, [etl], rule);
  }

  const sch = named('schedule');
  const runMaintain = valueOf(SCHEDULE.runMaintain, sch);
  const start = valueOf(SCHEDULE.etlStartTime, sch);
  const end = valueOf(SCHEDULE.etlEndTime, sch);
  const maintain = valueOf(SCHEDULE.maintainStartTime, sch);
  if (runMaintain === true && start !== undefined && end !== undefined && maintain !== undefined) {
    if (insideCircularRange(maintain, start, end)) {
      const rule =
        start === end
          ? `a time outside the ETL window, but etl-start-time = etl-end-time (${hhmm(start)}) makes it 24 h; change them or set run-maintain = false (C3)`
          : `a time outside the ETL window ${hhmm(start)}..${hhmm(end)} (etl-start-time..etl-end-time, ends included) while run-maintain = true (C3)`;
      fail('schedule', SCHEDULE.maintainStartTime, [sch], rule);
    }
  }

  const engine = valueOf(GIM_ETL.aggregationEngineClassName, etl);
  if (
    valueOf(SCHEDULE.runAggregates, sch) === true &&
    engine !== undefined &&
    engine !== AGGREGATION_ENGINE_CLASS
  ) {
    const rule = `false while gim-etl.aggregation-engine-class-name is not ${AGGREGATION_ENGINE_CLASS} (C4)`;
    fail('schedule', SCHEDULE.runAggregates, [sch], rule, true);
  }

  const base = named('date-time');
  const calendars = sections.filter((s) => s.key === 'date-time-<suffix>');
  for (const cal of [base, ...calendars]) {
    // A custom calendar that sets neither bound inherits both; a conflict there is [date-time]'s.
    if (
      cal === undefined ||
      (cal !== base &&
        !cal.entries.has(DATE_TIME.minDaysAhead.name) &&
        !cal.entries.has(DATE_TIME.maxDaysAhead.name))
    )
      continue;
    const min = valueOf(DATE_TIME.minDaysAhead, cal, base);
    const max = valueOf(DATE_TIME.maxDaysAhead, cal, base);
    if (min !== undefined && max !== undefined && min > max) {
      fail(cal.name, DATE_TIME.minDaysAhead, [cal, base], `<= date-time-max-days-ahead (${max}) (C7)`);
    }
  }

  const taken = new Map<string, string>([['date_time', 'the DATE_TIME calendar']]);
  for (const cal of calendars) {
    // Missing is reported by the value checks (required option).
    if (!cal.entries.has(CUSTOM_DATE_TIME.tableName.name)) continue;
    const table = valueOf(CUSTOM_DATE_TIME.tableName, cal);
    if (table === undefined) continue;
    const owner = taken.get(table.toLowerCase());
    if (owner !== undefined) fail(cal.name, CUSTOM_DATE_TIME.tableName, [cal], `a name not used by ${owner}`);
    else taken.set(table.toLowerCase(), `[${cal.name}]`);
  }
  return issues;
}

/** C3: inside etl-start..etl-end on the 24-h circle, ends included; equal ends = the whole day. */
export function insideCircularRange(m: number, start: number, end: number): boolean {
  if (start === end) return true;
  return start < end ? m >= start && m <= end : m >= start || m <= end;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

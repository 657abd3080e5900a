// Advice that never blocks a version: warnings about values that are valid but probably not
// what the operator meant.

import type { ConfigIssue } from '../errors.ts';
import type { OptionRecord, ResolvedConfig } from './types.ts';

export function adviceWarnings(
  config: ResolvedConfig,
  env: Readonly<Record<string, string | undefined>> | undefined,
): ConfigIssue[] {
  const out: ConfigIssue[] = [...dapWarnings(config, env)];
  const note = (r: OptionRecord | undefined, why: string): void => {
    if (r?.fileValue == null) return;
    out.push({
      section: r.section,
      option: r.option,
      value: r.fileValue,
      message: `${r.section}.${r.option}: "${r.fileValue}" ${why}`,
      ...(r.line === null ? {} : { line: r.line }),
    });
  };
  for (const r of config.options) {
    if (r.option === 'fiscal-year-start' && r.fileValue !== r.default) {
      note(r, 'has no effect: the calendar has no fiscal columns');
    }
    if (r.option === 'agg-level-week-delay' && Number(r.effective) !== 0) {
      note(r, 'has no effect: there is no WEEK aggregation level');
    }
    if (r.option === 'date-time-max-days-ahead' && Number(r.effective) > 366) {
      note(r, 'is more than a year ahead; at most 366 days is advised');
    }
  }
  return out;
}

/** Advice that never blocks: missing password variables, passwords in urls. */
function dapWarnings(
  config: ResolvedConfig,
  env: Readonly<Record<string, string | undefined>> | undefined,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const d of config.daps) {
    const section = `dap:${d.name}`;
    if (env && d.passwordEnv !== null && env[d.passwordEnv] === undefined) {
      out.push({
        section,
        option: 'password-env',
        value: d.passwordEnv,
        message: `${section}.password-env: environment variable ${d.passwordEnv} is not set; the connection will have no password`,
      });
    }
    if (/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(d.url)) {
      out.push({
        section,
        option: 'url',
        message: `${section}.url: holds a password; put it in an environment variable named by password-env`,
      });
    }
  }
  return out;
}

// Compiles one options-file version (DESIGN 6): syntax, values, cross-option and DAP rules; all
// findings are collected and a version with any error is rejected whole (ConfigError). The result
// is deeply frozen; a change produces a new object.

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { adviceWarnings } from './advice.ts';
import { checkCrossRules } from './cross-rules.ts';
import { checkDapRules } from './dap-rules.ts';
import { parseIni } from './ini.ts';
import { readSections } from './read-sections.ts';
import { resolveConfig } from './resolve.ts';
import type { LoadedConfig, OptionRecord, ResolvedConfig } from './types.ts';

export interface LoadConfigInput {
  readonly text: string;
  /** The options file; relative paths resolve against its folder (else the working directory). */
  readonly path?: string;
  /** Checked for the variables named by `password-env` (warnings only). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Throws ConfigError listing every error; returns the frozen config and the warnings. */
export function loadConfig(input: LoadConfigInput): LoadedConfig {
  const doc = parseIni(input.text);
  const read = readSections(doc);
  const errors: ConfigIssue[] = [...doc.errors, ...read.errors];
  errors.push(...checkCrossRules(read.sections), ...checkDapRules(read.sections));
  if (errors.length > 0) throw new ConfigError(sortByLine(errors));
  const path = input.path === undefined ? null : resolve(input.path);
  const config = deepFreeze(
    resolveConfig({
      sections: read.sections,
      sourceText: input.text,
      path,
      baseDir: path === null ? process.cwd() : dirname(path),
    }),
  );
  const warnings = sortByLine([...read.warnings, ...adviceWarnings(config, input.env)]);
  return { config, warnings: Object.freeze(warnings.map((w) => Object.freeze(w))) };
}

/** Reads and compiles an options file; an unreadable or non-UTF-8 file is one ConfigError issue. */
export async function loadConfigFile(
  path: string,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<LoadedConfig> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError([
      {
        section: '',
        message: `options file "${path}": cannot be read (${why}); expected a readable UTF-8 INI file`,
      },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError([
      { section: '', message: `options file "${path}": is not valid UTF-8; expected a UTF-8 INI file` },
    ]);
  }
  return loadConfig({ text, path, ...(env ? { env } : {}) });
}

/** The Options page: every option with effective value, file value, default and Effect. */
export function describeOptions(config: ResolvedConfig): readonly OptionRecord[] {
  return config.options;
}

/** `<file>:<line>: <message>` for logs and the CLI. */
export function formatIssue(issue: ConfigIssue, file?: string): string {
  const where = [file, issue.line].filter((x) => x !== undefined).join(':');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

function sortByLine(issues: ConfigIssue[]): ConfigIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.i - b.i)
    .map((x) => x.issue);
}

export function deepFreeze<T>(value: T): T {
  // Children of already frozen parts (cron specs, zones) are frozen too: no early exit.
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// Value checks: each INI section is matched to its schema, each value parsed by its option's type.
// Bad values are errors in the section-7 form; unknown sections and options only warn, naming the
// closest known name.

import type { ConfigIssue } from '../errors.ts';
import { closestName } from './closest.ts';
import type { IniDocument, IniEntry } from './ini.ts';
import {
  DAP_SECTION_PATTERN,
  NAME_PATTERN,
  SECTIONS,
  sectionKeyOf,
  sectionSchema,
  type OptionDef,
  type SectionKey,
} from './options-schema.ts';
import { invalidValueMessage } from './value-types.ts';

/** A section of the file with its known options parsed (undefined = invalid value). */
export interface ReadSection {
  readonly name: string;
  readonly key: SectionKey;
  readonly line: number;
  /** Known options with a non-empty value. */
  readonly entries: ReadonlyMap<string, IniEntry>;
  readonly values: ReadonlyMap<string, unknown>;
}

export interface ReadResult {
  readonly sections: readonly ReadSection[];
  readonly errors: readonly ConfigIssue[];
  readonly warnings: readonly ConfigIssue[];
}

const SECTION_CANDIDATES = SECTIONS.map((s) => {
  const prefix = /^(.*?)<[a-z]+>$/.exec(s.key)?.[1];
  return prefix === undefined ? s.key : { match: prefix, show: s.key };
});

export function readSections(doc: IniDocument): ReadResult {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const sections: ReadSection[] = [];
  for (const s of doc.sections) {
    const key = sectionKeyOf(s.name);
    if (key === undefined) {
      const near = closestName(s.name, SECTION_CANDIDATES);
      warnings.push({
        section: s.name,
        line: s.line,
        message: `${s.name}: unknown section [${s.name}], ignored; did you mean [${near}]?`,
      });
      continue;
    }
    const dapName = DAP_SECTION_PATTERN.exec(s.name)?.[1];
    if (dapName !== undefined && !NAME_PATTERN.test(dapName)) {
      errors.push({
        section: s.name,
        line: s.line,
        value: dapName,
        message: invalidValueMessage(
          s.name,
          'name',
          dapName,
          'a DAP name of 1-64 characters A-Z, a-z, 0-9, _ or - in [dap:<name>]',
        ),
      });
    }
    const schema = sectionSchema(key);
    const entries = new Map<string, IniEntry>();
    const values = new Map<string, unknown>();
    for (const e of s.entries) {
      const def = schema.options.find((d) => d.name === e.name);
      if (!def) {
        const near = closestName(
          e.name,
          schema.options.map((d) => d.name),
        );
        warnings.push({
          section: s.name,
          option: e.name,
          line: e.line,
          value: e.value,
          message: `${s.name}.${e.name}: unknown option, ignored; did you mean ${near}?`,
        });
        continue;
      }
      if (e.value === '') continue;
      entries.set(e.name, e);
      const r = def.type.parse(e.value);
      if (r.ok) {
        values.set(e.name, r.value);
        continue;
      }
      values.set(e.name, undefined);
      errors.push(valueIssue(s.name, def, e.value, e.line, r.reason));
    }
    for (const def of schema.options) {
      if (def.required && !entries.has(def.name)) errors.push(requiredIssue(s.name, key, def, s.line));
    }
    sections.push({ name: s.name, key, line: s.line, entries, values });
  }
  return { sections, errors, warnings };
}

function requiredIssue(section: string, key: SectionKey, def: OptionDef, line: number): ConfigIssue {
  // DAP keys are required by rule D5, which their valid values already name.
  const rule = key === 'dap:<name>' ? ' (D5)' : '';
  const expected = `${def.type.expected.replace(/ \(D5\)$/, '')}, required${rule}`;
  return {
    section,
    option: def.name,
    value: '',
    line,
    message: invalidValueMessage(section, def.name, '', expected),
  };
}

export function valueIssue(
  section: string,
  def: OptionDef,
  value: string,
  line: number | undefined,
  reason: string | undefined,
): ConfigIssue {
  const message = def.type.message
    ? def.type.message(section, def.name, value, reason)
    : invalidValueMessage(section, def.name, value, def.type.expected);
  return { section, option: def.name, value, message, ...(line === undefined ? {} : { line }) };
}

/** The parsed default of an option; defaults are checked by the schema tests. */
export function defaultValue<T>(def: OptionDef<T>): T {
  const r = def.type.parse(def.default);
  if (!r.ok) throw new Error(`bad default "${def.default}" of ${def.section}.${def.name}`);
  return r.value;
}

/**
 * The value in effect: the first section (of `chain`) that sets the option, else the default.
 * Undefined when the value set is invalid (already reported).
 */
export function valueOf<T>(def: OptionDef<T>, ...chain: (ReadSection | undefined)[]): T | undefined {
  for (const s of chain) {
    if (s?.entries.has(def.name)) return s.values.get(def.name) as T | undefined;
  }
  return defaultValue(def);
}

/** The section (of `chain`) whose value is in effect, for messages and line numbers. */
export function setterOf(def: OptionDef, ...chain: (ReadSection | undefined)[]): ReadSection | undefined {
  return chain.find((s) => s?.entries.has(def.name));
}

// The INI dialect of the options file (jobs reference 1.1): `[section]` headers, `name = value`
// lines, whole-line `#`/`;` comments, trimmed values without quoting. Hand-written because every
// finding must carry its line number. A `#` after a value is part of the value (paths and names
// may contain it), so comments are whole lines only.

import type { ConfigIssue } from '../errors.ts';

export interface IniEntry {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

export interface IniSection {
  readonly name: string;
  readonly line: number;
  readonly entries: readonly IniEntry[];
}

export interface IniDocument {
  readonly sections: readonly IniSection[];
  /** Syntax errors, repeated sections and repeated names; any of them rejects the file. */
  readonly errors: readonly ConfigIssue[];
}

const HEADER = /^\[(.*)\]$/;
const ENTRY = /^([^=]*?)\s*=(.*)$/;
const NAME = /^[A-Za-z0-9_.:-]+$/;

export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
}

export function isCommentLine(trimmed: string): boolean {
  return trimmed.startsWith('#') || trimmed.startsWith(';');
}

export function parseIni(text: string): IniDocument {
  const sections: { name: string; line: number; entries: IniEntry[] }[] = [];
  const errors: ConfigIssue[] = [];
  let current: { name: string; line: number; entries: IniEntry[] } | undefined;
  // Lines of a repeated section are checked for syntax but not read: one error says it all.
  let skipping = false;

  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    const t = raw.trim();
    if (t === '' || isCommentLine(t)) return;
    const header = HEADER.exec(t);
    if (header) {
      const name = (header[1] ?? '').trim();
      if (name === '' || /[[\]]/.test(name)) {
        errors.push(syntaxIssue(current?.name ?? '', line, t, 'a section header [name]'));
        current = undefined;
        skipping = true;
        return;
      }
      const first = sections.find((s) => s.name === name);
      if (first) {
        errors.push({
          section: name,
          line,
          value: t,
          message: `${name}: section "[${name}]" is not valid here; expected each section once (first at line ${first.line})`,
        });
        skipping = true;
        return;
      }
      current = { name, line, entries: [] };
      sections.push(current);
      skipping = false;
      return;
    }
    const entry = ENTRY.exec(t);
    if (!entry || !NAME.test(entry[1] ?? '')) {
      errors.push(
        syntaxIssue(
          current?.name ?? '',
          line,
          t,
          '"name = value", "[section]" or a comment starting with # or ;',
        ),
      );
      return;
    }
    if (skipping) return;
    const name = entry[1] ?? '';
    const value = (entry[2] ?? '').trim();
    if (!current) {
      errors.push(syntaxIssue('', line, t, 'a [section] header before the first option'));
      return;
    }
    const first = current.entries.find((e) => e.name === name);
    if (first) {
      errors.push({
        section: current.name,
        option: name,
        line,
        value,
        message: `${current.name}.${name}: "${value}" is not valid; expected each option once per section (first at line ${first.line})`,
      });
      return;
    }
    current.entries.push({ name, value, line });
  });
  return { sections, errors };
}

function syntaxIssue(section: string, line: number, text: string, expected: string): ConfigIssue {
  const where = section === '' ? `line ${line}` : `${section} (line ${line})`;
  return { section, line, value: text, message: `${where}: "${text}" is not valid; expected ${expected}` };
}

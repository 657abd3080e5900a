// One Manager edit of the options file, made in place: comments, order, spacing and line endings
// stay as they are. The caller validates the new text with loadConfig and writes it atomically.

import { ConfigError } from '../errors.ts';
import { isCommentLine, splitLines } from './ini.ts';

const NAME = /^[A-Za-z0-9_.:-]+$/;

/**
 * Sets `section.option` to `value` (null removes the line: back to the default). Replaces the
 * option's line; else uncomments a `# option = …` line of that section (as `infomart init`
 * writes them); else adds the line after the section's last line; else appends the section.
 */
export function setOption(text: string, section: string, option: string, value: string | null): string {
  assertEditable(section, option, value);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const lines = splitLines(text);
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const trailing = lines.length > 0 && lines[lines.length - 1] === '';
  if (trailing) lines.pop();
  const out = edit(lines, section, option, value);
  return bom + out.join(eol) + (trailing ? eol : '');
}

function edit(lines: string[], section: string, option: string, value: string | null): string[] {
  const header = lines.findIndex((l) => headerName(l) === section);
  const line = value === null ? null : `${option} = ${value}`;
  if (header < 0) {
    if (line === null) return lines;
    const gap = lines.length > 0 && lines[lines.length - 1]?.trim() !== '' ? [''] : [];
    return [...lines, ...gap, `[${section}]`, line];
  }
  let end = lines.findIndex((l, i) => i > header && headerName(l) !== undefined);
  if (end < 0) end = lines.length;
  const entry = new RegExp(`^(\\s*)${escape(option)}(\\s*=\\s*)(.*)$`);
  for (let i = header + 1; i < end; i++) {
    const l = lines[i] ?? '';
    const m = entry.exec(l);
    if (!m || isCommentLine(l.trim())) continue;
    if (line === null) return [...lines.slice(0, i), ...lines.slice(i + 1)];
    const sep = m[2] ?? ' = ';
    const spaced = value === '' ? sep.trimEnd() : sep;
    return replaceAt(lines, i, `${m[1] ?? ''}${option}${spaced}${value}`);
  }
  if (line === null) return lines;
  const commented = new RegExp(`^\\s*[#;]\\s*${escape(option)}\\s*=`);
  for (let i = header + 1; i < end; i++) {
    if (commented.test(lines[i] ?? '')) return replaceAt(lines, i, line);
  }
  let last = end - 1;
  while (last > header && (lines[last] ?? '').trim() === '') last--;
  return [...lines.slice(0, last + 1), line, ...lines.slice(last + 1)];
}

function headerName(line: string): string | undefined {
  const m = /^\s*\[(.*)\]\s*$/.exec(line);
  return m ? (m[1] ?? '').trim() : undefined;
}

function replaceAt(lines: string[], i: number, line: string): string[] {
  return [...lines.slice(0, i), line, ...lines.slice(i + 1)];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function assertEditable(section: string, option: string, value: string | null): void {
  const bad = (opt: string, v: string, expected: string) => {
    throw new ConfigError([
      {
        section,
        option: opt,
        value: v,
        message: `${section}.${opt}: "${v}" is not valid; expected ${expected}`,
      },
    ]);
  };
  if (section.trim() === '' || /[[\]\r\n]/.test(section) || section.trim() !== section) {
    bad('', section, 'a section name without brackets, line breaks or surrounding spaces');
  }
  if (!NAME.test(option)) bad(option, option, 'an option name of letters, digits, _ . : or -');
  if (value !== null && /[\r\n]/.test(value)) bad(option, value, 'a value on one line');
  if (value !== null && value.trim() !== value) bad(option, value, 'a value without surrounding spaces');
}

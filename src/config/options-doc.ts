// The options reference (docs/OPTIONS.md) rendered from the one definition table, so the
// documentation cannot drift from what the code accepts. `npx tsx scripts/gen-options-doc.ts`
// writes it; a test checks the committed file is current.
import { SECTIONS } from './options-schema.ts';

const EFFECTS: Record<string, string> = {
  Imm: 'used at the scheduler’s next evaluation (≤ 5 s)',
  Cycle: 'read when the next ETL job starts',
  Xform: 'read when Job_TransformGIM starts',
  Maint: 'read when Job_MaintainGIM starts',
  Export: 'read when Job_ExportGIM starts',
  Restart: 'pending until the server restarts',
  Init: 'used only when the calendar is first built',
};

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderOptionsDoc(): string {
  const out: string[] = [
    '# Options reference',
    '',
    'Generated from `src/config/options-schema.ts` by `npx tsx scripts/gen-options-doc.ts`; do not edit by hand.',
    'One UTF-8 INI file: `[section]` headers, `name = value` lines, `#`/`;` comment lines; an empty value means the default.',
    'Unknown sections and options are warnings naming the closest known name; any error rejects the whole version.',
    '',
    '**Effect** of a change:',
    '',
    ...Object.entries(EFFECTS).map(([k, v]) => `- ${k}: ${v}`),
    '',
  ];
  for (const section of SECTIONS) {
    out.push(
      `## [${section.key}]`,
      '',
      '| option | valid values | default | effect | meaning |',
      '|---|---|---|---|---|',
    );
    for (const o of section.options) {
      const dflt = o.required
        ? '(required)'
        : o.defaultNote
          ? `${o.default || '—'} (${o.defaultNote})`
          : o.default || '—';
      out.push(
        `| ${o.name} | ${cell(o.type.expected)} | ${cell(dflt)} | ${o.effect} | ${cell(o.description)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

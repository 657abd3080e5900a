// The commented options file written by `infomart init`: every section and option of the schema,
// each with its type, valid values, default and Effect; defaults commented out unless overridden,
// so that setOption later uncomments the very line an operator reads.

import { DAP, SECTIONS, type DapRole, type OptionDef } from './options-schema.ts';

export interface DapInput {
  readonly name: string;
  readonly roles: readonly DapRole[];
  readonly url: string;
  readonly user?: string;
  readonly passwordEnv?: string;
  readonly haSet?: string;
}

export interface RenderOptionsInput {
  /** The Info Mart database: `[dap:infomart]` with role INFO_MART. */
  readonly infoMartUrl: string;
  readonly infoMartUser?: string;
  readonly infoMartPasswordEnv?: string;
  /** Source (IDB) DAPs. */
  readonly daps?: readonly DapInput[];
  /** section -> option -> value, written uncommented (any section, custom ones included). */
  readonly overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const HEAD = `# infomart options file, written by \`infomart init\` (jobs reference, section 1).
# [section] headers, \`name = value\` lines, whole-line # or ; comments; values are trimmed, not
# quoted; an empty or absent value means the default. Defaults are shown commented out.
# Relative paths are resolved against this file's folder.
# Effect = when a change is used: Imm at the scheduler's next evaluation (<= 5 s); Cycle, Xform,
# Maint, Export when the next ETL cycle, Job_TransformGIM, Job_MaintainGIM, Job_ExportGIM starts;
# Restart at the next server start; Init only when the calendar is first built.`;

export function renderDefaultOptionsFile(input: RenderOptionsInput): string {
  const overrides = input.overrides ?? {};
  const used = new Set<string>();
  const out: string[] = [HEAD];
  const value = (section: string, name: string): string | undefined => {
    const v = overrides[section]?.[name];
    if (v !== undefined) used.add(`${section}\u0000${name}`);
    return v;
  };
  for (const schema of SECTIONS) {
    if (schema.key === 'dap:<name>') continue;
    if (schema.key === 'date-time-<suffix>') {
      out.push('', ...CUSTOM_CALENDAR_EXAMPLE);
      continue;
    }
    out.push('', `[${schema.key}]`);
    for (const def of schema.options)
      out.push('', ...describe(def), optionLine(def, value(schema.key, def.name)));
  }

  out.push('', '# Database access points, one [dap:<name>] section each (name: A-Z a-z 0-9 _ -, 1-64).');
  for (const def of Object.values(DAP))
    out.push(`#   ${def.name} (${def.type.kind}): ${def.type.expected}. ${def.description}`);
  out.push('# Effect: source DAPs at the next cycle (Cycle), the INFO_MART DAP at the next start (Restart).');
  // Before the first DAP: commented lines inside a section are what setOption uncomments.
  if ((input.daps ?? []).length === 0) out.push(...SOURCE_DAP_EXAMPLE);
  const im: DapInput = {
    name: 'infomart',
    roles: ['INFO_MART'],
    url: input.infoMartUrl,
    ...(input.infoMartUser ? { user: input.infoMartUser } : {}),
    ...(input.infoMartPasswordEnv ? { passwordEnv: input.infoMartPasswordEnv } : {}),
  };
  for (const d of [im, ...(input.daps ?? [])]) {
    const section = `dap:${d.name}`;
    const keys: [string, string | undefined][] = [
      ['role', d.roles.join(', ')],
      ['url', d.url],
      ['user', d.user],
      ['password-env', d.passwordEnv],
      ['ha-set', d.haSet],
    ];
    out.push('', `[${section}]`);
    for (const [k, v] of keys) {
      const given = value(section, k) ?? v;
      if (given !== undefined) out.push(`${k} = ${given}`);
    }
  }

  // Overrides of sections or options not written above (custom calendars, extra DAPs).
  const extra = new Map<string, string[]>();
  for (const [section, options] of Object.entries(overrides)) {
    for (const [name, v] of Object.entries(options)) {
      if (used.has(`${section}\u0000${name}`)) continue;
      extra.set(section, [...(extra.get(section) ?? []), `${name} = ${v}`]);
    }
  }
  for (const [section, lines] of extra) {
    if (out.includes(`[${section}]`))
      throw new Error(`override ${section}.${lines[0]} is not an option of it`);
    out.push('', `[${section}]`, ...lines);
  }
  return `${out.join('\n')}\n`;
}

function describe(def: OptionDef): string[] {
  const dflt = def.defaultNote ?? (def.default === '' ? 'empty' : def.default);
  return [
    `# ${def.name} (${def.type.kind}): ${def.type.expected}.`,
    `#   Default: ${dflt}. Effect: ${def.effect}. ${def.description}`,
  ];
}

function optionLine(def: OptionDef, override: string | undefined): string {
  if (override !== undefined) return `${def.name} = ${override}`;
  return `# ${def.name} =${def.default === '' ? '' : ` ${def.default}`}`;
}

const CUSTOM_CALENDAR_EXAMPLE = [
  '# Extra calendar tables: one [date-time-<suffix>] section each, with a required',
  '# date-time-table-name and any [date-time] option (unset ones take [date-time] values), e.g.',
  '# [date-time-local]',
  '# date-time-table-name = DATE_TIME_LOCAL',
  '# date-time-tz = America/Chicago',
];

const SOURCE_DAP_EXAMPLE = [
  '# Source databases (Interaction Concentrator IDBs) still to add, e.g.',
  '# [dap:icon_main]',
  '# role = ICON_CFG, ICON_CORE',
  '# url = postgres://idb-host:5432/icon',
  '# user = infomart',
  '# password-env = ICON_MAIN_PASSWORD',
];

// The per-option records of the Manager's Options page: effective value, file value, default and
// Effect of every option of every section (present or not), in schema order.

import { DAP, DATE_TIME, GIM_ETL, SECTIONS, type OptionDef } from './options-schema.ts';
import { setterOf, valueOf, type ReadSection } from './read-sections.ts';
import type { OptionRecord } from './types.ts';

export function buildRecords(sections: readonly ReadSection[], abs: (p: string) => string): OptionRecord[] {
  const named = (n: string): ReadSection | undefined => sections.find((s) => s.name === n);
  const etl = named('gim-etl');
  const derived = new Map<OptionDef, () => string>([
    [
      GIM_ETL.daysToKeepCfgFacts,
      () => String(Math.max(400, valueOf(GIM_ETL.daysToKeepGimFacts, etl) ?? 400)),
    ],
    [DATE_TIME.startYear, () => valueOf(GIM_ETL.etlStartDate, etl)?.slice(0, 4) ?? ''],
  ]);
  const records: OptionRecord[] = [];
  const add = (
    name: string,
    def: OptionDef,
    chain: (ReadSection | undefined)[],
    effect = def.effect,
  ): void => {
    const own = chain[0]?.entries.get(def.name);
    const inherited = setterOf(def, ...chain)?.entries.get(def.name);
    let effective = inherited?.value ?? def.default;
    if (effective === '') effective = derived.get(def)?.() ?? '';
    else if (def.type.kind === 'path') effective = abs(effective);
    records.push({
      section: name,
      option: def.name,
      type: def.type.kind,
      validValues: def.type.expected,
      effective,
      fileValue: own?.value ?? null,
      line: own?.line ?? null,
      default: def.defaultNote ?? def.default,
      effect,
      description: def.description,
    });
  };
  const base = named('date-time');
  for (const schema of SECTIONS) {
    if (schema.key === 'date-time-<suffix>' || schema.key === 'dap:<name>') {
      for (const s of sections.filter((x) => x.key === schema.key)) {
        const roles = valueOf(DAP.role, s) ?? [];
        const effect = schema.key === 'dap:<name>' && roles.includes('INFO_MART') ? 'Restart' : undefined;
        const chain = schema.key === 'date-time-<suffix>' ? [s, base] : [s];
        for (const def of schema.options) add(s.name, def, chain, effect ?? def.effect);
      }
      continue;
    }
    for (const def of schema.options) add(schema.key, def, [named(schema.key)]);
  }
  return records;
}

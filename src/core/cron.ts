// The two-field cron dialect of the jobs reference, section 2: "minute hour", fired daily at each
// (hour, minute) pair. Quartz-like items: '*', '*/s', 'a', 'a/s', 'a-b', 'a-b/s'.

export interface CronSpec {
  readonly source: string;
  /** Sorted, distinct. */
  readonly minutes: readonly number[];
  /** Sorted, distinct. */
  readonly hours: readonly number[];
}

export const CRON_EXPECTED =
  "expected \"minute hour\" (minute 0-59, hour 0-23; '*', 'a', 'a-b', 'a/s' joined by ',')";

export function cronErrorMessage(section: string, option: string, value: string, reason: string): string {
  return `${section}.${option}: invalid cron "${value}": ${reason}; ${CRON_EXPECTED}`;
}

type FieldResult = { ok: true; values: number[] } | { ok: false; reason: string };

interface FieldDef {
  readonly name: 'minute' | 'hour';
  readonly max: number;
}

const MINUTE: FieldDef = { name: 'minute', max: 59 };
const HOUR: FieldDef = { name: 'hour', max: 23 };

export function parseCron(text: string): { ok: true; spec: CronSpec } | { ok: false; reason: string } {
  const fields = text.split(/[ \t]+/).filter((f) => f !== '');
  if (fields.length !== 2) {
    return {
      ok: false,
      reason: `${fields.length} field${fields.length === 1 ? '' : 's'} found, 2 required (no seconds, day, month or weekday fields)`,
    };
  }
  const other = /[^ \t0-9*,/-]/.exec(text);
  if (other) {
    const field = fields[0]?.includes(other[0]) ? MINUTE : HOUR;
    return { ok: false, reason: `character "${other[0]}" not allowed in the ${field.name} field` };
  }
  const minutes = parseField(fields[0] ?? '', MINUTE);
  if (!minutes.ok) return minutes;
  const hours = parseField(fields[1] ?? '', HOUR);
  if (!hours.ok) return hours;
  return {
    ok: true,
    spec: Object.freeze({
      source: text.trim(),
      minutes: Object.freeze(minutes.values),
      hours: Object.freeze(hours.values),
    }),
  };
}

function parseField(field: string, def: FieldDef): FieldResult {
  const set = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '') return { ok: false, reason: `empty item in the ${def.name} field "${field}"` };
    const r = parseItem(item, def);
    if (!r.ok) return r;
    for (const v of r.values) set.add(v);
  }
  return { ok: true, values: [...set].sort((a, b) => a - b) };
}

function parseItem(item: string, def: FieldDef): FieldResult {
  const slash = item.indexOf('/');
  const base = slash < 0 ? item : item.slice(0, slash);
  let step = 1;
  let hasStep = false;
  if (slash >= 0) {
    const s = parseNumber(item.slice(slash + 1), def, 'step', item);
    if (!s.ok) return s;
    if (s.value === 0 || s.value > def.max) {
      return { ok: false, reason: `step ${s.value} in "${item}" outside 1-${def.max} (${def.name} field)` };
    }
    step = s.value;
    hasStep = true;
  }
  let from: number;
  let to = def.max;
  if (base === '*') {
    from = 0;
  } else {
    const dash = base.indexOf('-');
    const a = parseNumber(dash < 0 ? base : base.slice(0, dash), def, 'value', item);
    if (!a.ok) return a;
    from = a.value;
    if (dash >= 0) {
      const b = parseNumber(base.slice(dash + 1), def, 'range end', item);
      if (!b.ok) return b;
      if (from > b.value) {
        return { ok: false, reason: `range start ${from} > end ${b.value} in "${item}" (${def.name} field)` };
      }
      to = b.value;
    } else if (!hasStep) {
      to = from;
    }
  }
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return { ok: true, values };
}

function parseNumber(
  text: string,
  def: FieldDef,
  what: 'value' | 'range end' | 'step',
  item: string,
): { ok: true; value: number } | { ok: false; reason: string } {
  if (text === '') {
    const missing = what === 'step' ? 'step missing' : `${what} missing`;
    return { ok: false, reason: `${missing} in "${item}" (${def.name} field)` };
  }
  if (!/^\d+$/.test(text)) {
    return { ok: false, reason: `"${text}" is not a number in "${item}" (${def.name} field)` };
  }
  if (text.length > 2) {
    return { ok: false, reason: `"${text}" has more than two digits in "${item}" (${def.name} field)` };
  }
  const value = Number(text);
  if (what !== 'step' && value > def.max) {
    return { ok: false, reason: `${def.name} ${value} out of range 0-${def.max} in "${item}"` };
  }
  return { ok: true, value };
}

// The value types of the options file (jobs reference 1.1). Each type parses the trimmed text of
// one value and carries the "expected …" text that every error message about it ends with, so the
// message and the check can never disagree.

import { cronErrorMessage, parseCron, type CronSpec } from '../core/cron.ts';
import { parseZone, ZONE_EXPECTED, type Zone } from '../core/zone.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason?: string };

export interface ValueType<T> {
  /** Short type name for the options page and the rendered file: `bool`, `int`, `time` … */
  readonly kind: string;
  /** Valid values, as the message's "expected …" part: `int[1..1440] (minutes)`. */
  readonly expected: string;
  parse(text: string): Parsed<T>;
  /** A message other than the standard `"<value>" is not valid; expected …` (cron, section 2). */
  message?(section: string, option: string, value: string, reason: string | undefined): string;
}

export function invalidValueMessage(
  section: string,
  option: string,
  value: string,
  expected: string,
): string {
  return `${section}.${option}: "${value}" is not valid; expected ${expected}`;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason?: string): Parsed<T> => (reason === undefined ? { ok: false } : { ok: false, reason });

export const bool: ValueType<boolean> = {
  kind: 'bool',
  expected: 'true or false',
  parse: (t) => (/^true$/i.test(t) ? ok(true) : /^false$/i.test(t) ? ok(false) : bad()),
};

export function int(min: number, max: number, unit?: string): ValueType<number> {
  return {
    kind: 'int',
    expected: `int[${min}..${max}]${unit === undefined ? '' : ` (${unit})`}`,
    parse(t) {
      if (!/^\d{1,10}$/.test(t)) return bad();
      const n = Number(t);
      return n >= min && n <= max ? ok(n) : bad();
    },
  };
}

const CLOCK = /^(\d{1,2}):(\d{2})$/;

/** Minutes after midnight of `H:mm`/`HH:mm`, 0:00 to 24:00, or undefined. */
function clockMinutes(t: string): number | undefined {
  const m = CLOCK.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return undefined;
  if (h < 24) return h * 60 + min;
  return h === 24 && min === 0 ? 1440 : undefined;
}

/** A wall-clock time as minutes after local midnight, 0..1439; `24:00` is `00:00`. */
export const time: ValueType<number> = {
  kind: 'time',
  expected: 'a time H:mm or HH:mm from 00:00 to 23:59, or 24:00 (= 00:00)',
  parse(t) {
    const m = clockMinutes(t);
    return m === undefined ? bad() : ok(m % 1440);
  },
};

/** A duration in minutes, 0..1440. */
export const dur: ValueType<number> = {
  kind: 'dur',
  expected: 'a duration H:mm or HH:mm from 0:00 to 24:00',
  parse(t) {
    const m = clockMinutes(t);
    return m === undefined ? bad() : ok(m);
  },
};

export const cron: ValueType<CronSpec> = {
  kind: 'cron',
  expected: "\"minute hour\" (minute 0-59, hour 0-23; '*', 'a', 'a-b', 'a/s' joined by ',')",
  parse(t) {
    const r = parseCron(t);
    return r.ok ? ok(r.spec) : bad(r.reason);
  },
  message: (section, option, value, reason) =>
    cronErrorMessage(section, option, value, reason ?? 'not a cron expression'),
};

export const zone: ValueType<Zone> = {
  kind: 'zone',
  expected: ZONE_EXPECTED,
  parse(t) {
    const r = parseZone(t);
    return r.ok ? ok(r.zone) : bad(r.reason);
  },
};

function isCalendarDate(y: number, m: number, d: number): boolean {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** `YYYY-MM-DD`, a real date from 1970-01-01; the value is the text. */
export const date: ValueType<string> = {
  kind: 'date',
  expected: 'a date YYYY-MM-DD from 1970-01-01',
  parse(t) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!m) return bad();
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return y >= 1970 && isCalendarDate(y, mo, d) ? ok(t) : bad();
  },
};

/** `YYYY-MM-DD hh:mm:ss` (UTC) after 1970-01-01 00:00:00; the value is the text. */
export const dateTime: ValueType<string> = {
  kind: 'datetime',
  expected: 'a UTC time YYYY-MM-DD hh:mm:ss after 1970-01-01 00:00:00',
  parse(t) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(t);
    if (!m) return bad();
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    if (y < 1970 || !isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return bad();
    return y === 1970 && mo === 1 && d === 1 && h + mi + s === 0 ? bad() : ok(t);
  },
};

/** `MM-DD`; 02-29 is accepted (it exists in leap years). */
export const monthDay: ValueType<string> = {
  kind: 'month-day',
  expected: 'a day of the year MM-DD',
  parse(t) {
    const m = /^(\d{2})-(\d{2})$/.exec(t);
    return m && isCalendarDate(2000, Number(m[1]), Number(m[2])) ? ok(t) : bad();
  },
};

export function oneOf<const V extends string>(
  values: readonly V[],
  aliases: Readonly<Record<string, V>> = {},
): ValueType<V> {
  const alias = Object.keys(aliases);
  return {
    kind: 'enum',
    expected: [values, alias]
      .filter((l) => l.length > 0)
      .map((l, i) => (i === 0 ? `one of ${l.join(', ')}` : `(aliases ${l.join(', ')})`))
      .join(' '),
    parse(t) {
      const v = (values as readonly string[]).includes(t) ? (t as V) : aliases[t];
      return v === undefined ? bad() : ok(v);
    },
  };
}

/** A comma-separated list of distinct names matching `pattern`, at most `max`. */
export function nameList(pattern: RegExp, what: string, max: number): ValueType<readonly string[]> {
  return {
    kind: 'list',
    expected: `a comma-separated list of at most ${max} distinct ${what}`,
    parse(t) {
      const items = t === '' ? [] : t.split(',').map((s) => s.trim());
      const distinct = new Set(items).size === items.length;
      return items.length <= max && distinct && items.every((s) => pattern.test(s)) ? ok(items) : bad();
    },
  };
}

export function text(pattern: RegExp, expected: string, kind = 'string'): ValueType<string> {
  return { kind, expected, parse: (t) => (pattern.test(t) ? ok(t) : bad()) };
}

/** A file-system path; relative ones are resolved later, against the options file's folder. */
export const path: ValueType<string> = {
  kind: 'path',
  expected: 'a file-system path (relative = from the options file folder)',
  parse: (t) => (t !== '' && !t.includes('\0') ? ok(t) : bad()),
};

/** Empty text is the value null (option unset); anything else must parse as `type`. */
export function optional<T>(type: ValueType<T>): ValueType<T | null> {
  return {
    kind: type.kind,
    expected: `${type.expected}, or empty`,
    parse: (t) => (t === '' ? ok(null) : type.parse(t)),
    ...(type.message ? { message: type.message } : {}),
  };
}

/** Seconds as a number or a product like `60*60*12`: 0 (none) or min..max. */
export function delaySeconds(min: number, max: number): ValueType<number> {
  return {
    kind: 'seconds-product',
    expected: `0 or ${min}..${max} seconds (C5), a number or a product like 60*60*12`,
    parse(t) {
      if (!/^\d{1,10}(\s*\*\s*\d{1,10})*$/.test(t)) return bad();
      const n = t.split('*').reduce((p, f) => p * Number(f.trim()), 1);
      return n === 0 || (n >= min && n <= max) ? ok(n) : bad();
    },
  };
}

/** TIME_RANGE lower bounds: `count` strictly ascending integers, the first 0. */
export function bounds(count: number): ValueType<readonly number[]> {
  return {
    kind: 'bounds',
    expected: `${count} strictly ascending integers (seconds) separated by commas, the first 0`,
    parse(t) {
      const items = t.split(',').map((s) => s.trim());
      if (items.length !== count || !items.every((s) => /^\d{1,9}$/.test(s))) return bad();
      const n = items.map(Number);
      return n[0] === 0 && n.every((v, i) => i === 0 || v > (n[i - 1] ?? 0)) ? ok(n) : bad();
    },
  };
}

/**
 * A DAP url: `postgres://` / `postgresql://` with a host (or `?host=`) and a database, or an
 * embedded PGlite database `pglite:memory`, `pglite:///abs/dir`, `pglite:<folder>`.
 */
export const dapUrl: ValueType<string> = {
  kind: 'url',
  expected: 'postgres://host:port/db, pglite:memory or pglite:<folder>',
  parse(t) {
    if (/^pglite:/.test(t)) return /^pglite:(memory|\/\/\/.+|[^/].*|\/[^/].*)$/.test(t) ? ok(t) : bad();
    let u: URL;
    try {
      u = new URL(t);
    } catch {
      return bad();
    }
    const db = u.pathname.replace(/^\//, '');
    const host = u.hostname !== '' || u.searchParams.has('host');
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') &&
      host &&
      db !== '' &&
      !db.includes('/')
      ? ok(t)
      : bad();
  },
};

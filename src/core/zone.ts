// Time zones of the `[schedule] timezone` option: IANA ids (checked by Intl) and the Java-style
// fixed offsets `GMT`, `UTC`, `GMT+H[H][:mm]`, `GMT-H[H][:mm]` (jobs reference 1.1).

export type Zone =
  | { readonly kind: 'iana'; readonly id: string }
  | { readonly kind: 'fixed'; readonly id: string; readonly offsetMinutes: number };

export const ZONE_EXPECTED =
  "an IANA zone id (e.g. 'America/Chicago'), 'GMT', 'UTC', 'GMT+H[H][:mm]' or 'GMT-H[H][:mm]'";

const FIXED = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/;
// Intl also accepts offsets like '+05:00' and odd spellings; only names made of id characters pass.
const IANA_CHARS = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

export const UTC_ZONE: Zone = Object.freeze({ kind: 'fixed', id: 'UTC', offsetMinutes: 0 });
export const GMT_ZONE: Zone = Object.freeze({ kind: 'fixed', id: 'GMT', offsetMinutes: 0 });

export function parseZone(text: string): { ok: true; zone: Zone } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'empty time zone' };
  if (t === 'GMT') return { ok: true, zone: GMT_ZONE };
  if (t === 'UTC') return { ok: true, zone: UTC_ZONE };
  const m = FIXED.exec(t);
  if (m) {
    const hours = Number(m[2]);
    const minutes = m[3] === undefined ? 0 : Number(m[3]);
    if (hours > 14) return { ok: false, reason: `offset hours ${hours} out of range 0-14` };
    if (minutes > 59) return { ok: false, reason: `offset minutes ${minutes} out of range 0-59` };
    const sign = m[1] === '-' ? -1 : 1;
    const offsetMinutes = sign * (hours * 60 + minutes);
    return { ok: true, zone: Object.freeze({ kind: 'fixed', id: t, offsetMinutes }) };
  }
  if (t.startsWith('GMT') && /[+-]/.test(t.slice(3, 4))) {
    return { ok: false, reason: `bad offset "${t}"` };
  }
  if (!IANA_CHARS.test(t)) return { ok: false, reason: `unknown time zone "${t}"` };
  let id: string;
  try {
    // The canonical spelling ('america/chicago' -> 'America/Chicago') keeps ids comparable.
    id = new Intl.DateTimeFormat('en-US', { timeZone: t }).resolvedOptions().timeZone;
  } catch {
    return { ok: false, reason: `unknown time zone "${t}"` };
  }
  return { ok: true, zone: Object.freeze({ kind: 'iana', id }) };
}

/** Throwing variant for code paths whose input was already validated (tests, defaults). */
export function zoneOf(text: string): Zone {
  const r = parseZone(text);
  if (!r.ok) throw new Error(`invalid time zone "${text}": ${r.reason}`);
  return r.zone;
}

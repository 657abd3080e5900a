// UTC offsets of a calendar zone (`[date-time] date-time-tz`): an IANA id through Intl, or the
// fixed forms `UTC`, `GMT`, `GMT+H[H][:mm]`, `GMT-H[H][:mm]` of the options reference (1.1).

export interface Zone {
  readonly id: string;
  /** Offset of local wall time from UTC at an instant, in seconds (local = utc + offset). */
  offsetSeconds(epochSeconds: number): number;
}

const FIXED = /^(?:UTC|GMT)(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/;

export function makeZone(id: string): Zone {
  const m = FIXED.exec(id);
  if (m) {
    const sign = m[1] === '-' ? -1 : 1;
    const secs = m[1] ? sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) : 0;
    if (Math.abs(secs) > 18 * 3600) throw new Error(`time zone ${id}: offset out of range`);
    return { id, offsetSeconds: () => secs };
  }
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new Error(`unknown time zone ${JSON.stringify(id)}`, { cause });
  }
  return {
    id,
    offsetSeconds(epochSeconds: number): number {
      const p: Record<string, number> = {};
      for (const part of fmt.formatToParts(new Date(epochSeconds * 1000))) {
        if (part.type !== 'literal') p[part.type] = Number(part.value);
      }
      const wall = Date.UTC(
        p.year ?? 1970,
        (p.month ?? 1) - 1,
        p.day ?? 1,
        p.hour ?? 0,
        p.minute ?? 0,
        p.second ?? 0,
      );
      return Math.round(wall / 1000) - epochSeconds;
    },
  };
}

// Arrival curves by hour of day and the staffing that follows from them: how many agents must
// be logged in each hour (offered load over a target occupancy) and a greedy set of 8.5-hour
// shifts that covers it.

/** Relative arrivals per UTC hour (a weekday of a consumer contact center). */
export const CURVES = {
  voice: [
    0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 1.0, 2.6, 5.2, 7.4, 7.8, 7.4, 6.4, 6.9, 7.2, 6.9, 6.3, 5.4, 4.0, 2.9, 2.1,
    1.5, 0.9, 0.5,
  ],
  chat: [
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2.0, 4.5, 6.5, 7.0, 7.0, 6.5, 7.0, 7.0, 6.8, 6.5, 6.0, 5.5, 5.0, 4.0,
    2.5, 1.0, 0.4,
  ],
  email: [
    1.5, 1.2, 1.0, 1.0, 1.2, 1.8, 2.8, 4.5, 6.0, 6.5, 6.5, 6.2, 5.8, 6.0, 6.0, 5.8, 5.5, 5.0, 4.5, 4.0, 3.5,
    3.0, 2.5, 2.0,
  ],
  outbound: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  internal: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
} as const;

export type CurveName = keyof typeof CURVES;

/** Share of one day's arrivals that falls in each hour. */
export function hourShares(name: CurveName): number[] {
  const w: readonly number[] = CURVES[name];
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

export const SHIFT_HOURS = 8.5;

/**
 * Agents needed per hour for `erlangs[h]` of offered work: a target occupancy of 80 % and about
 * 10 % of logged-in time away on breaks.
 */
export function requiredAgents(erlangs: readonly number[]): number[] {
  return erlangs.map((e) => (e <= 0 ? 0 : Math.ceil(e / 0.8 / 0.9 + 1)));
}

/** Shift start hours (one per agent) so that every hour has at least the required agents. */
export function planShifts(
  required: readonly number[],
  allowed: (hour: number) => boolean = () => true,
): number[] {
  const cover = new Array<number>(24).fill(0);
  const starts: number[] = [];
  const length = Math.floor(SHIFT_HOURS);
  for (let pass = 0; pass < 48; pass++) {
    const h = pass % 24;
    while ((cover[h] ?? 0) < (required[h] ?? 0)) {
      // Start as late as allowed while still covering h, so shifts spread over the day.
      let start = h;
      for (let back = 0; back < length; back++) {
        const s = (h - back + 24) % 24;
        if (allowed(s)) {
          start = s;
          break;
        }
      }
      starts.push(start);
      for (let k = 0; k < length; k++) cover[(start + k) % 24] = (cover[(start + k) % 24] ?? 0) + 1;
    }
  }
  return starts;
}

// UTC offsets of a calendar zone (`[date-time] date-time-tz`): the zone forms of the options
// reference (1.1), resolved and looked up by the scheduler's own local-time module.
import { offsetAt } from '../../core/local-time.ts';
import { zoneOf } from '../../core/zone.ts';

export interface Zone {
  readonly id: string;
  /** Offset of local wall time from UTC at an instant, in seconds (local = utc + offset). */
  offsetSeconds(epochSeconds: number): number;
}

export function makeZone(id: string): Zone {
  const zone = zoneOf(id);
  return { id, offsetSeconds: (epochSeconds) => offsetAt(zone, epochSeconds * 1000) * 60 };
}

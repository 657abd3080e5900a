// Identifiers in the shapes ICON uses (16-hex-digit ConnIDs, GUID-like CallIDs), unique per run:
// a run prefix derived from the seed and start date, then a counter per kind.
import { hash32 } from './rng.ts';

export interface IdGen {
  /** A new id of the kind, e.g. next('P') → 'P3FA29C1E0000002A'. */
  next(kind: string): string;
  /** A ConnID (16 hex digits) and its numeric value as decimal text. */
  connId(): { readonly connId: string; readonly connIdNum: string };
}

export function makeIdGen(seed: number, from: number): IdGen {
  const prefix = hash32(`${seed}:${from}`).toString(16).toUpperCase().padStart(8, '0');
  const counters = new Map<string, number>();
  const bump = (kind: string): number => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return n;
  };
  return {
    next(kind) {
      return `${kind}${prefix}${bump(kind).toString(16).toUpperCase().padStart(8, '0')}`;
    },
    connId() {
      const connId = `${prefix}${bump('#conn').toString(16).toUpperCase().padStart(8, '0')}`;
      return { connId, connIdNum: BigInt(`0x${connId}`).toString() };
    },
  };
}

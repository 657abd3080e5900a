// Pure planning of range partitions: which [from, to) pieces a table still needs so that
// [fromTs, toTs) is covered by partitions aligned on multiples of the interval (UTC epoch).

export type Range = readonly [from: number, to: number];

/** Parses `FOR VALUES FROM (a) TO (b)`; null for DEFAULT or MINVALUE/MAXVALUE bounds. */
export function parseRangeBound(bound: string): Range | null {
  const m = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(bound);
  if (!m) return null;
  return [Number(m[1]), Number(m[2])];
}

/** Aligned ranges covering [fromTs, toTs), minus what existing partitions already cover. */
export function missingRanges(
  existing: readonly Range[],
  fromTs: number,
  toTs: number,
  intervalSeconds: number,
): Range[] {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds <= 0)
    throw new Error(`partition interval must be a positive integer, got ${intervalSeconds}`);
  const out: Range[] = [];
  const sorted = [...existing].sort((a, b) => a[0] - b[0]);
  for (let s = Math.floor(fromTs / intervalSeconds) * intervalSeconds; s < toTs; s += intervalSeconds) {
    // Subtract every existing range from [s, s + interval); what remains are new partitions.
    let pieces: Range[] = [[s, s + intervalSeconds]];
    for (const [a, b] of sorted) {
      pieces = pieces.flatMap(([x, y]): Range[] => {
        if (b <= x || a >= y) return [[x, y]];
        const keep: Range[] = [];
        if (a > x) keep.push([x, a]);
        if (b < y) keep.push([b, y]);
        return keep;
      });
    }
    out.push(...pieces);
  }
  return out;
}

// A small seeded pseudo-random generator (sfc32 seeded through splitmix32) with the few
// distributions the traffic models need. Math.random is never used: same seed, same rows.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Index chosen with probability proportional to its weight. */
  weighted(weights: readonly number[]): number;
  /** Exponential with the given mean. */
  exp(mean: number): number;
  /** Log-normal with the given median and shape sigma, rounded to whole seconds within [min, max]. */
  lognormal(median: number, sigma: number, min: number, max: number): number;
  normal(mean: number, sd: number): number;
  /** An independent generator derived from this one and a label (stable across code changes). */
  fork(label: string): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a text, for seeding from labels. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function makeRng(seed: number | string): Rng {
  const init = splitmix32(typeof seed === 'number' ? seed : hash32(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const normal = (mean: number, sd: number): number => {
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const rng: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted(weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    exp: (mean) => -mean * Math.log(1 - next()),
    lognormal(median, sigma, min, max) {
      const v = Math.round(median * Math.exp(normal(0, sigma)));
      return Math.min(max, Math.max(min, v));
    },
    normal,
    fork: (label) => makeRng((hash32(label) ^ Math.floor(next() * 4294967296)) >>> 0),
  };
  return rng;
}

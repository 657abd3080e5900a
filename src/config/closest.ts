// "Did you mean …": the known name nearest to a misspelt one, by edit distance.

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The candidate closest to `name` (case-insensitive; ties: first listed). A candidate may give a
 * `match` text different from its display, e.g. the prefix `dap:` for `dap:<name>`.
 */
export function closestName(
  name: string,
  candidates: readonly (string | { match: string; show: string })[],
): string {
  let best = '';
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const { match, show } = typeof c === 'string' ? { match: c, show: c } : c;
    const m = match.toLowerCase();
    const d = m.endsWith(':') || m.endsWith('-') ? prefixDistance(lower, m) : editDistance(lower, m);
    if (d < bestDistance) {
      best = show;
      bestDistance = d;
    }
  }
  return best;
}

/** Distance of `name` to a prefix pattern: any suffix after the prefix is free. */
function prefixDistance(name: string, prefix: string): number {
  const head = prefix.slice(0, -1);
  let best = editDistance(name, head) + 1;
  for (let k = 0; k <= name.length; k++) best = Math.min(best, editDistance(name.slice(0, k), prefix));
  return best;
}

// What changed between two accepted versions, and when each change takes effect (jobs reference
// 1.1): the Manager flags `Restart` changes "pending until restart" and warns on `Init` ones.

import type { Effect, OptionRecord, ResolvedConfig } from './types.ts';

export interface OptionChange {
  readonly section: string;
  readonly option: string;
  /** Effective values; null when the section (a DAP or custom calendar) is absent on that side. */
  readonly oldValue: string | null;
  readonly newValue: string | null;
  readonly effect: Effect;
}

export function diffEffects(oldConfig: ResolvedConfig, newConfig: ResolvedConfig): OptionChange[] {
  const key = (r: OptionRecord): string => `${r.section}\u0000${r.option}`;
  const before = new Map(oldConfig.options.map((r) => [key(r), r]));
  const after = new Map(newConfig.options.map((r) => [key(r), r]));
  const changes: OptionChange[] = [];
  for (const [k, n] of after) {
    const o = before.get(k);
    if (o?.effective === n.effective) continue;
    // A DAP whose INFO_MART role comes or goes takes the stricter Effect of both sides.
    const effect = o?.effect === 'Restart' ? 'Restart' : n.effect;
    changes.push({
      section: n.section,
      option: n.option,
      oldValue: o?.effective ?? null,
      newValue: n.effective,
      effect,
    });
  }
  for (const [k, o] of before) {
    if (!after.has(k)) {
      changes.push({
        section: o.section,
        option: o.option,
        oldValue: o.effective,
        newValue: null,
        effect: o.effect,
      });
    }
  }
  return changes;
}

// CSV text for COPY … FORMAT csv, written by hand for speed (millions of fields per day): NULL is
// an empty unquoted field, text is quoted only when it must be.
import type { Cell } from './row-log.ts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (v === '' || NEEDS_QUOTES.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

const dayCache = new Map<number, { text: string; num: number }>();
let lastDay = Number.NaN;
let lastHit = { text: '', num: 0 };

function day(ts: number): { text: string; num: number } {
  const d = Math.floor(ts / 86400);
  if (d === lastDay) return lastHit;
  let hit = dayCache.get(d);
  if (!hit) {
    const text = new Date(d * 86400000).toISOString().slice(0, 10);
    hit = { text, num: Number(text.replace(/-/g, '')) };
    if (dayCache.size > 4096) dayCache.clear();
    dayCache.set(d, hit);
  }
  lastDay = d;
  lastHit = hit;
  return hit;
}

const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** 'YYYY-MM-DD HH:MM:SS' (UTC) of an epoch second. */
export function tsText(ts: number): string {
  const s = ((ts % 86400) + 86400) % 86400;
  const m = (s / 60) | 0;
  return `${day(ts).text} ${TWO[(m / 60) | 0]}:${TWO[m % 60]}:${TWO[s % 60]}`;
}

/** YYYYMMDD of an epoch second (ICON's day partition key). */
export function dayNumber(ts: number): number {
  return day(ts).num;
}

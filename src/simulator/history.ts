// Bulk history: simulates whole days and loads them into one or more IDBs with COPY, hour by
// hour (generation of the next hour overlaps the COPY of the previous one).
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import type { Db } from '../db/types.ts';
import { ConfigError } from '../errors.ts';
import type { ConfigIssue } from '../errors.ts';
import { makeIdbWriter } from './idb-writer.ts';
import type { IdbWriter } from './idb-writer.ts';
import { planGaps, planLayout } from './layout.ts';
import type { IdbRole } from './layout.ts';
import { makeRng } from './rng.ts';
import type { Gap } from './sessions.ts';
import { makeTraffic } from './traffic.ts';
import type { Traffic } from './traffic.ts';
import { writeTruth } from './truth-writer.ts';

export interface SimulateOptions {
  /** Start of the period: a date ('2024-03-05', midnight UTC) or UTC epoch seconds. */
  readonly from: string | number;
  readonly days: number;
  readonly callsPerDay: number;
  readonly seed: number;
  /** Write every site into a redundant IDB pair with provider-session gaps. */
  readonly ha?: boolean;
  /** Share of inbound calls that cross to another site (0…1, default 0). */
  readonly multiSite?: number;
  /** Record the ground truth in sim_truth.* of the first IDB (default true). */
  readonly truth?: boolean;
  readonly onProgress?: (p: {
    readonly simulatedTs: number;
    readonly from: number;
    readonly until: number;
    readonly rows: number;
  }) => void;
}

export interface IdbResult {
  readonly displayUrl: string;
  readonly site: number;
  readonly role: IdbRole['role'];
  readonly rows: number;
  readonly gaps: readonly Gap[];
  /** Highest change marker written (= G_PROV_CONTROL.SeqCurrent afterwards). */
  readonly seq: number;
}

export interface SimulateResult {
  readonly from: number;
  readonly until: number;
  readonly idbs: readonly IdbResult[];
  readonly interactions: number;
  readonly sessions: number;
  readonly traffic: Traffic;
}

export function parseFrom(from: string | number): number {
  if (typeof from === 'number') return Math.floor(from);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?$/.exec(from.trim());
  const ms = m
    ? Date.UTC(
        Number(m[1]),
        Number(m[2]) - 1,
        Number(m[3]),
        Number(m[4] ?? 0),
        Number(m[5] ?? 0),
        Number(m[6] ?? 0),
      )
    : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`) {
    throw new ConfigError([
      {
        section: 'simulate',
        option: 'from',
        value: from,
        message: `--from: "${from}" is not a date; expected YYYY-MM-DD (UTC)`,
      },
    ]);
  }
  return ms / 1000;
}

export function assertSimulateOptions(o: SimulateOptions): void {
  const issues: ConfigIssue[] = [];
  const bad = (option: string, value: unknown, expected: string): void => {
    issues.push({
      section: 'simulate',
      option,
      value: String(value),
      message: `--${option}: "${String(value)}" is not valid; expected ${expected}`,
    });
  };
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 3660)
    bad('days', o.days, 'a whole number of days from 1 to 3660');
  if (!Number.isInteger(o.callsPerDay) || o.callsPerDay < 1 || o.callsPerDay > 5_000_000) {
    bad('calls-per-day', o.callsPerDay, 'a whole number from 1 to 5000000');
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
    bad('seed', o.seed, 'a whole number from 0 to 4294967295');
  const ms = o.multiSite ?? 0;
  if (!(ms >= 0 && ms <= 1)) bad('multi-site', ms, 'a share from 0 to 1');
  if (issues.length > 0) throw new ConfigError(issues);
  parseFrom(o.from);
}

/** Simulates into already open, migrated IDBs (one per site, or an HA pair per site). */
export async function simulateInto(dbs: readonly Db[], o: SimulateOptions): Promise<SimulateResult> {
  assertSimulateOptions(o);
  const from = parseFrom(o.from);
  const until = from + o.days * 86400;
  const multiSite = o.multiSite ?? 0;
  const roles = planLayout(dbs.length, o.ha ?? false, multiSite);
  const secondSite = roles.some((r) => r.site === 1);
  const traffic = makeTraffic({
    from,
    days: o.days,
    callsPerDay: o.callsPerDay,
    seed: o.seed,
    multiSiteShare: multiSite,
    secondSite,
  });
  const gaps = planGaps(from, o.days, makeRng(o.seed).fork('gaps'));
  const writers: IdbWriter[] = roles.map((r) =>
    makeIdbWriter({
      db: dbs[r.index]!,
      site: r.site,
      iconDbid: r.iconDbid,
      primaryDbid: r.primaryDbid,
      switchId: traffic.center.sites[Math.min(r.site, traffic.center.sites.length - 1)]!.switchId,
      gaps: r.role === 'single' ? [] : r.role === 'primary' ? gaps.primary : gaps.backup,
      sessionStart: traffic.center.configEpoch - 400 * 86400,
    }),
  );
  for (const w of writers) await w.init();
  const rows = writers.map(() => 0);
  let inFlight: Promise<void> = Promise.resolve();
  for (let t = from; t < until;) {
    const next = Math.min(until, t - (t % 3600) + 3600);
    traffic.runUntil(next);
    const fresh = traffic.log.drain();
    await inFlight;
    for (const w of writers) w.accept(fresh);
    inFlight = Promise.all(
      writers.map(async (w, i) => {
        rows[i] = (rows[i] ?? 0) + (await w.flush(next));
      }),
    ).then(() => undefined);
    o.onProgress?.({ simulatedTs: next, from, until, rows: rows.reduce((a, b) => a + b, 0) });
    t = next;
  }
  await inFlight;
  traffic.pool.finish(until);
  const last = traffic.log.drain();
  for (const w of writers) w.accept(last);
  await Promise.all(
    writers.map(async (w, i) => {
      rows[i] = (rows[i] ?? 0) + (await w.finish(until));
    }),
  );
  if (o.truth ?? true) {
    await writeTruth(dbs[0]!, traffic.truth, {
      seed: o.seed,
      from,
      days: o.days,
      callsPerDay: o.callsPerDay,
      ha: o.ha ?? false,
      multiSite,
    });
  }
  return {
    from,
    until,
    traffic,
    interactions: traffic.truth.interactions.length,
    sessions: traffic.truth.sessions.length,
    idbs: writers.map((w, i) => ({
      displayUrl: dbs[i]!.displayUrl,
      site: roles[i]!.site,
      role: roles[i]!.role,
      rows: rows[i] ?? 0,
      gaps: w.options.gaps,
      seq: w.counter,
    })),
  };
}

export interface SimulateHistoryOptions extends SimulateOptions {
  readonly idbUrls: readonly string[];
}

/** Opens the IDBs by URL, brings their schema up to date, simulates, closes them. */
export async function simulateHistory(o: SimulateHistoryOptions): Promise<Omit<SimulateResult, 'traffic'>> {
  assertSimulateOptions(o);
  planLayout(o.idbUrls.length, o.ha ?? false, o.multiSite ?? 0);
  const dbs: Db[] = [];
  try {
    for (const url of o.idbUrls) {
      const db = await openDb(url);
      dbs.push(db);
      await migrate(db, 'idb');
    }
    const { traffic: _traffic, ...rest } = await simulateInto(dbs, o);
    return rest;
  } finally {
    await Promise.all(dbs.map((d) => d.close()));
  }
}

// The traffic generator: builds the center, staffs it, and produces every row in time order,
// hour by hour. `runUntil(t)` guarantees that every row with a write instant before t exists, so
// a writer can hand out change markers up to t (bulk history and live mode alike).
import { makeAgenda } from './agenda.ts';
import type { Agenda } from './agenda.ts';
import type { AgentPool, Shift } from './agents.ts';
import { makeAgentPool } from './agents.ts';
import type { Center } from './center.ts';
import { makeCenter } from './center.ts';
import { writeCenterConfig } from './config-rows.ts';
import type { SimCtx } from './context.ts';
import { makeIdGen } from './ids.ts';
import { internalCall } from './internal.ts';
import { makeMultimedia } from './multimedia.ts';
import { makeOutbound } from './outbound.ts';
import { makeRng } from './rng.ts';
import { makeRowLog } from './row-log.ts';
import type { RowLog } from './row-log.ts';
import type { CurveName } from './staffing.ts';
import { SHIFT_HOURS, hourShares, planShifts, requiredAgents } from './staffing.ts';
import type { TruthLog } from './truth.ts';
import { makeTruthLog } from './truth.ts';
import { inboundVoice } from './voice-inbound.ts';

const DAY = 86400;
const HOUR = 3600;

/** Shares of the daily interactions by kind (outbound counts calling-list records). */
export const DEFAULT_MIX: Readonly<Record<CurveName, number>> = {
  voice: 0.78,
  internal: 0.04,
  outbound: 0.08,
  chat: 0.06,
  email: 0.04,
};

/** Average agent seconds one arrival of each kind takes (for staffing). */
const WORK_SECONDS: Readonly<Record<CurveName, number>> = {
  voice: 230,
  internal: 200,
  outbound: 140,
  chat: 470,
  email: 400,
};

export interface TrafficOptions {
  /** Start of the period, UTC epoch seconds (normally a midnight). */
  readonly from: number;
  readonly days: number;
  readonly callsPerDay: number;
  readonly seed: number;
  /** Share of inbound voice calls that cross to another site (0…1). */
  readonly multiSiteShare?: number;
  /** A second monitored site (its rows go to the second IDB or HA pair). */
  readonly secondSite?: boolean;
  readonly mix?: Partial<Record<CurveName, number>>;
}

export interface Traffic {
  readonly center: Center;
  readonly log: RowLog;
  readonly truth: TruthLog;
  readonly pool: AgentPool;
  /** Generates everything that happens before t. */
  runUntil(t: number): void;
  /** Time up to which rows are complete. */
  readonly position: number;
}

function staff(opts: TrafficOptions, mix: Record<CurveName, number>): { voice: number[][]; mm: number[] } {
  const share = opts.multiSiteShare ?? 0;
  const erl = (name: CurveName, factor: number): number[] =>
    hourShares(name).map((s) => (opts.callsPerDay * mix[name] * factor * s * WORK_SECONDS[name]) / HOUR);
  const add = (...xs: number[][]): number[] => xs[0]!.map((_, h) => xs.reduce((a, x) => a + (x[h] ?? 0), 0));
  const site0 = add(
    erl('voice', 1 - share * (opts.secondSite ? 0.8 : 0)),
    erl('internal', 2),
    erl('outbound', 1),
  );
  const voice = [planShifts(requiredAgents(site0))];
  if (opts.secondSite) voice.push(planShifts(requiredAgents(erl('voice', share * 0.8))));
  const mmLoad = add(
    erl('chat', 1),
    hourShares('email').map(() => (opts.callsPerDay * mix.email * WORK_SECONDS.email) / (12 * HOUR)),
  );
  const mm = planShifts(
    requiredAgents(mmLoad.map((e, h) => (h >= 7 && h < 21 ? e : 0))),
    (h) => h >= 6 && h <= 13,
  );
  return { voice, mm };
}

export function makeTraffic(opts: TrafficOptions): Traffic {
  const rng = makeRng(opts.seed);
  const mix = { ...DEFAULT_MIX, ...opts.mix };
  const plan = staff(opts, mix);
  const sites = opts.secondSite ? 2 : 1;
  const center = makeCenter(
    {
      from: opts.from,
      days: opts.days,
      voiceAgents: plan.voice.map((s) => s.length),
      mmAgents: plan.mm.length,
      sites,
    },
    rng.fork('center'),
  );
  const log = makeRowLog();
  const truth = makeTruthLog();
  const ids = makeIdGen(opts.seed, opts.from);
  const shiftRng = rng.fork('shifts');
  const startHours = [...plan.voice.flat(), ...plan.mm];
  const shiftsOf = (a: Center['agents'][number]): Shift[] => {
    const index = center.agents.indexOf(a);
    const hour = startHours[index] ?? 9;
    const out: Shift[] = [];
    for (let d = -1; d < opts.days + 1; d++) {
      const start = opts.from + d * DAY + hour * HOUR + shiftRng.int(-600, 600);
      out.push({ start, end: start + SHIFT_HOURS * HOUR + shiftRng.int(-300, 300) });
    }
    return out;
  };
  const pool = makeAgentPool({ center, log, ids, rng: rng.fork('agents'), truth, shiftsOf });
  const ctx: SimCtx = {
    log,
    ids,
    rng: rng.fork('traffic'),
    center,
    pool,
    truth,
    calls: { log, ids, tenantId: center.tenantId },
    multiSiteShare: opts.multiSiteShare ?? 0,
    remoteLocations: new Set(),
  };
  writeCenterConfig(log, center, rng.fork('config'));
  const agenda: Agenda = makeAgenda();
  const outbound = makeOutbound(ctx, agenda);
  const mm = makeMultimedia(ctx, agenda);
  const arrivals = rng.fork('arrivals');
  const shares = Object.fromEntries(
    (Object.keys(DEFAULT_MIX) as CurveName[]).map((k) => [k, hourShares(k)]),
  ) as Record<CurveName, number[]>;
  const handlers: Record<CurveName, (t: number) => void> = {
    voice: (t) => inboundVoice(ctx, t),
    internal: (t) => internalCall(ctx, t),
    outbound: (t) => outbound.newRecord(t),
    chat: (t) => mm.chat(t),
    email: (t) => mm.email(t),
  };
  // Agents on a shift that began before the period are logged in when it starts; their rows
  // before the period are history, as an IDB would have it.
  let scheduledUntil = opts.from;
  let position = opts.from - DAY;
  const scheduleHour = (hourStart: number): void => {
    const h = Math.floor((hourStart % DAY) / HOUR);
    if (h === 0 || hourStart === opts.from) outbound.startDay(hourStart - h * HOUR);
    for (const name of Object.keys(handlers) as CurveName[]) {
      const expected = opts.callsPerDay * mix[name] * (shares[name][h] ?? 0);
      const n = Math.floor(expected) + (arrivals.next() < expected - Math.floor(expected) ? 1 : 0);
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(hourStart + Math.floor(arrivals.next() * HOUR));
      times.sort((a, b) => a - b);
      const run = handlers[name];
      for (const t of times) agenda.push(t, run);
    }
    for (let m = 0; m < HOUR; m += 300) agenda.push(hourStart + m, (t) => mm.dispatch(t));
  };
  return {
    center,
    log,
    truth,
    pool,
    runUntil(t) {
      while (scheduledUntil < t) {
        scheduleHour(scheduledUntil);
        scheduledUntil += HOUR;
      }
      if (t > position) {
        agenda.runUntil(t);
        pool.advance(t);
        position = t;
      }
    },
    get position() {
      return position;
    },
  };
}

// What the simulator meant to happen, kept apart from the IDB rows so tests can check the
// transformation against intent: who answered, ring/talk/hold/ACW seconds, where a call was
// abandoned, and per login session the time spent in each state and its reason periods.

export type Scenario =
  | 'inbound-answered'
  | 'abandoned-in-queue'
  | 'abandoned-while-ringing'
  | 'ring-no-answer'
  | 'blind-transfer'
  | 'consult-transfer'
  | 'conference'
  | 'simple-consult'
  | 'multi-site'
  | 'internal'
  | 'internal-unanswered'
  | 'outbound'
  | 'chat'
  | 'chat-abandoned'
  | 'email'
  | 'email-deferred';

export interface InteractionTruth {
  /** Root CallID (for e-mail and chat the G_CALL CallID). */
  readonly id: string;
  scenario: Scenario;
  readonly mediaType: number;
  readonly site: number;
  readonly startTs: number;
  /** null: still open at the end of the simulated period. */
  endTs: number | null;
  /** The agent who first connected with the customer, if any. */
  answeredBy: number | null;
  /** Every agent that handled it, in order. */
  readonly agents: number[];
  ring: number;
  talk: number;
  hold: number;
  acw: number;
  /** Seconds from arrival to the first agent alerting (or to the abandon). */
  queueWait: number;
  abandoned: 'queue' | 'ringing' | null;
  readonly detail: Record<string, number | string | null>;
}

export interface ReasonPeriod {
  readonly reason: string;
  readonly startTs: number;
  readonly endTs: number;
}

export interface SessionTruth {
  readonly loginSessionId: string;
  readonly agentId: number;
  readonly mediaTypes: readonly number[];
  readonly startTs: number;
  endTs: number | null;
  /** Seconds per agent state code (2 NotReady, 3 Ready, 4 ACW, 5 Busy). */
  readonly stateSeconds: Record<number, number>;
  readonly reasons: ReasonPeriod[];
  dndSeconds: number;
}

export interface TruthLog {
  readonly interactions: InteractionTruth[];
  readonly sessions: SessionTruth[];
}

export function makeTruthLog(): TruthLog {
  return { interactions: [], sessions: [] };
}

export function newInteractionTruth(
  id: string,
  scenario: Scenario,
  mediaType: number,
  site: number,
  startTs: number,
): InteractionTruth {
  return {
    id,
    scenario,
    mediaType,
    site,
    startTs,
    endTs: null,
    answeredBy: null,
    agents: [],
    ring: 0,
    talk: 0,
    hold: 0,
    acw: 0,
    queueWait: 0,
    abandoned: null,
    detail: {},
  };
}

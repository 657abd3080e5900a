// Running Job_TransformGIM over scenario rows: agent sessions (for ACW and PLACE_KEY), the
// options the error-policy and waiting tests pass, and the transform() helper with every unit kind.
import type { Db } from '../../../src/db/types.ts';
import { UNIT_KINDS } from '../../../src/jobs/transform-gim/index.ts';
import { runTransform, type TransformRunResult } from '../../../src/jobs/transform-gim/transform.ts';
import type { TransformEnv, TransformErrorPolicy } from '../../../src/jobs/transform-gim/types.ts';
import { envAt, writeGidb } from '../fixtures.ts';
import { DAY0, type Fam, hms, TENANT } from './builder.ts';

export interface SessionSpec {
  readonly ls: string;
  readonly agent: number;
  /** Voice DN (0 for multimedia). */
  readonly dn: number;
  readonly place?: number | null;
  readonly from: string;
  readonly to?: string | null;
  readonly media?: number;
  /** Type 5 state rows: [time, state]. */
  readonly states: readonly (readonly [string, number])[];
}

/** G_LOGIN_SESSION, GX_SESSION_ENDPOINT and Type 5 G_AGENT_STATE_HISTORY rows of one session. */
export async function writeSession(db: Db, s: SessionSpec, fam: Fam = 'v'): Promise<void> {
  const end = s.to ? hms(s.to) : null;
  const media = s.media ?? 1;
  await writeGidb(db, `gidb_g_login_session_${fam}`, [
    {
      loginsessionid: s.ls,
      agentid: s.agent,
      tenantid: TENANT,
      placeid: s.place ?? null,
      state: end ? 0 : 1,
      created_ts: hms(s.from),
      terminated_ts: end,
    },
  ]);
  await writeGidb(db, `gidb_gx_session_endpoint_${fam}`, [
    {
      loginsessionid: s.ls,
      agentid: s.agent,
      endpointid: s.dn,
      endpointtype: s.dn ? 1 : 0,
      mediatype: media,
      placeid: s.place ?? null,
      tenantid: TENANT,
      state: end ? 0 : 1,
      created_ts: hms(s.from),
      terminated_ts: end,
    },
  ]);
  await writeGidb(
    db,
    `gidb_g_agent_state_history_${fam}`,
    s.states.map(([time, state], i) => ({
      loginsessionid: s.ls,
      agentid: s.agent,
      endpointid: s.dn,
      mediatype: media,
      type: 5,
      seq: i + 1,
      state,
      added_ts: hms(time),
    })),
  );
}

/** Options the error-policy and waiting tests pass through TransformEnv. */
export interface ScenarioOptions {
  readonly errorPolicy?: Partial<TransformErrorPolicy>;
  readonly daysToKeepActiveFacts?: number;
  readonly stuckThreshold?: number;
  readonly maxCallDuration?: number;
  readonly delayedDataThreshold?: number;
  readonly ocsRecordFieldNames?: readonly string[];
}

/** A reference time well after every scenario of DAY0 (the next day, 06:00). */
export const REF = DAY0 + 86400 + 6 * 3600;

let jobSeq = 5000;
/** Job_TransformGIM with every unit kind, as the job would run it at `refTs`. */
export async function transform(
  db: Db,
  opts: ScenarioOptions & { refTs?: number; aggregation?: boolean } = {},
): Promise<TransformRunResult> {
  const refTs = opts.refTs ?? REF;
  const base = envAt(refTs, {
    stuckThreshold: opts.stuckThreshold ?? 28860,
    maxCallDuration: opts.maxCallDuration ?? 3600,
    delayedDataThreshold: opts.delayedDataThreshold ?? 900,
  });
  const env: TransformEnv = {
    ...base,
    errorPolicy: {
      irfException: 'log_db_resume',
      callMergecallMissing: 'resume',
      islinkDangling: 'resume',
      campaignGroupMissing: 'exception',
      ...opts.errorPolicy,
    },
    daysToKeepActiveFacts: opts.daysToKeepActiveFacts ?? 30,
    ocsRecordFieldNames: opts.ocsRecordFieldNames ?? [],
  };
  jobSeq += 1;
  return runTransform({
    db,
    jobId: String(jobSeq),
    env,
    chunkSize: 7200,
    aggregationEnabled: opts.aggregation ?? false,
    kinds: UNIT_KINDS,
    nowMs: () => refTs * 1000,
  });
}

// Ground truth goes to tables of a separate schema, sim_truth, in the first IDB: no extraction
// role reads it (extraction reads the public IDB tables only), and tests can join it with facts.
import type { Db } from '../db/types.ts';
import { csvCell } from './csv.ts';
import type { Cell } from './row-log.ts';
import type { TruthLog } from './truth.ts';

const DDL = `
CREATE SCHEMA IF NOT EXISTS sim_truth;
CREATE TABLE IF NOT EXISTS sim_truth.interactions (
  id varchar(50) PRIMARY KEY, scenario varchar(32) NOT NULL, media_type int NOT NULL, site int NOT NULL,
  start_ts int NOT NULL, end_ts int, answered_by int, agents varchar(255), ring int, talk int, hold int,
  acw int, queue_wait int, abandoned varchar(16), detail jsonb
);
CREATE TABLE IF NOT EXISTS sim_truth.sessions (
  login_session_id varchar(50) PRIMARY KEY, agent_id int NOT NULL, media_types varchar(32), start_ts int NOT NULL,
  end_ts int, ready int, not_ready int, busy int, acw int, dnd int, reasons jsonb
);
CREATE TABLE IF NOT EXISTS sim_truth.runs (
  seed bigint, from_ts int, days int, calls_per_day int, options jsonb
);`;

const line = (cells: readonly Cell[]): string => cells.map(csvCell).join(',');

export async function writeTruth(db: Db, truth: TruthLog, run: Record<string, unknown>): Promise<void> {
  await db.exec(DDL, { name: 'simulate.truth-ddl' });
  const ixn = truth.interactions.map((t) =>
    line([
      t.id,
      t.scenario,
      t.mediaType,
      t.site,
      t.startTs,
      t.endTs,
      t.answeredBy,
      t.agents.join(' '),
      t.ring,
      t.talk,
      t.hold,
      t.acw,
      t.queueWait,
      t.abandoned,
      JSON.stringify(t.detail),
    ]),
  );
  const ses = truth.sessions.map((s) =>
    line([
      s.loginSessionId,
      s.agentId,
      s.mediaTypes.join(' '),
      s.startTs,
      s.endTs,
      s.stateSeconds[3] ?? 0,
      s.stateSeconds[2] ?? 0,
      s.stateSeconds[5] ?? 0,
      s.stateSeconds[4] ?? 0,
      s.dndSeconds,
      JSON.stringify(s.reasons),
    ]),
  );
  await db.transaction(async (tx) => {
    const cols = [
      'id',
      'scenario',
      'media_type',
      'site',
      'start_ts',
      'end_ts',
      'answered_by',
      'agents',
      'ring',
      'talk',
      'hold',
      'acw',
      'queue_wait',
      'abandoned',
      'detail',
    ];
    if (ixn.length > 0)
      await tx.copyIn('sim_truth.interactions', cols, ixn.join('\n') + '\n', {
        name: 'simulate.truth-interactions',
      });
    const scols = [
      'login_session_id',
      'agent_id',
      'media_types',
      'start_ts',
      'end_ts',
      'ready',
      'not_ready',
      'busy',
      'acw',
      'dnd',
      'reasons',
    ];
    if (ses.length > 0)
      await tx.copyIn('sim_truth.sessions', scols, ses.join('\n') + '\n', {
        name: 'simulate.truth-sessions',
      });
    await tx.query(
      `INSERT INTO sim_truth.runs (seed, from_ts, days, calls_per_day, options) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [run.seed, run.from, run.days, run.callsPerDay, JSON.stringify(run)],
    );
  });
}

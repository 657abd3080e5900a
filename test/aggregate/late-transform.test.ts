// Late data through the transformation: a changed IDB row of an old interval re-transforms its
// unit, the transformation queues the changed range, and Job_AggregateGIM's engine then changes
// exactly the aggregate rows of that interval and the periods containing it — nothing else.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import type { Db } from '../../src/db/types.ts';
import { at, DAY0, setupInfoMart, transformAt, writeGidb } from '../transform/fixtures.ts';
import { writeExample4Activity, writeExample4Config } from '../transform/example-4.ts';
import { aggConfig, aggregateUntilIdle } from './fixtures.ts';
import { levelMismatches, readAll } from './compare.ts';
import type { Tables } from './oracle.ts';

const config = aggConfig('UTC');
const NEXT_DAY = 86400;

/** Example 4's session again one day later (LS3), so one day is old data that must not move. */
async function writeSecondDay(db: Db): Promise<void> {
  await writeGidb(db, 'gidb_g_login_session_v', [
    {
      loginsessionid: 'LS3',
      agentid: 5002,
      tenantid: 101,
      placeid: 0,
      state: 0,
      created_ts: at(9, 0) + NEXT_DAY,
      terminated_ts: at(9, 40) + NEXT_DAY,
    },
  ]);
  await writeGidb(db, 'gidb_gx_session_endpoint_v', [
    {
      loginsessionid: 'LS3',
      agentid: 5002,
      endpointid: 7002,
      endpointtype: 1,
      mediatype: 1,
      tenantid: 101,
      state: 0,
      created_ts: at(9, 0) + NEXT_DAY,
      terminated_ts: at(9, 40) + NEXT_DAY,
    },
  ]);
  await writeGidb(db, 'gidb_g_agent_state_history_v', [
    {
      loginsessionid: 'LS3',
      agentid: 5002,
      endpointid: 7002,
      mediatype: 1,
      type: 5,
      seq: 1,
      state: 3,
      added_ts: at(9, 0) + NEXT_DAY,
    },
    {
      loginsessionid: 'LS3',
      agentid: 5002,
      endpointid: 7002,
      mediatype: 1,
      type: 5,
      seq: 2,
      state: 5,
      added_ts: at(9, 25) + NEXT_DAY,
    },
    {
      loginsessionid: 'LS3',
      agentid: 5002,
      endpointid: 7002,
      mediatype: 1,
      type: 5,
      seq: 3,
      state: 3,
      added_ts: at(9, 28) + NEXT_DAY,
    },
  ]);
}

/** Keys "table|grain" of rows that differ between two snapshots (added, removed or changed). */
function changedRows(a: Tables, b: Tables): string[] {
  const out: string[] = [];
  for (const table of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(table) ?? new Map<string, Record<string, number>>();
    const y = b.get(table) ?? new Map<string, Record<string, number>>();
    for (const k of new Set([...x.keys(), ...y.keys()]))
      if (JSON.stringify(x.get(k)) !== JSON.stringify(y.get(k))) out.push(`${table}|${k}`);
  }
  return out.sort();
}

describeEachDb('late data through a re-transformed unit', (getDb) => {
  let first: Tables;
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeExample4Config(db);
    await writeExample4Activity(db);
    await writeSecondDay(db);
    await transformAt(db, DAY0 + 3 * 86400, { aggregation: true });
    await aggregateUntilIdle(db, config);
    first = await readAll(db);
  });

  it('aggregates both days first', async () => {
    const sess = first.get('AG2_I_SESS_STATE_DAY');
    assert.equal(sess?.size, 2);
  });

  it('moving the Busy state of 09:25 to 09:26 on day 1 changes exactly that interval and the periods above it', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_g_agent_state_history_v', [
      {
        loginsessionid: 'LS2',
        agentid: 5002,
        endpointid: 7002,
        mediatype: 1,
        type: 5,
        seq: 4,
        state: 5,
        added_ts: at(9, 26),
      },
    ]);
    await transformAt(db, DAY0 + 3 * 86400 + 60, { aggregation: true });
    await aggregateUntilIdle(db, config);
    const second = await readAll(db);
    const changed = changedRows(first, second);
    // Interval 09:15 of day 1 and its hour, day, month, quarter and year; only session-state tables
    // (H_I_SESS_STATE) have a source here: no state reason moved.
    const subhr = at(9, 15);
    const cal = await db.query<Record<string, number>>(
      `SELECT date_time_hour_key AS h, date_time_day_key AS d, date_time_month_key AS m, date_time_quarter_key AS q,
              date_time_year_key AS y FROM date_time WHERE date_time_key = $1`,
      [subhr],
    );
    const c = cal.rows[0];
    assert.ok(c);
    const allowed = new Map([
      ['AG2_I_SESS_STATE_SUBHR', subhr],
      ['AG2_I_SESS_STATE_HOUR', Number(c.h)],
      ['AG2_I_SESS_STATE_DAY', Number(c.d)],
      ['AG2_I_SESS_STATE_MONTH', Number(c.m)],
      ['AG2_I_SESS_STATE_QRTR', Number(c.q)],
      ['AG2_I_SESS_STATE_YEAR', Number(c.y)],
    ]);
    assert.deepEqual(
      changed.map((x) => x.split('|').slice(0, 2).join('|')),
      [...allowed.entries()].map(([t, k]) => `${t}|${k}`).sort(),
    );
    const busy = second.get('AG2_I_SESS_STATE_SUBHR');
    const row = [...(busy?.entries() ?? [])].find(([k]) => k.startsWith(`${subhr}|`));
    assert.equal(row?.[1].BUSY_TIME, 120);
    assert.equal(first.get('AG2_I_SESS_STATE_SUBHR')?.get(row?.[0] ?? '')?.BUSY_TIME, 180);
    assert.deepEqual(await levelMismatches(db), []);
  });
});

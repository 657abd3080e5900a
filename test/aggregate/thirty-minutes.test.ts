// sub-hour-interval = 30min in a zone whose half hours fall at :15 and :45 UTC (Asia/Kathmandu,
// +05:45): SUBHR rows are keyed by DATE_TIME_30MIN_KEY and every level still equals the model.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { HIERARCHY_SPECS, aggTableName } from '../../src/jobs/aggregate-gim/hierarchies.ts';
import { aggConfig, aggregateUntilIdle, insertRows, notify, setupInfoMart } from './fixtures.ts';
import { FACT_TABLES, type GeneratedFacts, dimensionRows, generateFacts } from './generate.ts';
import { type Tables, oracleSubhr, rollUp } from './oracle.ts';
import { entries, expectedAll, readAll } from './compare.ts';

const ZONE = 'Asia/Kathmandu';
const config = aggConfig(ZONE, '[agg]\nsub-hour-interval = 30min');
const START = Date.UTC(2024, 5, 9, 18, 15) / 1000; // 2024-06-10 00:00 local
const END = START + 86400;

describeEachDb('aggregation with 30-minute SUBHR', (getDb) => {
  let facts: GeneratedFacts;
  let memberships: { RESOURCE_KEY: number; GROUP_KEY: number; START_TS: number; END_TS: number | null }[];

  before(async () => {
    const db = getDb();
    await setupInfoMart(db, ZONE, 2024);
    const dims = dimensionRows(START, END);
    await insertRows(db, 'RESOURCE_', dims.resources);
    await insertRows(db, 'GROUP_', dims.groups);
    await insertRows(db, 'RESOURCE_GROUP_FACT_', dims.memberships);
    memberships = dims.memberships.map((m) => ({
      RESOURCE_KEY: Number(m.RESOURCE_KEY),
      GROUP_KEY: Number(m.GROUP_KEY),
      START_TS: Number(m.START_TS),
      END_TS: m.END_TS === null ? null : Number(m.END_TS),
    }));
    facts = generateFacts({ seed: 11, start: START, end: END, spacing: 900 });
    for (const t of FACT_TABLES) await insertRows(db, t, facts[t]);
    await notify(db, START - 3600, END + 6 * 3600);
    await aggregateUntilIdle(db, config);
  });

  it('keys SUBHR rows by the local half hour and matches the model at every level', async () => {
    const db = getDb();
    const cal = await db.query<{ k: number; h: number }>(
      `SELECT date_time_key AS k, date_time_30min_key AS h FROM date_time WHERE date_time_key >= $1 AND date_time_key < $2`,
      [START - 86400, END + 86400],
    );
    const half = new Map(cal.rows.map((r) => [Number(r.k), Number(r.h)]));
    const sub15 = oracleSubhr(facts, memberships);
    const sub30: Tables = new Map();
    for (const spec of HIERARCHY_SPECS) {
      const t = aggTableName(spec, 'SUBHR');
      sub30.set(
        t,
        rollUp(sub15.get(t) ?? new Map(), (k) => half.get(k) ?? NaN, spec.maxMeasures),
      );
    }
    const exp = await expectedAll(
      db,
      sub30,
      Date.UTC(2024, 0, 1) / 1000 - 86400,
      Date.UTC(2025, 0, 1) / 1000,
    );
    const act = await readAll(db);
    for (const [table, rows] of exp) assert.deepEqual(entries(act.get(table)), entries(rows), table);
    const keys = entries(act.get('AG2_I_SESS_STATE_SUBHR')).map(([k]) => Number(k.split('|')[0]));
    assert.ok(keys.length > 0);
    assert.ok(
      keys.every((k) => k % 1800 === 900),
      'half hours at :15/:45 UTC',
    );
  });
});

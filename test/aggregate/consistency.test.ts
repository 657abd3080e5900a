// Over generated facts (two DST weekends in America/New_York): every AG2 table at every level
// equals the independent model of oracle.ts; every level equals a GROUP BY of the level below;
// late data changes exactly the affected rows; re-aggregating one day of one hierarchy leaves
// the others untouched.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import type { Db } from '../../src/db/types.ts';
import { parseInsertPendingAgg } from '../../src/core/insert-pending-agg.ts';
import { HIERARCHY_SPECS, aggTableName } from '../../src/jobs/aggregate-gim/hierarchies.ts';
import { LEVELS } from '../../src/jobs/aggregate-gim/levels.ts';
import { queueReaggregation, readReaggregationLedger } from '../../src/jobs/aggregate-gim/ledger.ts';
import { aggConfig, aggregateUntilIdle, insertRows, irfRow, notify, se, setupInfoMart } from './fixtures.ts';
import { FACT_TABLES, type GeneratedFacts, dimensionRows, generateFacts } from './generate.ts';
import { type Membership, type Tables, oracleSubhr } from './oracle.ts';
import { entries, expectedAll, levelMismatches, readAll } from './compare.ts';

const ZONE = 'America/New_York';
const config = aggConfig(ZONE);
const SPRING = [Date.UTC(2024, 2, 9, 5) / 1000, Date.UTC(2024, 2, 12, 4) / 1000] as const;
const FALL = [Date.UTC(2024, 10, 2, 4) / 1000, Date.UTC(2024, 10, 4, 5) / 1000] as const;
const YEAR = [Date.UTC(2024, 0, 1) / 1000, Date.UTC(2025, 0, 1) / 1000] as const;
/** 2024-11-03 01:30 EDT, inside the first of the two 01:00 local hours. */
const X = Date.UTC(2024, 10, 3, 5, 30) / 1000;

function merge(a: GeneratedFacts, b: GeneratedFacts): GeneratedFacts {
  return Object.fromEntries(FACT_TABLES.map((t) => [t, [...a[t], ...b[t]]])) as unknown as GeneratedFacts;
}

async function insertFacts(db: Db, f: GeneratedFacts): Promise<void> {
  for (const t of FACT_TABLES) await insertRows(db, t, f[t]);
}

function assertTablesEqual(actual: Tables, expected: Tables, only?: (table: string) => boolean): void {
  for (const [table, exp] of expected) {
    if (only && !only(table)) continue;
    assert.deepEqual(entries(actual.get(table)), entries(exp), table);
  }
}

describeEachDb('aggregation over generated facts', (getDb) => {
  let facts: GeneratedFacts;
  let memberships: Membership[];

  const expected = async (db: Db, f: GeneratedFacts): Promise<Tables> =>
    expectedAll(db, oracleSubhr(f, memberships), YEAR[0], YEAR[1]);

  before(async () => {
    const db = getDb();
    await setupInfoMart(db, ZONE, 2024);
    const dims = dimensionRows(SPRING[0], FALL[1]);
    await insertRows(db, 'RESOURCE_', dims.resources);
    await insertRows(db, 'GROUP_', dims.groups);
    await insertRows(db, 'RESOURCE_GROUP_FACT_', dims.memberships);
    memberships = dims.memberships.map((m) => ({
      RESOURCE_KEY: Number(m.RESOURCE_KEY),
      GROUP_KEY: Number(m.GROUP_KEY),
      START_TS: Number(m.START_TS),
      END_TS: m.END_TS === null ? null : Number(m.END_TS),
    }));
    facts = merge(
      generateFacts({ seed: 7, start: SPRING[0], end: SPRING[1], spacing: 700, firstId: 1 }),
      generateFacts({ seed: 8, start: FALL[0], end: FALL[1], spacing: 700, firstId: 500_000 }),
    );
    await insertFacts(db, facts);
    await notify(db, SPRING[0] - 3600, SPRING[1] + 6 * 3600);
    await notify(db, FALL[0] - 3600, FALL[1] + 6 * 3600);
    await aggregateUntilIdle(db, config);
  });

  it('every table at every level equals the independent model (DST days included)', async () => {
    const db = getDb();
    const exp = await expected(db, facts);
    const act = await readAll(db);
    assertTablesEqual(act, exp);
    // The data exercises every hierarchy and both DST days.
    for (const spec of HIERARCHY_SPECS)
      assert.ok((exp.get(aggTableName(spec, 'SUBHR'))?.size ?? 0) > 0, spec.name);
    const days = entries(act.get('AG2_I_SESS_STATE_DAY')).map(([k]) => Number(k.split('|')[0]));
    assert.ok(days.includes(Date.UTC(2024, 2, 10, 5) / 1000), 'spring-forward day (23 h) present');
    assert.ok(days.includes(Date.UTC(2024, 10, 3, 4) / 1000), 'fall-back day (25 h) present');
    const hours = entries(act.get('AG2_I_SESS_STATE_HOUR')).map(([k]) => Number(k.split('|')[0]));
    assert.ok(
      hours.includes(Date.UTC(2024, 10, 3, 5) / 1000) && hours.includes(Date.UTC(2024, 10, 3, 6) / 1000),
      'both 01:00 hours of the fall-back day',
    );
  });

  it('each level equals the GROUP BY of the level below through DATE_TIME', async () => {
    assert.deepEqual(await levelMismatches(getDb()), []);
  });

  it('late data in one old interval updates exactly the affected rows at every level', async () => {
    const db = getDb();
    const before = await readAll(db);
    // A new interaction in interval X, answered by agent 101 through queue 201, with state segments.
    const ifRow = {
      INTERACTION_ID: 900_001,
      TENANT_KEY: 1,
      INTERACTION_TYPE_KEY: 2,
      MEDIA_TYPE_KEY: 1,
      MEDIA_SERVER_IXN_GUID: 'LATE1',
      STATUS: 0,
      ...se(X + 10, X + 400),
    };
    const irf = irfRow({
      id: 900_002,
      interactionId: 900_001,
      interactionSdt: X,
      resource: 101,
      td: 4110,
      start: X + 30,
      end: X + 400,
      guid: 'LATE1-A',
      m: { RING: [1, 9], TALK: [1, 300], AFTER_CALL_WORK: [1, 61] },
    });
    const msf = {
      MEDIATION_SEGMENT_ID: 900_003,
      TENANT_KEY: 1,
      INTERACTION_ID: 900_001,
      INTERACTION_SDT_KEY: X,
      MEDIA_TYPE_KEY: 1,
      INTERACTION_TYPE_KEY: 2,
      RESOURCE_KEY: 201,
      TECHNICAL_DESCRIPTOR_KEY: 9110,
      TARGET_IXN_RESOURCE_ID: 900_002,
      TARGET_IXN_RESOURCE_SDT_KEY: X,
      IXN_RESOURCE_ID: null,
      MEDIATION_DURATION: 21,
      MEDIATION_GUID: 'LATE1-Q',
      ...se(X + 9, X + 30),
    };
    const irsf = {
      IXN_RESOURCE_STATE_FACT_KEY: 900_004,
      TENANT_KEY: 1,
      MEDIA_TYPE_KEY: 1,
      RESOURCE_KEY: 101,
      PLACE_KEY: -2,
      INTERACTION_RESOURCE_STATE_KEY: 30,
      INTERACTION_TYPE_KEY: 2,
      INTERACTION_RESOURCE_ID: 900_002,
      INTERACTION_RESOURCE_SDT_KEY: X,
      TOTAL_DURATION: 300,
      STATE_COUNT: 1,
      ...se(X + 39, X + 339),
    };
    await insertRows(db, 'INTERACTION_FACT', [ifRow]);
    await insertRows(db, 'INTERACTION_RESOURCE_FACT', [irf]);
    await insertRows(db, 'MEDIATION_SEGMENT_FACT', [msf]);
    await insertRows(db, 'IXN_RESOURCE_STATE_FACT', [irsf]);
    facts.INTERACTION_FACT.push(ifRow);
    facts.INTERACTION_RESOURCE_FACT.push(irf);
    facts.MEDIATION_SEGMENT_FACT.push(msf);
    facts.IXN_RESOURCE_STATE_FACT.push(irsf);
    // A changed abandonment: an MSF of X without target now lasts 13 s more.
    const changed = facts.MEDIATION_SEGMENT_FACT.filter(
      (m) =>
        Number(m.START_DATE_TIME_KEY) === X &&
        m.TARGET_IXN_RESOURCE_ID === null &&
        Number(m.END_TS) < X + 900,
    );
    for (const m of changed) {
      m.MEDIATION_DURATION = Number(m.MEDIATION_DURATION) + 13;
      await db.query(
        `UPDATE MEDIATION_SEGMENT_FACT SET MEDIATION_DURATION = $1 WHERE MEDIATION_SEGMENT_ID = $2`,
        [m.MEDIATION_DURATION, m.MEDIATION_SEGMENT_ID],
      );
    }
    await notify(db, X, X + 900);
    await aggregateUntilIdle(db, config);
    const after = await readAll(db);
    assertTablesEqual(after, await expected(db, facts));
    // Outside the periods holding X nothing moved, at any level.
    const periodOf = await db.query<Record<string, number>>(
      `SELECT * FROM DATE_TIME WHERE DATE_TIME_KEY = $1`,
      [X],
    );
    const p = periodOf.rows[0] as Record<string, number>;
    const keyAt: Record<string, number> = {
      SUBHR: X,
      HOUR: p.date_time_hour_key as number,
      DAY: p.date_time_day_key as number,
      MONTH: p.date_time_month_key as number,
      QRTR: p.date_time_quarter_key as number,
      YEAR: p.date_time_year_key as number,
    };
    let changedRows = 0;
    for (const spec of HIERARCHY_SPECS) {
      for (const level of LEVELS) {
        const t = aggTableName(spec, level);
        const outside = (k: string): boolean => Number(k.split('|')[0]) !== keyAt[level];
        assert.deepEqual(entries(after.get(t), outside), entries(before.get(t), outside), t);
        changedRows += entries(after.get(t), (k) => !outside(k)).filter(
          ([k, v]) => JSON.stringify(before.get(t)?.get(k)) !== JSON.stringify(v),
        ).length;
      }
    }
    assert.ok(changedRows >= 6 * 4, `the late interaction reached every level (${changedRows} rows changed)`);
  });

  it('re-aggregating one day of one hierarchy leaves other hierarchies and days untouched', async () => {
    const db = getDb();
    const day = [Date.UTC(2024, 2, 10, 5) / 1000, Date.UTC(2024, 2, 11, 4) / 1000] as const; // 23 h
    // Facts of 2024-03-10 change without any notification (as after a manual correction).
    const touched = facts.MEDIATION_SEGMENT_FACT.filter(
      (m) => Number(m.START_TS) >= day[0] && Number(m.START_TS) < day[1],
    );
    assert.ok(touched.length > 0);
    for (const m of touched) m.MEDIATION_DURATION = Number(m.MEDIATION_DURATION) + 7;
    await db.query(
      `UPDATE MEDIATION_SEGMENT_FACT SET MEDIATION_DURATION = MEDIATION_DURATION + 7 WHERE START_TS >= $1 AND START_TS < $2`,
      [day[0], day[1]],
    );
    const before = await readAll(db);
    const parsed = parseInsertPendingAgg('-insertPendingAgg H_QUEUE-SUBHOUR:2024-03-10:2024-03-10');
    assert.ok(parsed.ok);
    const q = await queueReaggregation(db, parsed.request, 'alice', Date.UTC(2024, 2, 20));
    assert.deepEqual([q.start, q.end], [day[0], day[1]]);
    await aggregateUntilIdle(db, config);
    const after = await readAll(db);
    const exp = await expected(db, facts);
    assertTablesEqual(
      after,
      exp,
      (t) =>
        t.startsWith('AG2_QUEUE_') &&
        !t.startsWith('AG2_QUEUE_GRP') &&
        !t.startsWith('AG2_QUEUE_ABN') &&
        !t.startsWith('AG2_QUEUE_ACC'),
    );
    for (const [t, rows] of before) {
      if (/^AG2_QUEUE_(SUBHR|HOUR|DAY|MONTH|QRTR|YEAR)$/.test(t)) continue;
      assert.deepEqual(entries(after.get(t)), entries(rows), `${t} untouched`);
    }
    // Other days of H_QUEUE kept their rows (SUBHR and HOUR keys outside the day).
    for (const t of ['AG2_QUEUE_SUBHR', 'AG2_QUEUE_HOUR']) {
      const outside = (k: string): boolean =>
        Number(k.split('|')[0]) < day[0] || Number(k.split('|')[0]) >= day[1];
      assert.deepEqual(entries(after.get(t), outside), entries(before.get(t), outside), t);
      assert.notDeepEqual(
        entries(after.get(t), (k) => !outside(k)),
        entries(before.get(t), (k) => !outside(k)),
        `${t} changed inside the day`,
      );
    }
    const ledger = await readReaggregationLedger(db);
    const r = ledger.requests.find((x) => x.requestId === q.requestId);
    assert.ok(r);
    assert.equal(r.state, 'DONE');
    assert.deepEqual(r.progress, { done: 6, total: 6 });
    assert.deepEqual(r.hierarchies, ['H_QUEUE']);
    assert.equal(r.requestedBy, 'alice');
    assert.equal(r.agrSet, 'H_QUEUE-SUBHOUR');
    assert.ok(ledger.notified.some((n) => n.cause === 'ETL' && n.start === X && n.state === 'DONE'));
  });
});

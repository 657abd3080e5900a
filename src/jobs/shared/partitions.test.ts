import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../../test/helpers/databases.ts';
import { migrate } from '../../db/migrate.ts';
import { ensurePartitions, listPartitionedTables, listPartitions } from './partitions.ts';

const DAY = 86400;
const D0 = 1709596800; // 2024-03-05 00:00 UTC

describeEachDb('partitions', (getDb) => {
  before(async () => {
    await migrate(getDb(), 'infomart');
  });

  it('creates aligned partitions ahead on every partitioned table, GIDB with its own interval', async () => {
    const db = getDb();
    const r = await ensurePartitions(db, {
      fromTs: D0 + 3600,
      toTs: D0 + 2 * DAY,
      gimIntervalSeconds: DAY,
      gidbIntervalSeconds: 2 * DAY,
    });
    const tables = await listPartitionedTables(db);
    const gidb = tables.filter((t) => t.family === 'gidb').length;
    const gim = tables.length - gidb;
    assert.equal(r.created.length, gim * 2 + gidb * 2);
    assert.equal(r.movedRows, 0);
    const irf = await listPartitions(db, 'interaction_fact');
    assert.deepEqual(
      irf.map((p) => [p.name, p.range, p.isDefault]),
      [
        ['interaction_fact_default', null, true],
        [`interaction_fact_p${D0}`, [D0, D0 + DAY], false],
        [`interaction_fact_p${D0 + DAY}`, [D0 + DAY, D0 + 2 * DAY], false],
      ],
    );
    const call = await listPartitions(db, 'gidb_g_call_v');
    // 2-day GIDB ranges are aligned on the epoch: D0 is an odd day, so they start a day earlier.
    assert.equal((D0 / DAY) % 2, 1);
    assert.deepEqual(
      call.filter((p) => !p.isDefault).map((p) => p.range),
      [
        [D0 - DAY, D0 + DAY],
        [D0 + DAY, D0 + 3 * DAY],
      ],
    );
  });

  it('is idempotent', async () => {
    const r = await ensurePartitions(getDb(), {
      fromTs: D0,
      toTs: D0 + 2 * DAY,
      gimIntervalSeconds: DAY,
      gidbIntervalSeconds: 2 * DAY,
    });
    assert.deepEqual(r.created, []);
  });

  it('routes rows to their partition and moves rows out of DEFAULT when their range is created', async () => {
    const db = getDb();
    const later = D0 + 10 * DAY;
    await db.query(
      `INSERT INTO interaction_fact (media_server_ixn_guid, start_date_time_key, start_ts, status)
       VALUES ('in-range', $1, $1, 0), ('stranded', $2, $2, 1), ('far', $3, $3, 0)`,
      [D0 + 900, later + 900, later + 40 * DAY],
    );
    await db.query(
      `INSERT INTO ctl_audit_log (audit_key, job_id, created_ts) VALUES (nextval('ctl_audit_key_seq'), 'x', $1)`,
      [later + 60],
    );
    const where = async (guid: string) =>
      (
        await db.query<{ t: string }>(
          `SELECT tableoid::regclass::text AS t FROM interaction_fact WHERE media_server_ixn_guid = $1`,
          [guid],
        )
      ).rows[0]?.t;
    assert.equal(await where('in-range'), `interaction_fact_p${D0}`);
    assert.equal(await where('stranded'), 'interaction_fact_default');
    const before = await db.query(`SELECT * FROM interaction_fact ORDER BY media_server_ixn_guid`);

    const r = await ensurePartitions(db, {
      fromTs: later,
      toTs: later + 1,
      gimIntervalSeconds: DAY,
      gidbIntervalSeconds: DAY,
      tables: ['interaction_fact', 'ctl_audit_log'],
    });
    assert.deepEqual([...r.created].sort(), [`ctl_audit_log_p${later}`, `interaction_fact_p${later}`]);
    assert.equal(r.movedRows, 2);
    assert.equal(await where('stranded'), `interaction_fact_p${later}`);
    assert.equal(await where('far'), 'interaction_fact_default');
    const after = await db.query(`SELECT * FROM interaction_fact ORDER BY media_server_ixn_guid`);
    assert.deepEqual(after.rows, before.rows, 'rows are unchanged by the move');
    const audit = await db.query<{ t: string }>(`SELECT tableoid::regclass::text AS t FROM ctl_audit_log`);
    assert.deepEqual(audit.rows, [{ t: `ctl_audit_log_p${later}` }]);
    // The DEFAULT partition is attached again and still takes rows outside every range.
    const def = await listPartitions(db, 'interaction_fact');
    assert.ok(def.some((p) => p.isDefault && p.name === 'interaction_fact_default'));
    await db.query(
      `INSERT INTO interaction_fact (media_server_ixn_guid, start_date_time_key) VALUES ('old', $1)`,
      [D0 - 100 * DAY],
    );
    assert.equal(await where('old'), 'interaction_fact_default');
  });

  it('creates many partitions in batches and moves stranded rows of every batch', async () => {
    const db = getDb();
    const base = D0 + 100 * DAY;
    await db.query(
      `INSERT INTO sm_res_state_fact (resource_key, media_type_key, start_ts, start_date_time_key)
       VALUES (1, 1, $1, $1), (1, 1, $2, $2), (1, 1, $3, $3)`,
      [base + 2 * DAY, base + 30 * DAY + 900, base + 39 * DAY],
    );
    const r = await ensurePartitions(db, {
      fromTs: base,
      toTs: base + 40 * DAY,
      gimIntervalSeconds: DAY,
      gidbIntervalSeconds: DAY,
      tables: ['sm_res_state_fact'],
    });
    assert.equal(r.created.length, 40);
    assert.equal(r.movedRows, 3);
    const left = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sm_res_state_fact_default`);
    assert.equal(left.rows[0]?.n, 0);
    const placed = await db.query<{ t: string }>(
      `SELECT tableoid::regclass::text AS t FROM sm_res_state_fact ORDER BY start_ts`,
    );
    assert.deepEqual(
      placed.rows.map((x) => x.t),
      [2, 30, 39].map((d) => `sm_res_state_fact_p${base + d * DAY}`),
    );
  });
});

// The IDB and Info Mart migrations apply cleanly on both databases and match the catalog.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../test/helpers/databases.ts';
import { listMigrations, migrate } from '../db/migrate.ts';
import { idbTables } from './catalog.ts';
import { gidbTables, idbIndexName } from './ddl.ts';
import { createIdbIndexes } from './indexes.ts';
import { listPartitionedTables } from '../jobs/shared/partitions.ts';

describeEachDb('IDB and Info Mart schemas', (getDb) => {
  before(async () => {
    await migrate(getDb(), 'idb');
    await migrate(getDb(), 'infomart');
  });

  async function columnsOf(table: string): Promise<string[]> {
    const r = await getDb().query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    return r.rows.map((x) => x.c);
  }

  it('creates every IDB table with the catalog columns', async () => {
    for (const t of idbTables) {
      assert.deepEqual(
        await columnsOf(t.name.toLowerCase()),
        t.columns.map((c) => c.name.toLowerCase()),
        t.name,
      );
    }
  });

  it('fills GSYS_SEQ from the sequence and GSYS_USEQ on update', async () => {
    const db = getDb();
    await db.query(`INSERT INTO g_call (callid, calltype) VALUES ('c1', 2), ('c2', 2)`);
    const ins = await db.query<{ callid: string; s: string; u: string | null }>(
      `SELECT callid, gsys_seq::text AS s, gsys_useq::text AS u FROM g_call ORDER BY callid`,
    );
    assert.equal(ins.rows.length, 2);
    assert.ok(ins.rows.every((r) => r.u === null));
    assert.ok(Number(ins.rows[1]?.s) > Number(ins.rows[0]?.s));
    await db.query(`UPDATE g_call SET state = 2 WHERE callid = 'c1'`);
    const upd = await db.query<{ s: string; u: string }>(
      `SELECT gsys_seq::text AS s, gsys_useq::text AS u FROM g_call WHERE callid = 'c1'`,
    );
    assert.ok(Number(upd.rows[0]?.u) > Number(ins.rows[1]?.s), 'update sequence is newer than every insert');
    assert.equal(upd.rows[0]?.s, ins.rows[0]?.s);
  });

  it('has the extraction indexes, and createIdbIndexes recreates a missing one', async () => {
    const db = getDb();
    const none = await createIdbIndexes(db);
    assert.deepEqual(none.created, []);
    assert.deepEqual(none.missingTables, []);
    await db.exec('DROP INDEX ix_g_party_chg');
    const again = await createIdbIndexes(db);
    assert.deepEqual(again.created, ['ix_g_party_chg']);
    const n = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY($1)`,
      [idbTables.filter((t) => t.hasGsys).map(idbIndexName)],
    );
    assert.equal(n.rows[0]?.n, idbTables.filter((t) => t.hasGsys).length);
  });

  it('uses the change-marker index for extraction reads', async () => {
    const db = getDb();
    const plan = await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      const r = await tx.query<Record<string, string>>(
        `EXPLAIN SELECT * FROM g_call WHERE GREATEST(GSYS_SEQ, COALESCE(GSYS_USEQ, 0)) > $1
          ORDER BY GREATEST(GSYS_SEQ, COALESCE(GSYS_USEQ, 0))`,
        [0],
      );
      return r.rows.map((x) => Object.values(x).join(' ')).join('\n');
    });
    assert.match(plan, /ix_g_call_chg/);
  });

  it('creates every GIDB table with its columns, key and DEFAULT partition', async () => {
    const parts = new Map((await listPartitionedTables(getDb())).map((p) => [p.name, p]));
    for (const g of gidbTables) {
      const name = g.name.toLowerCase();
      assert.deepEqual(
        await columnsOf(name),
        g.columns.map((c) => c.name.toLowerCase()),
        g.name,
      );
      const p = parts.get(name);
      assert.equal(p !== undefined, g.partitioned, `${g.name} partitioned`);
      if (p) {
        assert.equal(p.keyColumn, 'start_date_time_key');
        assert.equal(p.defaultPartition, `${name}_default`);
      }
    }
  });

  it('partitions facts and the two control tables, each with a DEFAULT partition', async () => {
    const parts = await listPartitionedTables(getDb());
    const gim = parts.filter((p) => p.family === 'gim');
    assert.deepEqual(
      gim.map((p) => `${p.name}:${p.keyColumn}`),
      [
        'campaign_group_session_fact:start_date_time_key',
        'campaign_group_state_fact:start_date_time_key',
        'contact_attempt_fact:start_date_time_key',
        'ctl_audit_log:created_ts',
        'ctl_extract_history:created_ts',
        'interaction_fact:start_date_time_key',
        'interaction_resource_fact:start_date_time_key',
        'irf_user_data_gen_1:start_date_time_key',
        'irf_user_data_keys:start_date_time_key',
        'ixn_resource_state_fact:start_date_time_key',
        'mediation_segment_fact:start_date_time_key',
        'sm_media_neutral_state_fact:start_date_time_key',
        'sm_res_session_fact:start_date_time_key',
        'sm_res_state_fact:start_date_time_key',
        'sm_res_state_reason_fact:start_date_time_key',
      ],
    );
    assert.ok(gim.every((p) => p.defaultPartition === `${p.name}_default`));
  });

  it('has the dimensions, views, sequences and control tables of section 4', async () => {
    const db = getDb();
    const rel = await db.query<{ n: string; k: string }>(
      `SELECT c.relname AS n, c.relkind::text AS k FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = current_schema()`,
    );
    const kinds = new Map(rel.rows.map((r) => [r.n, r.k]));
    for (const t of [
      'date_time',
      'technical_descriptor',
      'time_range',
      'tenant',
      'resource_',
      'group_',
      'interaction_descriptor',
      'resource_state_reason',
      'resource_group_fact_',
      'ctl_etl_history',
      'ctl_transform_history',
      'ctl_ds',
      'ctl_gdpr_history',
      'ctl_schema_info',
      'stg_transform_discards',
      'stg_ixn_backlog',
      'pending_agg',
    ])
      assert.equal(kinds.get(t), 'r', t);
    assert.equal(kinds.get('resource_group_fact'), 'v');
    assert.equal(kinds.get('admin_etl_job_history'), 'v');
    for (const s of [
      'ctl_audit_key_seq',
      'ctl_job_id_seq',
      'interaction_id_seq',
      'resource_key_seq',
      'tenant_key_seq',
    ])
      assert.equal(kinds.get(s), 'S', s);
    const first = await db.query<{ k: number }>(`SELECT nextval('resource_key_seq')::int AS k`);
    assert.equal(first.rows[0]?.k, 1);
    const info = await db.query<{ v: string }>(`SELECT schema_version AS v FROM ctl_schema_info`);
    assert.equal(info.rows[0]?.v, String(listMigrations('infomart').at(-1)?.version));
  });

  it('keeps a fact row whatever its start key, and enforces the natural key', async () => {
    const db = getDb();
    await db.query(
      `INSERT INTO interaction_fact (media_server_ixn_guid, start_date_time_key, start_ts) VALUES ('g1', 1709632800, 1709632800)`,
    );
    await assert.rejects(
      db.query(
        `INSERT INTO interaction_fact (media_server_ixn_guid, start_date_time_key) VALUES ('g1', 1709632800)`,
      ),
      /duplicate key/,
    );
    const r = await db.query<{ id: string }>(
      `SELECT interaction_id::text AS id FROM interaction_fact_default`,
    );
    assert.deepEqual(r.rows, [{ id: '1' }]);
  });
});

// Configuration dimensions and RESOURCE_GROUP_FACT_ from GIDB configuration history
// (data-model 4.4, 5.13): types, names, validity, in-place updates, -1/-2 references.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { at, transformAt, setupInfoMart, writeGidb } from './fixtures.ts';

const T0 = at(0, 0);

describeEachDb('Job_TransformGIM configuration dimensions', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeGidb(db, 'gidb_gc_tenant', [{ id: 101, name: 'Tenant101', status: 1, created_ts: T0 }]);
    await writeGidb(db, 'gidb_gc_switch', [{ id: 1, tenantid: 101, name: 'SW1', status: 1, created_ts: T0 }]);
    await writeGidb(db, 'gidb_gc_endpoint', [
      { id: 7001, dn: '7001', tenantid: 101, switchid: 1, type: 1, status: 1, created_ts: T0 },
      { id: 3001, dn: 'Q1', tenantid: 101, switchid: 1, type: 3, status: 1, created_ts: T0 },
      { id: 3101, dn: 'VQ1', tenantid: 101, switchid: 1, type: 5, status: 1, created_ts: T0 },
      { id: 4001, dn: '4000', tenantid: 101, switchid: 1, type: 4, status: 1, created_ts: T0 },
      { id: 9001, dn: 'IQ1', tenantid: 0, type: 20, status: 1, created_ts: T0 },
    ]);
    await writeGidb(db, 'gidb_gc_agent', [
      {
        id: 5001,
        tenantid: 101,
        username: 'jdoe',
        firstname: 'J',
        lastname: 'Doe',
        employeeid: 'E1',
        type: 2,
        status: 1,
        created_ts: T0,
      },
    ]);
    await writeGidb(db, 'gidb_gc_place', [
      { id: 6001, tenantid: 101, name: 'P1', status: 1, created_ts: T0 },
    ]);
    await writeGidb(db, 'gidb_gc_group', [
      { id: 801, tenantid: 101, name: 'Agents', type: 1, status: 1, created_ts: T0 },
      { id: 802, tenantid: 101, name: 'Queues', type: 3, status: 1, created_ts: T0 },
    ]);
    await writeGidb(db, 'gidb_gc_time_zone', [
      {
        id: 11,
        tenantid: 101,
        name: 'ET',
        javaname: 'America/New_York',
        utcoffset: -300,
        dstobserved: 1,
        status: 1,
        created_ts: T0,
      },
    ]);
    await writeGidb(db, 'gidb_gc_calling_list', [
      { id: 21, tenantid: 101, name: 'L1', timezoneid: 11, status: 1, created_ts: T0 },
      { id: 22, tenantid: 101, name: 'L2', timezoneid: null, status: 1, created_ts: T0 },
    ]);
    await writeGidb(db, 'gidb_gc_campaign', [
      { id: 31, tenantid: 101, name: 'C1', status: 1, created_ts: T0 },
    ]);
    await writeGidb(db, 'gidb_gcx_group_agent', [
      { id: 1, groupid: 801, agentid: 5001, status: 1, created_ts: at(1, 0) },
      { id: 2, groupid: 801, agentid: 5099, status: 1, created_ts: at(1, 0) },
    ]);
    await writeGidb(db, 'gidb_gcx_group_endpoint', [
      { id: 3, groupid: 802, endpointid: 3001, status: 2, created_ts: at(1, 0), deleted_ts: at(2, 0) },
    ]);
    await transformAt(db, at(3, 0));
  });

  it('builds RESOURCE_ rows by configuration type', async () => {
    const r = await getDb().query(
      `SELECT r.resource_cfg_dbid AS id, r.resource_cfg_type_id AS t, r.resource_type_code AS code,
              r.resource_subtype AS sub, r.resource_name AS name, r.switch_name AS sw, t.tenant_name AS tenant
         FROM resource_ r LEFT JOIN tenant t USING (tenant_key) WHERE r.resource_key > 0 ORDER BY 1`,
    );
    assert.deepEqual(r.rows, [
      { id: 3001, t: 2, code: 'QUEUE', sub: 'ACDQueue', name: 'Q1', sw: 'SW1', tenant: 'Tenant101' },
      { id: 3101, t: 2, code: 'QUEUE', sub: 'VirtualQueue', name: 'VQ1', sw: 'SW1', tenant: 'Tenant101' },
      {
        id: 4001,
        t: 2,
        code: 'ROUTINGPOINT',
        sub: 'RoutingPoint',
        name: '4000',
        sw: 'SW1',
        tenant: 'Tenant101',
      },
      { id: 5001, t: 3, code: 'AGENT', sub: 'Agent', name: 'jdoe', sw: null, tenant: 'Tenant101' },
      { id: 7001, t: 2, code: 'DN', sub: 'Extension', name: '7001', sw: 'SW1', tenant: 'Tenant101' },
      { id: 9001, t: 2, code: 'QUEUE', sub: 'InteractionQueue', name: 'IQ1', sw: null, tenant: 'NONE' },
    ]);
  });

  it('builds GROUP_, PLACE, TIME_ZONE, CALLING_LIST and CAMPAIGN', async () => {
    const db = getDb();
    const g = await db.query(
      `SELECT group_cfg_dbid AS id, group_type_code AS code FROM group_ WHERE group_key > 0 ORDER BY 1`,
    );
    assert.deepEqual(g.rows, [
      { id: 801, code: 'AGENT' },
      { id: 802, code: 'QUEUE' },
    ]);
    const p = await db.query(`SELECT place_name FROM place WHERE place_key > 0`);
    assert.deepEqual(p.rows, [{ place_name: 'P1' }]);
    const cl = await db.query<{ id: number; tz: number; java: string | null }>(
      `SELECT c.calling_list_cfg_dbid AS id, c.time_zone_key AS tz, z.java_name AS java
         FROM calling_list c LEFT JOIN time_zone z USING (time_zone_key) ORDER BY 1`,
    );
    assert.equal(cl.rows[0]?.java, 'America/New_York');
    assert.equal(cl.rows[1]?.tz, -2);
    const c = await db.query(`SELECT campaign_name FROM campaign WHERE campaign_key > 0`);
    assert.deepEqual(c.rows, [{ campaign_name: 'C1' }]);
  });

  it('writes RESOURCE_GROUP_FACT_ with validity and -1 for an unknown member', async () => {
    const r = await getDb().query(
      `SELECT source_table, source_id::int AS id, resource_key > 0 AS known, resource_key, active_flag::int AS active,
              start_ts, end_ts FROM resource_group_fact ORDER BY source_id`,
    );
    assert.deepEqual(
      r.rows.map((x) => ({ ...x, resource_key: (x as { known: boolean }).known ? 'k' : x.resource_key })),
      [
        {
          source_table: 'GCX_GROUP_AGENT',
          id: 1,
          known: true,
          resource_key: 'k',
          active: 1,
          start_ts: at(1, 0),
          end_ts: null,
        },
        {
          source_table: 'GCX_GROUP_AGENT',
          id: 2,
          known: false,
          resource_key: -1,
          active: 1,
          start_ts: at(1, 0),
          end_ts: null,
        },
        {
          source_table: 'GCX_GROUP_ENDPOINT',
          id: 3,
          known: true,
          resource_key: 'k',
          active: 0,
          start_ts: at(1, 0),
          end_ts: at(2, 0),
        },
      ],
    );
  });

  it('updates rows in place, keeps keys, and resolves late members', async () => {
    const db = getDb();
    const before = await db.query<{ k: number }>(
      `SELECT resource_key AS k FROM resource_ WHERE resource_cfg_type_id = 3 AND resource_cfg_dbid = 5001`,
    );
    await writeGidb(db, 'gidb_gc_switch', [
      { id: 1, tenantid: 101, name: 'SW1-renamed', status: 1, created_ts: T0 },
    ]);
    await writeGidb(db, 'gidb_gc_agent', [
      {
        id: 5001,
        tenantid: 101,
        username: 'jdoe2',
        firstname: 'J',
        lastname: 'Doe',
        employeeid: 'E1',
        type: 2,
        status: 1,
        created_ts: T0,
      },
      { id: 5099, tenantid: 101, username: 'late', type: 2, status: 1, created_ts: T0 },
    ]);
    await transformAt(db, at(4, 0));
    const after = await db.query<{ k: number; name: string }>(
      `SELECT resource_key AS k, resource_name AS name FROM resource_ WHERE resource_cfg_type_id = 3 AND resource_cfg_dbid = 5001`,
    );
    assert.deepEqual(after.rows, [{ k: before.rows[0]?.k, name: 'jdoe2' }]);
    const sw = await db.query(
      `SELECT DISTINCT switch_name FROM resource_ WHERE resource_cfg_type_id = 2 AND switch_name IS NOT NULL`,
    );
    assert.deepEqual(sw.rows, [{ switch_name: 'SW1-renamed' }]);
    const late = await db.query<{ ok: boolean }>(
      `SELECT f.resource_key = r.resource_key AS ok FROM resource_group_fact_ f, resource_ r
        WHERE f.source_id = 2 AND r.resource_cfg_type_id = 3 AND r.resource_cfg_dbid = 5099`,
    );
    assert.deepEqual(late.rows, [{ ok: true }]);
  });
});

// Late configuration (data-model 5.1, 5.14): an agent whose GC_AGENT row has not arrived waits
// delayed-data-threshold after its latest event, then its facts carry RESOURCE_KEY -1; once the
// row arrives the unit is recomputed and the key corrected.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { at, setupInfoMart, transformAt, writeGidb } from './fixtures.ts';
import { writeExample4Activity } from './example-4.ts';

describeEachDb('Job_TransformGIM late configuration', (getDb) => {
  before(async () => {
    const db = getDb();
    await setupInfoMart(db);
    await writeGidb(db, 'gidb_gc_tenant', [{ id: 101, name: 'T101', status: 1, created_ts: at(0, 0) }]);
    await writeExample4Activity(db);
  });

  const facts = async (): Promise<{ k: number; n: number }[]> => {
    const r = await getDb().query<{ k: number; n: string }>(
      `SELECT resource_key AS k, count(*) AS n FROM sm_res_state_fact GROUP BY resource_key ORDER BY 1`,
    );
    return r.rows.map((x) => ({ k: x.k, n: Number(x.n) }));
  };

  it('waits while the agent is missing for at most delayed-data-threshold', async () => {
    const r = await transformAt(getDb(), at(9, 40) + 900);
    assert.equal(r.unitsDone, 0);
    assert.equal(r.unitsWaiting, 1);
    const b = await getDb().query(`SELECT unit_type, unit_id, reason FROM stg_ixn_backlog`);
    assert.deepEqual(b.rows, [{ unit_type: 'AGENT', unit_id: '5002', reason: 'WAIT_CONFIG' }]);
    assert.deepEqual(await facts(), []);
  });

  it('then resolves the agent to -1 UNKNOWN', async () => {
    const r = await transformAt(getDb(), at(9, 40) + 901);
    assert.equal(r.unitsDone, 1);
    assert.equal(r.unitsWaiting, 0);
    assert.deepEqual(await facts(), [{ k: -1, n: 6 }]);
    const s = await getDb().query(`SELECT resource_key, tenant_key FROM sm_res_session_fact`);
    assert.deepEqual(s.rows, [{ resource_key: -1, tenant_key: -1 }]);
  });

  it('recomputes a still unknown agent in place when more of its rows arrive', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_g_agent_state_history_v', [
      {
        loginsessionid: 'LS2',
        agentid: 5002,
        endpointid: 7002,
        mediatype: 1,
        type: 5,
        seq: 7,
        state: 2,
        added_ts: at(9, 35),
      },
    ]);
    const r = await transformAt(db, at(9, 40) + 1000);
    assert.equal(r.unitsDone, 1);
    assert.deepEqual(await facts(), [{ k: -1, n: 7 }]);
  });

  it('corrects the key when the configuration row arrives', async () => {
    const db = getDb();
    await writeGidb(db, 'gidb_gc_agent', [
      { id: 5002, tenantid: 101, username: 'bsmith', type: 2, status: 1, created_ts: at(0, 0) },
    ]);
    const r = await transformAt(db, at(11, 0));
    assert.equal(r.unitsDone, 1);
    const k = await db.query<{ k: number; t: number }>(
      `SELECT resource_key AS k, tenant_key AS t FROM resource_ WHERE resource_cfg_type_id = 3 AND resource_cfg_dbid = 5002`,
    );
    const key = k.rows[0]?.k;
    assert.ok(key !== undefined && key > 0);
    assert.deepEqual(await facts(), [{ k: key, n: 7 }]);
    for (const t of ['sm_res_session_fact', 'sm_res_state_reason_fact', 'sm_media_neutral_state_fact']) {
      const r2 = await db.query<{ k: number; t: number }>(
        `SELECT DISTINCT resource_key AS k, tenant_key AS t FROM ${t}`,
      );
      assert.deepEqual(r2.rows, [{ k: key, t: k.rows[0]?.t }], t);
    }
  });
});

// Acceptance: attached data (data-model 5.5) — INTERACTION_DESCRIPTOR_KEY and IRF_USER_DATA_GEN_1
// from the last G_USERDATA_HISTORY value with Added_TS <= the IRF's END_TS (a delete gives NULL),
// G_CALL_USERDATA only when the interaction has no history rows, -2 when all four are NULL.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../helpers/databases.ts';
import type { Db } from '../../../src/db/types.ts';
import { setupInfoMart } from '../fixtures.ts';
import { ag, ext, type Scenario, writeConfig, writeScenario } from './builder.ts';
import { transform } from './run.ts';

interface UdRow {
  guid: string;
  descriptor: (string | null)[] | 'none';
  keysRow: boolean;
  gen: (string | null)[] | null;
}

async function userData(db: Db, prefix: string): Promise<UdRow[]> {
  const r = await db.query<Record<string, string | number | boolean | null>>(
    `SELECT f.partyguid AS guid, f.interaction_descriptor_key AS k, d.customer_segment AS cs, d.service_type AS st,
            d.service_subtype AS ss, d.business_result AS br,
            (u.interaction_descriptor_key IS NOT DISTINCT FROM f.interaction_descriptor_key) AS keys_row,
            g.interaction_resource_id IS NOT NULL AS has_gen, g.customer_id, g.account_id, g.transaction_id,
            g.revenue, g.satisfaction
       FROM interaction_resource_fact f
       LEFT JOIN interaction_descriptor d ON d.interaction_descriptor_key = f.interaction_descriptor_key
       LEFT JOIN irf_user_data_keys u ON u.interaction_resource_id = f.interaction_resource_id
       LEFT JOIN irf_user_data_gen_1 g ON g.interaction_resource_id = f.interaction_resource_id
      WHERE f.partyguid LIKE $1 || '%' ORDER BY f.partyguid`,
    [prefix],
  );
  const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return r.rows.map((x) => ({
    guid: String(x.guid),
    descriptor: Number(x.k) === -2 ? 'none' : [s(x.cs), s(x.st), s(x.ss), s(x.br)],
    keysRow: x.keys_row === true,
    gen: x.has_gen
      ? [s(x.customer_id), s(x.account_id), s(x.transaction_id), s(x.revenue), s(x.satisfaction)]
      : null,
  }));
}

/** Agent 5001 answers, then transfers blind to 5002 at 10:01 (like the scenario-table row). */
function transfer(p: string): Scenario {
  return {
    p,
    calls: [{ id: 'C1', type: 2, created: '10:00:00', terminated: '10:03:00' }],
    parties: [
      ext('P1', 'C1', '1: 10:00:00 1/12; 2: 10:03:00 2/0'),
      ag('P2', 'jdoe', 'C1', '1: 10:00:00 1/10; 2: 10:00:04 3/12; 3: 10:01:00 2/0'),
      ag('P3', 'bsmith', 'C1', '1: 10:01:00 1/10; 2: 10:01:05 3/12; 3: 10:03:00 2/0', {
        parent: 'P2',
        link: 2,
      }),
    ],
  };
}

describeEachDb('interaction transform acceptance: attached data (5.5)', (getDb) => {
  before(async () => {
    await setupInfoMart(getDb());
    await writeConfig(getDb());
  });

  it('history values are read up to each IRF END_TS; a delete gives NULL; G_CALL_USERDATA is ignored', async () => {
    const db = getDb();
    const ud = (cseq: number, key: string, value: string | null, added: string, changeType = 1) => ({
      call: 'C1',
      cseq,
      key,
      value,
      added,
      changeType,
    });
    await writeScenario(db, {
      ...transfer('U1'),
      userData: [
        ud(1, 'CustomerSegment', 'Gold', '10:00:01'),
        ud(2, 'ServiceType', 'Sales', '10:00:02'),
        ud(3, 'CustomerID', 'C42', '10:00:03'),
        ud(4, 'ServiceType', 'Support', '10:01:30', 2),
        ud(5, 'Revenue', '120', '10:02:00'),
        ud(6, 'CustomerSegment', null, '10:02:30', 3),
        ud(7, 'Satisfaction', '5', '10:03:30'),
      ],
      callUserData: [{ call: 'C1', values: { g_customer_segment: 'Bronze', customer_id: 'X' } }],
    });
    await transform(db);
    assert.deepEqual(await userData(db, 'U1'), [
      {
        guid: 'U1P2',
        descriptor: ['Gold', 'Sales', null, null],
        keysRow: true,
        gen: ['C42', null, null, null, null],
      },
      {
        guid: 'U1P3',
        descriptor: [null, 'Support', null, null],
        keysRow: true,
        gen: ['C42', null, null, '120', null],
      },
    ]);
  });

  it('without history rows the root call G_CALL_USERDATA is used; nothing at all gives key -2', async () => {
    const db = getDb();
    await writeScenario(db, {
      ...transfer('U2'),
      callUserData: [
        {
          call: 'C1',
          values: {
            g_customer_segment: 'Silver',
            g_service_type: 'Care',
            customer_id: 'C7',
            account_id: 'A1',
          },
        },
      ],
    });
    await writeScenario(db, transfer('U3'));
    await transform(db);
    const silver = ['Silver', 'Care', null, null];
    const c7 = ['C7', 'A1', null, null, null];
    assert.deepEqual(await userData(db, 'U2'), [
      { guid: 'U2P2', descriptor: silver, keysRow: true, gen: c7 },
      { guid: 'U2P3', descriptor: silver, keysRow: true, gen: c7 },
    ]);
    const none = [null, null, null, null, null];
    assert.deepEqual(await userData(db, 'U3'), [
      { guid: 'U3P2', descriptor: 'none', keysRow: true, gen: none },
      { guid: 'U3P3', descriptor: 'none', keysRow: true, gen: none },
    ]);
  });
});

// etl-start-date (jobs 1.3): operational rows created before that date are skipped while the
// high-water mark still advances past them; configuration is taken whole.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../helpers/databases.ts';
import { makeFakeClock } from '../helpers/fake-clock.ts';
import { migrate } from '../../src/db/migrate.ts';
import { simulateInto } from '../../src/simulator/history.ts';
import { getIdbTable } from '../../src/idb/index.ts';
import { gidbDigest, idbDigest, makeConfig, makeSource, providerBounds, runExtract } from './fixture.ts';
import type { Source } from './fixture.ts';

const START = Date.UTC(2024, 2, 5) / 1000;

describeEachDb('Job_ExtractICON: etl-start-date', (getDb, kind) => {
  let source: Source;
  before(async () => {
    source = await makeSource(kind);
    await simulateInto([source.db], { from: '2024-03-04', days: 2, callsPerDay: 150, seed: 5, truth: false });
    await migrate(getDb(), 'infomart');
  });
  after(async () => {
    await source?.dispose();
  });

  it('skips older operational rows, advances the mark, keeps all configuration', async () => {
    const config = makeConfig([{ name: 'idb', roles: 'ICON_CFG, ICON_CORE', url: source.url }], {
      'etl-start-date': '2024-03-05',
      'extract-data-chunk-size': 1000,
      'max-chunks-per-job': 1000,
    });
    const r = await runExtract(getDb(), config, makeFakeClock(Date.UTC(2024, 2, 6, 12)));
    assert.equal(r.status, 'COMPLETE', r.error ?? '');
    const idb = await source.db.query<{ old: number; young: number }>(
      `SELECT count(*) FILTER (WHERE created_ts < $1)::int AS old, count(*) FILTER (WHERE created_ts >= $1)::int AS young
         FROM g_call`,
      [START],
    );
    const gidb = await getDb().query<{ old: number; young: number }>(
      `SELECT count(*) FILTER (WHERE created_ts < $1)::int AS old, count(*) FILTER (WHERE created_ts >= $1)::int AS young
         FROM gidb_g_call_v`,
      [START],
    );
    assert.ok((idb.rows[0]?.old ?? 0) > 50);
    assert.deepEqual(gidb.rows[0], { old: 0, young: idb.rows[0]?.young });
    const bound = (await providerBounds(source.db)).get(2);
    const hwm = await getDb().query<{ h: string }>(
      `SELECT max(hwm_seq)::text AS h FROM ctl_extract_history WHERE table_name = 'G_CALL_HISTORY'`,
    );
    const last = await source.db.query<{ m: string }>(`SELECT max(gsys_seq)::text AS m FROM g_call_history`);
    assert.equal(hwm.rows[0]?.h, last.rows[0]?.m);
    assert.ok(BigInt(hwm.rows[0]?.h ?? '0') <= (bound ?? 0n));
    const agents = getIdbTable('GC_AGENT');
    assert.deepEqual(await gidbDigest(getDb(), 'GIDB_GC_AGENT'), await idbDigest(source.db, agents, null));
  });
});

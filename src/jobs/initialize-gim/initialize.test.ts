import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../../test/helpers/databases.ts';
import { migrate } from '../../db/migrate.ts';
import type { Db } from '../../db/types.ts';
import {
  DEFAULT_TIME_RANGE_BOUNDS,
  fixedDimensionRows,
  placeholderRows,
} from '../shared/fixed-dimension-rows.ts';
import { listPartitions } from '../shared/partitions.ts';
import { initializeGim } from './initialize.ts';
import type { InitializeGimOptions } from './initialize.ts';

const NOW = Date.UTC(2024, 2, 5, 10, 7);
const DAY = 86400;
const opts: InitializeGimOptions = {
  jobId: '1',
  nowMs: NOW,
  calendars: [
    {
      table: 'DATE_TIME',
      zone: 'UTC',
      firstDayOfWeek: 1,
      minimalDaysInFirstWeek: 1,
      simpleWeekNumbering: true,
      startYear: null,
      maxDaysAhead: 200,
    },
  ],
  partitions: {
    etlStartEpochSeconds: Date.UTC(2024, 2, 3) / 1000,
    aheadDays: 3,
    gimIntervalSeconds: DAY,
    gidbIntervalSeconds: DAY,
  },
  timeRanges: { queueAbn: DEFAULT_TIME_RANGE_BOUNDS, queueAcc: DEFAULT_TIME_RANGE_BOUNDS },
};

/** md5 of every row of every table (partitions included), by table. */
async function checksums(db: Db): Promise<Record<string, string>> {
  const t = await db.query<{ n: string }>(
    `SELECT c.relname AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE s.nspname = current_schema() AND c.relkind = 'r' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { n } of t.rows) {
    const r = await db.query<{ s: string | null }>(
      `SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS s FROM ${n} x`,
    );
    out[n] = r.rows[0]?.s ?? 'empty';
  }
  return out;
}

describeEachDb('initializeGim', (getDb) => {
  before(async () => {
    await migrate(getDb(), 'infomart');
  });

  it('fills fixed dimensions, placeholders, calendar and partitions', async () => {
    const db = getDb();
    const r = await initializeGim(db, opts);
    assert.equal(r.added.technical_descriptor, 2040);
    assert.equal(r.added.attempt_disposition, 18);
    assert.equal(r.added.time_range, 40);
    assert.equal(r.added.resource_, 2);
    assert.equal(r.added.date_time, 366 * 96 + 1);
    assert.equal(r.movedRows, 0);
    // Partitions from etl-start-date to now + ahead range on every partitioned table.
    const irf = (await listPartitions(db, 'interaction_resource_fact')).filter((p) => !p.isDefault);
    const first = Date.UTC(2024, 2, 3) / 1000;
    assert.deepEqual(
      irf.map((p) => p.range?.[0]),
      [0, 1, 2, 3, 4, 5].map((i) => first + i * DAY),
    );
    const audit = await db.query<{ job_id: string; job_name: string; created_ts: number }>(
      `SELECT job_id, job_name, created_ts FROM ctl_audit_log ORDER BY audit_key`,
    );
    assert.equal(audit.rows.length, 3);
    assert.ok(audit.rows.every((a) => a.job_id === '1' && a.job_name === 'Job_InitializeGIM'));
    assert.equal(audit.rows[0]?.created_ts, Math.floor(NOW / 1000));
  });

  it('stores every fixed dimension exactly as the lists of 4.3', async () => {
    const db = getDb();
    for (const d of [...fixedDimensionRows(), ...placeholderRows()]) {
      const cols = Object.keys(d.rows[0] ?? {});
      const r = await db.query<Record<string, unknown>>(
        `SELECT ${cols.join(', ')} FROM ${d.table} ORDER BY ${d.key}`,
      );
      const norm = (v: unknown) => (v === null ? null : typeof v === 'number' ? v : String(v));
      const got = r.rows.map((row) => cols.map((c) => norm(row[c])));
      const want = [...d.rows]
        .sort((a, b) => Number(a[d.key]) - Number(b[d.key]))
        .map((row) => cols.map((c) => norm(row[c] === undefined ? null : row[c])));
      // numeric columns come back as text: compare every value as text.
      assert.deepEqual(
        got.map((x) => x.map((v) => (v === null ? null : String(v)))),
        want.map((x) => x.map((v) => (v === null ? null : String(v)))),
        d.table,
      );
    }
  });

  it('keys TECHNICAL_DESCRIPTOR by 1000·tr + 100·rr + 10·ro + rn', async () => {
    const db = getDb();
    const r = await db.query<Record<string, number>>(
      `SELECT count(*)::int AS n,
              count(DISTINCT technical_result)::int AS tr, count(DISTINCT result_reason)::int AS rr,
              count(DISTINCT resource_role)::int AS ro, count(DISTINCT role_reason)::int AS rn
         FROM technical_descriptor`,
    );
    assert.deepEqual(r.rows[0], { n: 2040, tr: 17, rr: 5, ro: 6, rn: 4 });
    // Each digit group of the key determines exactly one name.
    const groups = await db.query<{ n: number }>(
      `SELECT (SELECT max(c) FROM (SELECT count(DISTINCT technical_result) c FROM technical_descriptor
                 GROUP BY technical_descriptor_key / 1000) a)::int
            + (SELECT max(c) FROM (SELECT count(DISTINCT result_reason) c FROM technical_descriptor
                 GROUP BY technical_descriptor_key / 100 % 10) b)::int
            + (SELECT max(c) FROM (SELECT count(DISTINCT resource_role) c FROM technical_descriptor
                 GROUP BY technical_descriptor_key / 10 % 10) c)::int
            + (SELECT max(c) FROM (SELECT count(DISTINCT role_reason) c FROM technical_descriptor
                 GROUP BY technical_descriptor_key % 10) d)::int AS n`,
    );
    assert.equal(groups.rows[0]?.n, 4);
    const k = await db.query<{ k: number }>(
      `SELECT technical_descriptor_key AS k FROM technical_descriptor
        WHERE technical_result_code = 'TRANSFERRED' AND resource_role_code = 'RECEIVED'
          AND result_reason_code = 'UNSPECIFIED' AND role_reason_code = 'UNSPECIFIED'`,
    );
    assert.deepEqual(k.rows, [{ k: 16010 }]);
  });

  it('fills the calendar from 1 January of the start year to max-days-ahead, whole years', async () => {
    const r = await getDb().query<{ lo: number; hi: number; n: number }>(
      `SELECT min(date_time_key) AS lo, max(date_time_key) FILTER (WHERE date_time_key < 2147482800) AS hi,
              count(*)::int AS n FROM date_time`,
    );
    assert.deepEqual(r.rows[0], {
      lo: Date.UTC(2024, 0, 1) / 1000,
      hi: Date.UTC(2025, 0, 1) / 1000 - 900,
      n: 366 * 96 + 1,
    });
  });

  it('a second run adds nothing and changes no row, even rows others changed', async () => {
    const db = getDb();
    // Runtime changes by other jobs: an extended media type and an edited name stay as they are.
    await db.query(
      `INSERT INTO media_type (media_type_key, media_name, media_name_code, is_online) VALUES (100, 'Media_100', 'MEDIA_100', 0)`,
    );
    await db.query(`UPDATE tenant SET tenant_name = 'unknown tenant' WHERE tenant_key = -1`);
    await db.query(`DELETE FROM time_range WHERE time_range_key = 220`);
    const before = await checksums(db);
    const r = await initializeGim(db, opts);
    assert.deepEqual(r.partitionsCreated, []);
    const nonZero = Object.entries(r.added).filter(([, n]) => n !== 0);
    assert.deepEqual(nonZero, [['time_range', 1]]);
    const after = await checksums(db);
    const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
    assert.deepEqual(changed.sort(), ['ctl_audit_log_p1709596800', 'time_range']);
    const r3 = await initializeGim(db, opts);
    assert.deepEqual(
      Object.entries(r3.added).filter(([, n]) => n !== 0),
      [],
    );
    assert.deepEqual(await checksums(db), after);
    const t = await db.query<{ n: string }>(`SELECT tenant_name AS n FROM tenant WHERE tenant_key = -1`);
    assert.equal(t.rows[0]?.n, 'unknown tenant');
  });
});

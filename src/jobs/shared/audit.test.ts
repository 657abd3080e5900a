import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDb } from '../../../test/helpers/databases.ts';
import { migrate } from '../../db/migrate.ts';
import { insertAuditLog, nextAuditKey } from './audit.ts';

describeEachDb('CTL_AUDIT_LOG', (getDb) => {
  before(async () => {
    await migrate(getDb(), 'infomart');
  });

  it('inserts one row per transaction with increasing keys', async () => {
    const db = getDb();
    const createdMs = Date.UTC(2024, 2, 5, 10, 0, 1, 250);
    const k1 = await db.transaction((tx) =>
      insertAuditLog(tx, {
        jobId: '12#3',
        jobName: 'Job_ExtractICON',
        dataSourceKey: 4,
        minStartKey: 1709632800,
        maxStartKey: 1709633700,
        maxEndKey: 1709634600,
        maxChunkTs: 1709634000,
        rowCount: 17,
        createdMs,
      }),
    );
    const k2 = await db.transaction(async (tx) => {
      const k = await nextAuditKey(tx);
      return insertAuditLog(tx, { auditKey: k, jobId: '13', jobName: 'Job_TransformGIM', createdMs });
    });
    assert.ok(k2 > k1);
    const r = await db.query<Record<string, unknown>>(
      `SELECT audit_key, job_id, job_name, created::text AS created, processing_status_key,
              min_start_date_time_key, max_start_date_time_key, max_end_date_time_key, max_chunk_ts,
              data_source_key, row_count, created_ts, inserted IS NOT NULL AS has_inserted
         FROM ctl_audit_log ORDER BY audit_key`,
    );
    assert.deepEqual(r.rows, [
      {
        audit_key: k1,
        job_id: '12#3',
        job_name: 'Job_ExtractICON',
        created: '2024-03-05 10:00:01.25',
        processing_status_key: 0,
        min_start_date_time_key: 1709632800,
        max_start_date_time_key: 1709633700,
        max_end_date_time_key: 1709634600,
        max_chunk_ts: 1709634000,
        data_source_key: 4,
        row_count: 17,
        created_ts: 1709632801,
        has_inserted: true,
      },
      {
        audit_key: k2,
        job_id: '13',
        job_name: 'Job_TransformGIM',
        created: '2024-03-05 10:00:01.25',
        processing_status_key: 0,
        min_start_date_time_key: null,
        max_start_date_time_key: null,
        max_end_date_time_key: null,
        max_chunk_ts: null,
        data_source_key: null,
        row_count: null,
        created_ts: 1709632801,
        has_inserted: true,
      },
    ]);
  });

  it('leaves no row when the transaction rolls back', async () => {
    const db = getDb();
    await assert.rejects(
      db.transaction(async (tx) => {
        await insertAuditLog(tx, { jobId: '14', jobName: 'Job_TransformGIM', createdMs: 0 });
        throw new Error('unit failed');
      }),
      /unit failed/,
    );
    const r = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ctl_audit_log WHERE job_id = '14'`,
    );
    assert.equal(r.rows[0]?.n, 0);
  });
});

// The API over the real service (src/service.ts via startServer) on both databases: the rules
// M1–M9 as the HTTP edge reports them, option edits written to the file, audit, metrics.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { makeApiApp } from '../../src/api/app.ts';
import { DB_KINDS } from '../helpers/databases.ts';
import { callApp, jsonInit, PASSWORDS, type Reply } from './fixture.ts';
import { fillIdb, startTestServer, waitForJob, type TestServer } from './real-server.ts';

for (const kind of DB_KINDS) {
  describe(`Manager API over the real service [${kind}]`, () => {
    let t: TestServer;
    let app: ReturnType<typeof makeApiApp>;
    const call = (path: string, init: RequestInit = {}): Promise<Reply> => callApp(app, path, init);

    before(async () => {
      t = await startTestServer(kind, {}, { idb: true });
      await t.srv.ready;
      app = makeApiApp({ service: t.srv.service, auth: { usersFile: t.usersFile }, log: t.log.log });
    });
    after(async () => {
      await t?.dispose();
      const text = t?.log.text() ?? '';
      for (const p of Object.values(PASSWORDS)) assert.ok(!text.includes(p), 'a password reached the log');
    });

    it('refuses a second Job_InitializeGIM while the start-up one runs (M1), then lists it Completed', async () => {
      // The start-up run's history row exists once the schema does (R21).
      const init = await waitForJob(t.srv.service, (j) => j.job === 'Job_InitializeGIM', 'the start-up run');
      assert.equal(init.origin, 'startup');
      if (init.status === 'Running') {
        const r = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_InitializeGIM' }));
        // It may have ended between the two reads; then the manual run is accepted.
        if (r.status === 409) {
          assert.equal(r.body.error.rule, 'M1');
          assert.match(r.body.error.message, new RegExp(`Job_InitializeGIM ${init.jobId} \\(Running\\)`));
        } else assert.equal(r.status, 201);
      }
      const done = await waitForJob(
        t.srv.service,
        (j) => j.jobId === init.jobId && j.status !== 'Running',
        'the start-up Job_InitializeGIM to end',
      );
      assert.equal(done.status, 'Completed');
      const list = await call('/api/v1/jobs', jsonInit('GET', 'viewer'));
      assert.equal(list.status, 200);
      const row = list.body.jobs.find((j: { jobId: string }) => j.jobId === init.jobId);
      assert.equal(row.status, 'Completed');
      assert.ok(row.startTs > 0 && row.endTs >= row.startTs);
    });

    it('runs Job_MigrateGIM: 201 with the run, then Completed, recorded with who', async () => {
      await waitForJob(
        t.srv.service,
        (j) => j.job === 'Job_InitializeGIM' && j.status !== 'Running',
        'init done',
      );
      const r = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', { job: 'Job_MigrateGIM', reason: 'check' }),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.result, 'started');
      assert.equal(r.body.run.job, 'Job_MigrateGIM');
      assert.equal(r.body.run.requestedBy, 'operator');
      const id = r.body.run.jobId as string;
      const done = await waitForJob(
        t.srv.service,
        (j) => j.jobId === id && j.status !== 'Running',
        'migrate to end',
      );
      assert.equal(done.status, 'Completed');
      const one = await call(`/api/v1/jobs/${id}`, jsonInit('GET', 'viewer'));
      assert.equal(one.body.status, 'Completed');
      const audit = await call('/api/v1/audit', jsonInit('GET', 'admin'));
      assert.ok(
        audit.body.entries.some(
          (e: { principal: string; action: string; target: string }) =>
            e.principal === 'operator' && e.action === 'run' && e.target.includes(id),
        ),
        JSON.stringify(audit.body),
      );
    });

    it('maps the refusals of the rules: M2, M3, M8 (400), M7 and unavailable jobs (409)', async () => {
      const unknown = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_Nope' }));
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /Job_InitializeGIM, Job_MigrateGIM/);
      const m2 = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_UpdateStats' }));
      assert.equal(m2.status, 400);
      assert.equal(m2.body.error.rule, 'M2');
      const m3 = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', { job: 'Job_MigrateGIM', params: '-x' }),
      );
      assert.equal(m3.status, 400);
      assert.equal(m3.body.error.rule, 'M3');
      const m8 = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', {
          job: 'Job_AggregateGIM',
          params: '-insertPendingAgg H_NOPE-DAY:2024-05-01:2024-05-02',
        }),
      );
      assert.equal(m8.status, 400);
      assert.equal(m8.body.error.rule, 'M8');
      assert.match(m8.body.error.message, /unknown hierarchy "H_NOPE"; allowed: H_AGENT/);
      const m7 = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_AggregateGIM' }));
      assert.equal(m7.status, 409);
      assert.ok(
        ['M7', 'M1'].includes(m7.body.error.rule) || m7.body.error.code === 'JOB_UNAVAILABLE',
        JSON.stringify(m7.body),
      );
      const unavailable = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', { job: 'Job_ExtractICON' }),
      );
      if (unavailable.status !== 201) {
        assert.equal(unavailable.status, 409);
        assert.match(unavailable.body.error.message, /not available/);
      }
    });

    it('answers 404 for unknown ids and 409 for cancel or stop of a finished run', async () => {
      assert.equal((await call('/api/v1/jobs/99999999', jsonInit('GET', 'viewer'))).status, 404);
      assert.equal((await call('/api/v1/jobs/abc', jsonInit('GET', 'viewer'))).status, 404);
      assert.equal(
        (await call('/api/v1/jobs/99999999/cancel', jsonInit('POST', 'operator', {}))).status,
        404,
      );
      const done = (await t.srv.service.listJobs()).find((j) => j.status === 'Completed');
      assert.ok(done);
      const c = await call(`/api/v1/jobs/${done.jobId}/cancel`, jsonInit('POST', 'operator', {}));
      assert.equal(c.status, 409);
      assert.equal(c.body.error.rule, 'M9');
      const s = await call(
        `/api/v1/jobs/${done.jobId}/stop`,
        jsonInit('POST', 'operator', { reason: 'test' }),
      );
      assert.equal(s.status, 409);
      const k = await call(`/api/v1/jobs/${done.jobId}/kill`, jsonInit('POST', 'admin', { reason: 'test' }));
      assert.equal(k.status, 409);
      assert.equal(
        (await call(`/api/v1/jobs/${done.jobId}/stop`, jsonInit('POST', 'operator', {}))).status,
        400,
      );
    });

    it('pages and filters history', async () => {
      const all = await call('/api/v1/history?pageSize=1', jsonInit('GET', 'viewer'));
      assert.equal(all.status, 200);
      assert.equal(all.body.rows.length, 1);
      assert.ok(all.body.total >= 2, JSON.stringify(all.body));
      const init = await call(
        '/api/v1/history?job=Job_InitializeGIM&status=Completed&origin=startup',
        jsonInit('GET', 'viewer'),
      );
      assert.ok(init.body.rows.length >= 1);
      for (const r of init.body.rows) assert.equal(r.job, 'Job_InitializeGIM');
      const none = await call('/api/v1/history?job=Job_MigrateGIM&origin=startup', jsonInit('GET', 'viewer'));
      assert.equal(none.body.rows.length, 0);
      const future = await call('/api/v1/history?from=2037-01-01', jsonInit('GET', 'viewer'));
      assert.equal(future.body.rows.length, 0);
    });

    it('edits options atomically as admin; an invalid value is refused with its valid range', async () => {
      const before = await readFile(t.optionsPath, 'utf8');
      const bad = await call(
        '/api/v1/options',
        jsonInit('PUT', 'admin', {
          edits: [{ section: 'schedule', option: 'etl-frequency', value: '0' }],
          reason: 'test',
        }),
      );
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
      assert.equal(bad.body.error.code, 'CONFIG_INVALID');
      assert.ok(bad.body.error.issues.some((i: { message: string }) => /etl-frequency/.test(i.message)));
      assert.match(bad.body.error.message, /expected/);
      assert.equal(await readFile(t.optionsPath, 'utf8'), before, 'file untouched');

      const ok = await call(
        '/api/v1/options',
        jsonInit('PUT', 'admin', {
          edits: [{ section: 'schedule', option: 'etl-frequency', value: '30' }],
          reason: 'quieter',
        }),
      );
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const rec = ok.body.options.find(
        (o: { section: string; option: string }) => o.section === 'schedule' && o.option === 'etl-frequency',
      );
      assert.equal(rec.effective, '30');
      assert.equal(rec.fileValue, '30');
      assert.match(await readFile(t.optionsPath, 'utf8'), /^etl-frequency\s*=\s*30$/m);
      assert.equal(
        (await call('/api/v1/options', jsonInit('PUT', 'operator', { edits: [], reason: 'x' }))).status,
        403,
      );
    });

    it('reports server state, ETL status, schedule preview, catalog, metrics and health', async () => {
      const st = await call('/api/v1/status', jsonInit('GET', 'viewer'));
      assert.equal(st.body.state, 'Normal');
      const etl = await call('/api/v1/etl-status', jsonInit('GET', 'viewer'));
      assert.equal(etl.status, 200);
      assert.equal(etl.body.server.state, 'Normal');
      // Initialized: the calendar and the partitions reach ahead of now.
      assert.ok(etl.body.headroom.calendarDays > 0, `calendar headroom ${etl.body.headroom.calendarDays}`);
      assert.ok(etl.body.headroom.partitions.length > 0);
      assert.deepEqual(
        etl.body.aggregation.backlog.map((b: { level: string }) => b.level),
        ['SUBHR', 'HOUR', 'DAY', 'MONTH', 'QRTR', 'YEAR'],
      );
      const sched = await call('/api/v1/schedule?hours=24', jsonInit('GET', 'viewer'));
      assert.equal(sched.status, 200);
      assert.ok(Array.isArray(sched.body.events));
      const cat = await call('/api/v1/catalog', jsonInit('GET', 'viewer'));
      const names = cat.body.jobs.map((j: { name: string }) => j.name);
      assert.ok(names.includes('Job_InitializeGIM') && names.includes('Job_MigrateGIM'));
      const m = await call('/metrics', jsonInit('GET', 'viewer'));
      assert.equal(m.status, 200);
      assert.match(m.body, /^gim_server_state\{state="Normal"\} 1$/m);
      assert.match(m.body, /^gim_job_runs\{status="COMPLETE"\} [1-9]\d*$/m);
      assert.match(m.body, /^gim_jobs\{job="Job_InitializeGIM",status="Completed"\} 1$/m);
      assert.match(m.body, /^gim_aggregation_backlog\{level="SUBHR",state="pending"\} \d+$/m);
      assert.match(m.body, /^gim_calendar_headroom_days \d+(\.\d)?$/m);
      assert.match(m.body, /^gim_partition_headroom_days\{table="[a-z_0-9]+"\} -?\d+(\.\d)?$/m);
      const h = await call('/healthz');
      assert.deepEqual(h.body, { status: 'ok', state: 'Normal' });
    });

    it('extracts from the real IDB; the ETL status and /metrics show marks, lag and the run', async () => {
      await waitForJob(
        t.srv.service,
        (j) => j.job === 'Job_InitializeGIM' && j.status === 'Completed',
        'init',
      );
      await fillIdb(t.idb!);
      const r = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_ExtractICON' }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const id = r.body.run.jobId as string;
      const done = await waitForJob(
        t.srv.service,
        (j) => j.jobId === id && j.status !== 'Running',
        'extract',
      );
      assert.equal(done.status, 'Completed', done.errorMessage ?? done.reason ?? '');
      const written = Object.values(done.rowCounts ?? {}).reduce((a, b) => a + b, 0);
      assert.ok(written > 0, 'the run wrote rows');

      const etl = (await call('/api/v1/etl-status', jsonInit('GET', 'viewer'))).body;
      const tables = etl.extraction.tables as {
        dapName: string;
        role: string;
        tableName: string | null;
        hwm: string | null;
        lastChunkRows: number | null;
        newestEventTs: number | null;
        lagSeconds: number;
      }[];
      const call1 = tables.find((x) => x.role === 'ICON_CORE' && x.tableName === 'G_CALL');
      assert.ok(call1, `G_CALL of idb-voice is listed: ${JSON.stringify(tables.map((x) => x.tableName))}`);
      assert.equal(call1.dapName, 'idb-voice');
      assert.match(call1.hwm ?? '', /^\d+$/);
      const hour = Math.floor(Date.now() / 3_600_000) * 3600;
      const newest = call1.newestEventTs ?? 0;
      assert.ok(
        newest > hour - 86400 && newest <= hour,
        `newest call event ${newest} is in the simulated day`,
      );
      assert.ok(etl.extraction.coverage.length > 0, 'the IDB provider sessions are listed');
      const sample = etl.recentExtractions.find((x: { jobId: string }) => x.jobId === id);
      assert.equal(sample?.rows, written, 'the chart counts the rows the run wrote');
      assert.equal(sample?.status, 'Completed');

      const m = (await call('/metrics', jsonInit('GET', 'viewer'))).body as string;
      // The lag grows with the clock between the two reads: accept the same or a later value.
      const got =
        /^gim_extraction_lag_seconds\{dap="idb-voice",role="ICON_CORE",table="G_CALL"\} (\d+)$/m.exec(m);
      assert.ok(got, 'the lag of G_CALL is exported');
      assert.ok(Number(got[1]) >= call1.lagSeconds, `exported ${got[1]}, status ${call1.lagSeconds}`);
      assert.match(m, /^gim_delayed_data_alarm\{dap="idb-voice",role="ICON_CORE"\} [01]$/m);
    });
  });
}

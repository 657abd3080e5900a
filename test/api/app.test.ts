// In-process tests of the HTTP edge over an in-memory Service: routing, identity and roles,
// body checks and the error mapping (jobs reference 6 and 7). The rules themselves are tested
// over the real service in service-api.test.ts.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeApiApp } from '../../src/api/app.ts';
import { makeFakeService, type FakeService } from './fake-service.ts';
import { basic, callApp, jsonInit, makeMemoryLog, makeUsersDir, PASSWORDS, type Reply } from './fixture.ts';

type App = ReturnType<typeof makeApiApp>;

describe('Manager API (in-memory service)', () => {
  let users: Awaited<ReturnType<typeof makeUsersDir>>;
  let svc: FakeService;
  let app: App;
  const logged = makeMemoryLog();

  before(async () => {
    users = await makeUsersDir();
  });
  after(async () => {
    // Secrets never logged: no password, no Basic credential, no session id in any log line.
    const text = logged.text();
    assert.ok(text.length > 0, 'the requests were logged');
    for (const p of Object.values(PASSWORDS)) assert.ok(!text.includes(p), 'a password reached the log');
    assert.ok(!text.includes(basic('admin').slice(6)), 'a Basic credential reached the log');
    assert.ok(!/infomart_session=/.test(text), 'a session cookie reached the log');
    await users.dispose();
  });
  beforeEach(() => {
    svc = makeFakeService();
    app = makeApiApp({ service: svc, auth: { usersFile: users.usersFile }, log: logged.log });
  });

  const call = (path: string, init: RequestInit): Promise<Reply> => callApp(app, path, init);

  describe('identity and roles', () => {
    it('answers 401 with a Basic challenge without credentials, and none for the UI script', async () => {
      const r = await call('/api/v1/jobs', { method: 'GET' });
      assert.equal(r.status, 401);
      assert.match(r.res.headers.get('www-authenticate') ?? '', /^Basic realm="infomart"/);
      assert.equal(r.body.error.code, 'UNAUTHORIZED');
      const ui = await call('/api/v1/jobs', { headers: { 'x-infomart-ui': '1' } });
      assert.equal(ui.status, 401);
      assert.equal(ui.res.headers.get('www-authenticate'), null);
    });

    it('refuses a wrong password, an unknown user and a malformed header', async () => {
      for (const authorization of [
        basic('admin', 'not-the-password'),
        `Basic ${Buffer.from('nobody:x').toString('base64')}`,
        'Bearer abc',
        `Basic ${Buffer.from('no-colon').toString('base64')}`,
      ]) {
        const r = await call('/api/v1/jobs', { headers: { authorization } });
        assert.equal(r.status, 401, authorization);
      }
    });

    it('lets each role do what it may and answers 403 above it', async () => {
      const cases: [method: string, path: string, body: unknown, need: 'viewer' | 'operator' | 'admin'][] = [
        ['GET', '/api/v1/jobs', undefined, 'viewer'],
        ['GET', '/api/v1/history', undefined, 'viewer'],
        ['GET', '/api/v1/options', undefined, 'viewer'],
        ['POST', '/api/v1/jobs', { job: 'Job_MigrateGIM' }, 'operator'],
        [
          'PUT',
          '/api/v1/options',
          { edits: [{ section: 'gim-etl', option: 'etl-frequency', value: '30' }], reason: 'r' },
          'admin',
        ],
        ['GET', '/api/v1/audit', undefined, 'admin'],
      ];
      for (const [method, path, body, need] of cases) {
        for (const role of ['viewer', 'operator', 'admin'] as const) {
          svc = makeFakeService();
          app = makeApiApp({ service: svc, auth: { usersFile: users.usersFile }, log: logged.log });
          const r = await call(path, jsonInit(method, role, body));
          const allowed =
            ['viewer', 'operator', 'admin'].indexOf(role) >= ['viewer', 'operator', 'admin'].indexOf(need);
          if (allowed)
            assert.ok(r.status < 300, `${role} ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
          else {
            assert.equal(r.status, 403, `${role} ${method} ${path}`);
            assert.match(r.body.error.message, new RegExp(`needs the ${need} role`));
          }
        }
      }
    });

    it('keeps operators from cancel/stop only when viewers, and kill for admins only', async () => {
      const sched = svc.seed('Job_MaintainGIM', 'Scheduled');
      const run = svc.seed('Job_MigrateGIM', 'Running');
      assert.equal(
        (await call(`/api/v1/jobs/${sched.jobId}/cancel`, jsonInit('POST', 'viewer', {}))).status,
        403,
      );
      assert.equal(
        (await call(`/api/v1/jobs/${run.jobId}/stop`, jsonInit('POST', 'viewer', { reason: 'x' }))).status,
        403,
      );
      assert.equal(
        (await call(`/api/v1/jobs/${run.jobId}/kill`, jsonInit('POST', 'operator', { reason: 'x' }))).status,
        403,
      );
      const k = await call(`/api/v1/jobs/${run.jobId}/kill`, jsonInit('POST', 'admin', { reason: 'hung' }));
      assert.equal(k.status, 200);
      assert.equal(k.body.run.reason, 'killed');
      assert.deepEqual(svc.calls.at(-1), { op: 'kill', who: 'admin', reason: 'hung', target: run.jobId });
    });

    it('logs in through the form with an HttpOnly SameSite=Strict cookie, and logs out', async () => {
      const bad = await call('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `user=operator&password=wrong&next=%2Fui%2Fhistory`,
      });
      assert.equal(bad.status, 401);
      assert.match(bad.body, /Wrong user name or password/);
      assert.equal(bad.res.headers.get('set-cookie'), null);

      const ok = await app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `user=operator&password=${PASSWORDS.operator}&next=%2Fui%2Fhistory`,
      });
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get('location'), '/ui/history');
      const cookie = ok.headers.get('set-cookie') ?? '';
      assert.match(cookie, /infomart_session=[^;]+/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      const session = cookie.split(';')[0] ?? '';

      const me = await call('/api/v1/me', { headers: { cookie: session } });
      assert.deepEqual(me.body, { name: 'operator', role: 'operator' });
      const run = await call('/api/v1/jobs', {
        method: 'POST',
        headers: { cookie: session, 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ job: 'Job_MigrateGIM' }),
      });
      assert.equal(run.status, 201);
      const foreign = await call('/api/v1/jobs', {
        method: 'POST',
        headers: { cookie: session, 'content-type': 'application/json', origin: 'http://evil.example' },
        body: JSON.stringify({ job: 'Job_InitializeGIM' }),
      });
      assert.equal(foreign.status, 403);

      const out = await app.request('/logout', { method: 'POST', headers: { cookie: session } });
      assert.equal(out.status, 303);
      assert.equal((await call('/api/v1/me', { headers: { cookie: session } })).status, 401);
    });

    it('never redirects a login to another site', async () => {
      const ok = await app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `user=viewer&password=${PASSWORDS.viewer}&next=https%3A%2F%2Fevil.example%2F`,
      });
      assert.equal(ok.headers.get('location'), '/ui/jobs');
    });

    it('reads users added to the file after start', async () => {
      const { setUser } = await import('../../src/api/users-file.ts');
      assert.equal((await call('/api/v1/me', jsonInit('GET', null))).status, 401);
      await setUser(users.usersFile, 'carol', 'viewer', 'carol-pass-1');
      const r = await call('/api/v1/me', {
        headers: { authorization: `Basic ${Buffer.from('carol:carol-pass-1').toString('base64')}` },
      });
      assert.deepEqual(r.body, { name: 'carol', role: 'viewer' });
    });
  });

  describe('jobs', () => {
    it('lists jobs newest start first with not-started rows on top, and sorts on any column', async () => {
      const a = svc.seed('Job_MigrateGIM', 'Completed', 1_700_000_100);
      const b = svc.seed('Job_InitializeGIM', 'Running', 1_700_000_500);
      const c = svc.seed('Job_MaintainGIM', 'Scheduled');
      const r = await call('/api/v1/jobs', jsonInit('GET', 'viewer'));
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.jobs.map((j: { jobId: string }) => j.jobId),
        [c.jobId, b.jobId, a.jobId],
      );
      const byName = await call('/api/v1/jobs?sort=job&order=asc', jsonInit('GET', 'viewer'));
      assert.deepEqual(
        byName.body.jobs.map((j: { job: string }) => j.job),
        ['Job_InitializeGIM', 'Job_MaintainGIM', 'Job_MigrateGIM'],
      );
      const asc = await call('/api/v1/jobs?sort=startTs&order=asc', jsonInit('GET', 'viewer'));
      assert.deepEqual(
        asc.body.jobs.map((j: { jobId: string }) => j.jobId),
        [a.jobId, b.jobId, c.jobId],
      );
      const running = await call('/api/v1/jobs?status=Running', jsonInit('GET', 'viewer'));
      assert.deepEqual(
        running.body.jobs.map((j: { jobId: string }) => j.jobId),
        [b.jobId],
      );
    });

    it('refuses unknown sort columns, orders and parameters, naming them', async () => {
      const r1 = await call('/api/v1/jobs?sort=colour', jsonInit('GET', 'viewer'));
      assert.equal(r1.status, 400);
      assert.match(
        r1.body.error.message,
        /parameter "sort": "colour" is not a column; expected one of jobId, job, status/,
      );
      const r2 = await call('/api/v1/jobs?order=up', jsonInit('GET', 'viewer'));
      assert.match(r2.body.error.message, /parameter "order"/);
      const r3 = await call('/api/v1/jobs?colour=red', jsonInit('GET', 'viewer'));
      assert.equal(r3.status, 400);
      assert.match(r3.body.error.message, /unknown parameter "colour"/);
    });

    it('runs a job: 201 with the run, and records who asked', async () => {
      const r = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', { job: 'Job_MigrateGIM', reason: 'schema check' }),
      );
      assert.equal(r.status, 201);
      assert.equal(r.body.result, 'started');
      assert.equal(r.body.run.job, 'Job_MigrateGIM');
      assert.equal(r.body.run.requestedBy, 'operator');
      assert.deepEqual(svc.calls.at(-1), {
        op: 'run',
        who: 'operator',
        reason: 'schema check',
        target: 'Job_MigrateGIM',
      });
      const got = await call(`/api/v1/jobs/${r.body.run.jobId}`, jsonInit('GET', 'viewer'));
      assert.equal(got.status, 200);
      assert.equal(got.body.jobId, r.body.run.jobId);
    });

    it('answers 200 queued for re-aggregation', async () => {
      const r = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', {
          job: 'Job_AggregateGIM',
          params: '-insertPendingAgg ALLSETS:2024-05-01:2024-05-02',
        }),
      );
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, {
        result: 'queued',
        requestId: 'R1',
        message: 'queued for the running aggregation',
        warnings: [],
      });
    });

    it('maps refusals: 400 for M2/M3 and unknown names, 409 naming the rule for M1 and Blocked', async () => {
      const unknown = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'job_migrategim' }));
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /Job_InitializeGIM, Job_MigrateGIM/);
      const m2 = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_ExportGIM' }));
      assert.equal(m2.status, 400);
      assert.equal(m2.body.error.rule, 'M2');
      const m3 = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', { job: 'Job_MigrateGIM', params: '-x' }),
      );
      assert.equal(m3.status, 400);
      assert.equal(m3.body.error.rule, 'M3');
      const running = svc.seed('Job_InitializeGIM', 'Running');
      const m1 = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_InitializeGIM' }));
      assert.equal(m1.status, 409);
      assert.equal(m1.body.error.code, 'CONFLICT');
      assert.equal(m1.body.error.rule, 'M1');
      assert.match(m1.body.error.message, new RegExp(`Job_InitializeGIM ${running.jobId} is Running`));
      svc.state = 'Blocked';
      const blocked = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_MigrateGIM' }));
      assert.equal(blocked.status, 409);
      assert.equal(blocked.body.error.rule, 'R19');
    });

    it('needs a reason for manual Job_MaintainGIM and passes the warnings on', async () => {
      const none = await call('/api/v1/jobs', jsonInit('POST', 'operator', { job: 'Job_MaintainGIM' }));
      assert.equal(none.status, 400);
      assert.match(none.body.error.message, /field "reason": required to run Job_MaintainGIM manually/);
      const blank = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', { job: 'Job_MaintainGIM', reason: '   ' }),
      );
      assert.equal(blank.status, 400);
      const ok = await call(
        '/api/v1/jobs',
        jsonInit('POST', 'operator', { job: 'Job_MaintainGIM', reason: 'purge now' }),
      );
      assert.equal(ok.status, 201);
      assert.deepEqual(ok.body.warnings, ['M6: other jobs run']);
    });

    it('cancels Scheduled runs, stops Running ones with a reason, and refuses the rest', async () => {
      const s = svc.seed('Job_MaintainGIM', 'Scheduled');
      const r = svc.seed('Job_MigrateGIM', 'Running');
      const done = svc.seed('Job_InitializeGIM', 'Completed');
      const c = await call(`/api/v1/jobs/${s.jobId}/cancel`, jsonInit('POST', 'operator'));
      assert.equal(c.status, 200);
      assert.equal(c.body.run.status, 'Canceled');
      assert.equal(
        (await call(`/api/v1/jobs/${s.jobId}/cancel`, jsonInit('POST', 'operator', {}))).status,
        409,
      );
      assert.equal(
        (await call(`/api/v1/jobs/${r.jobId}/cancel`, jsonInit('POST', 'operator', {}))).status,
        409,
      );
      assert.equal((await call('/api/v1/jobs/999999/cancel', jsonInit('POST', 'operator', {}))).status, 404);

      const noReason = await call(`/api/v1/jobs/${r.jobId}/stop`, jsonInit('POST', 'operator', {}));
      assert.equal(noReason.status, 400);
      assert.match(noReason.body.error.message, /field "reason": required to stop a job/);
      const empty = await call(`/api/v1/jobs/${r.jobId}/stop`, jsonInit('POST', 'operator'));
      assert.equal(empty.status, 400);
      const st = await call(
        `/api/v1/jobs/${r.jobId}/stop`,
        jsonInit('POST', 'operator', { reason: 'maintenance window' }),
      );
      assert.equal(st.status, 200);
      assert.equal(st.body.run.status, 'Stopped');
      assert.deepEqual(st.body.warnings, []);
      assert.deepEqual(svc.calls.at(-1), {
        op: 'stop',
        who: 'operator',
        reason: 'maintenance window',
        target: r.jobId,
      });
      const again = await call(
        `/api/v1/jobs/${done.jobId}/stop`,
        jsonInit('POST', 'operator', { reason: 'x' }),
      );
      assert.equal(again.status, 409);
      assert.equal(again.body.error.rule, 'M9');
      assert.equal((await call(`/api/v1/jobs/${r.jobId}/kill`, jsonInit('POST', 'admin', {}))).status, 400);
      assert.equal((await call('/api/v1/jobs/nope', jsonInit('GET', 'viewer'))).status, 404);
    });
  });

  describe('bodies', () => {
    it('refuses non-JSON, non-object, wrongly typed and unknown fields, naming them', async () => {
      const raw = (body: string, type = 'application/json'): RequestInit => ({
        method: 'POST',
        headers: { authorization: basic('operator'), 'content-type': type },
        body,
      });
      const notJson = await call('/api/v1/jobs', raw('{job:'));
      assert.equal(notJson.status, 400);
      assert.match(notJson.body.error.message, /not valid JSON/);
      const arr = await call('/api/v1/jobs', raw('["Job_MigrateGIM"]'));
      assert.match(arr.body.error.message, /must be a JSON object/);
      const wrongType = await call('/api/v1/jobs', raw('{"job": 5}'));
      assert.equal(wrongType.status, 400);
      assert.match(wrongType.body.error.message, /field "job": .*expected string/i);
      const unknown = await call('/api/v1/jobs', raw('{"job": "Job_MigrateGIM", "priority": 1}'));
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /unknown field "priority"/);
      const form = await call('/api/v1/jobs', raw('job=Job_MigrateGIM', 'application/x-www-form-urlencoded'));
      assert.equal(form.status, 400);
      assert.match(form.body.error.message, /Content-Type: application\/json/);
      const nested = await call('/api/v1/options', {
        method: 'PUT',
        headers: { authorization: basic('admin'), 'content-type': 'application/json' },
        body: JSON.stringify({ edits: [{ section: 'a', option: 'b', value: 'c', extra: 1 }], reason: 'r' }),
      });
      assert.equal(nested.status, 400);
      assert.match(nested.body.error.message, /unknown field "edits.0.extra"/);
      assert.equal(svc.calls.length, 0, 'nothing reached the service');
    });

    it('answers 413 to a body over 1 MiB', async () => {
      const big = JSON.stringify({ job: 'Job_MigrateGIM', reason: 'x'.repeat(1024 * 1024) });
      const r = await call('/api/v1/jobs', jsonInit('POST', 'operator', JSON.parse(big)));
      assert.equal(r.status, 413);
      assert.equal(r.body.error.code, 'PAYLOAD_TOO_LARGE');
      assert.equal(svc.calls.length, 0);
    });
  });

  describe('history, status, schedule, options, audit, catalog', () => {
    it('filters and pages history, refusing bad filters by name', async () => {
      for (let i = 0; i < 5; i++) svc.seed('Job_MigrateGIM', 'Completed');
      svc.seed('Job_InitializeGIM', 'Failed');
      const r = await call(
        '/api/v1/history?job=Job_MigrateGIM&status=Completed&page=2&pageSize=2',
        jsonInit('GET', 'viewer'),
      );
      assert.equal(r.status, 200);
      assert.equal(r.body.total, 5);
      assert.equal(r.body.page, 2);
      assert.equal(r.body.rows.length, 2);
      const stored = await call('/api/v1/history?status=FAILED', jsonInit('GET', 'viewer'));
      assert.equal(stored.body.total, 1);
      for (const [q, name] of [
        ['status=Done', 'status'],
        ['job=Job_Nope', 'job'],
        ['origin=cron', 'origin'],
        ['from=yesterday', 'from'],
        ['to=2100-01-01', 'to'],
        ['pageSize=0', 'pageSize'],
        ['page=-1', 'page'],
      ] as const) {
        const bad = await call(`/api/v1/history?${q}`, jsonInit('GET', 'viewer'));
        assert.equal(bad.status, 400, q);
        assert.match(bad.body.error.message, new RegExp(`parameter "${name}"`), q);
      }
      const order = await call('/api/v1/history?from=2024-05-02&to=2024-05-01', jsonInit('GET', 'viewer'));
      assert.equal(order.status, 400);
      assert.equal(
        (await call('/api/v1/history?from=2024-05-01T00:00:00Z&to=1800000000', jsonInit('GET', 'viewer')))
          .status,
        200,
      );
    });

    it('gives ETL status with the server state, the schedule preview and the catalog', async () => {
      const etl = await call('/api/v1/etl-status', jsonInit('GET', 'viewer'));
      assert.equal(etl.status, 200);
      assert.equal(etl.body.server.state, 'Normal');
      assert.deepEqual(Object.keys(etl.body).sort(), [
        'aggregation',
        'extraction',
        'generatedTs',
        'headroom',
        'lastCycle',
        'recentExtractions',
        'server',
        'transformMarks',
      ]);
      assert.equal(etl.body.extraction.tables[0].tableName, 'G_CALL');
      assert.equal(etl.body.extraction.tables[0].hwm, '9007199254740993', 'marks beyond 2^53 stay exact');
      assert.equal(etl.body.aggregation.ledger.requests[0].state, 'RUNNING');
      const s = await call('/api/v1/schedule?hours=48', jsonInit('GET', 'viewer'));
      assert.equal(s.body.hours, 48);
      assert.equal(s.body.events[0].event, 'slot (48 h)');
      assert.equal((await call('/api/v1/schedule', jsonInit('GET', 'viewer'))).body.hours, 24);
      const bad = await call('/api/v1/schedule?hours=0', jsonInit('GET', 'viewer'));
      assert.equal(bad.status, 400);
      assert.match(
        bad.body.error.message,
        /parameter "hours": "0" is not valid; expected an integer 1\.\.168/,
      );
      const cat = await call('/api/v1/catalog', jsonInit('GET', 'viewer'));
      assert.equal(cat.body.jobs.length, 8);
      assert.equal(
        cat.body.jobs.find((j: { name: string }) => j.name === 'Job_AggregateGIM').acceptsParams,
        true,
      );
      const st = await call('/api/v1/status', jsonInit('GET', 'viewer'));
      assert.equal(st.body.state, 'Normal');
    });

    it('edits options as admin with a reason; an invalid value is refused with its valid range', async () => {
      const edit = { section: 'gim-etl', option: 'etl-frequency', value: '30' };
      const noReason = await call('/api/v1/options', jsonInit('PUT', 'admin', { edits: [edit] }));
      assert.equal(noReason.status, 400);
      assert.match(noReason.body.error.message, /field "reason": required to edit options/);
      const empty = await call('/api/v1/options', jsonInit('PUT', 'admin', { edits: [], reason: 'r' }));
      assert.equal(empty.status, 400);
      assert.match(empty.body.error.message, /field "edits"/);
      const bad = await call(
        '/api/v1/options',
        jsonInit('PUT', 'admin', { edits: [{ ...edit, value: '5000' }], reason: 'r' }),
      );
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'CONFIG_INVALID');
      assert.equal(bad.body.error.issues[0].option, 'etl-frequency');
      assert.match(bad.body.error.issues[0].message, /expected an integer 1\.\.1440/);
      const ok = await call(
        '/api/v1/options',
        jsonInit('PUT', 'admin', { edits: [edit], reason: 'busier center' }),
      );
      assert.equal(ok.status, 200);
      assert.equal(ok.body.options[0].effective, '30');
      const audit = await call('/api/v1/audit?limit=10', jsonInit('GET', 'admin'));
      assert.deepEqual(audit.body.entries.at(-1), {
        ts: 1_700_000_000,
        principal: 'admin',
        action: 'options',
        target: 'gim-etl.etl-frequency',
        reason: 'busier center',
      });
      assert.equal((await call('/api/v1/audit?limit=5000', jsonInit('GET', 'admin'))).status, 400);
    });
  });

  describe('healthz, metrics, UI pages', () => {
    it('serves /healthz without credentials', async () => {
      const r = await call('/healthz', { method: 'GET' });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { status: 'ok', state: 'Normal' });
    });

    it('serves Prometheus metrics to signed-in users', async () => {
      svc.seed('Job_MigrateGIM', 'Running');
      svc.seed('Job_InitializeGIM', 'Completed');
      assert.equal((await call('/metrics', { method: 'GET' })).status, 401);
      const r = await call('/metrics', jsonInit('GET', 'viewer'));
      assert.equal(r.status, 200);
      assert.match(r.res.headers.get('content-type') ?? '', /^text\/plain/);
      const text = r.body as string;
      assert.match(text, /^gim_server_state\{state="Normal"\} 1$/m);
      assert.match(text, /^gim_server_state\{state="Blocked"\} 0$/m);
      assert.match(text, /^gim_running_jobs 1$/m);
      assert.match(text, /^gim_job_runs\{status="RUNNING"\} 1$/m);
      assert.match(text, /^gim_job_runs\{status="COMPLETE"\} 1$/m);
      assert.match(text, /^gim_jobs\{job="Job_MigrateGIM",status="Running"\} 1$/m);
      assert.match(text, /^gim_job_last_duration_seconds\{job="Job_InitializeGIM",status="Completed"\} 5$/m);
      assert.match(text, /^gim_job_last_rows\{job="Job_InitializeGIM"\} 3$/m);
      assert.match(text, /^# TYPE gim_job_runs gauge$/m);
      // From the typed ETL status (test/api/etl-sample.ts).
      assert.match(text, /^gim_extraction_lag_seconds\{dap="core1",role="ICON_CORE",table="G_CALL"\} 12$/m);
      assert.match(text, /^gim_extraction_lag_seconds\{dap="core2",role="ICON_CORE",table="G_CALL"\} 1800$/m);
      assert.match(text, /^gim_delayed_data_alarm\{dap="core1",role="ICON_CORE"\} 0$/m);
      assert.match(text, /^gim_delayed_data_alarm\{dap="core2",role="ICON_CORE"\} 1$/m);
      assert.match(text, /^gim_aggregation_backlog\{level="SUBHR",state="pending"\} 4$/m);
      assert.match(text, /^gim_aggregation_backlog\{level="SUBHR",state="running"\} 1$/m);
      assert.match(text, /^gim_aggregation_backlog\{level="HOUR",state="pending"\} 2$/m);
      assert.match(text, /^gim_reaggregation_requests\{state="RUNNING"\} 1$/m);
      assert.match(text, /^gim_partition_headroom_days\{table="interaction_fact"\} 2.5$/m);
      assert.match(text, /^gim_calendar_headroom_days 364.5$/m);
      assert.match(text, /^gim_server_state_reasons 0$/m);
      svc.state = 'Blocked';
      const blocked = (await call('/metrics', jsonInit('GET', 'viewer'))).body as string;
      assert.match(blocked, /^gim_server_state\{state="Blocked"\} 1$/m);
      assert.match(blocked, /^gim_server_state\{state="Normal"\} 0$/m);
      assert.match(blocked, /^gim_server_state_reasons 1$/m);
    });

    it('answers unknown endpoints with 404 JSON', async () => {
      const r = await call('/api/v1/nothing', jsonInit('GET', 'viewer'));
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'NOT_FOUND');
    });

    it('sends pages to the login form without a session and shows controls by role', async () => {
      const anon = await app.request('/ui/jobs');
      assert.equal(anon.status, 303);
      assert.equal(anon.headers.get('location'), '/login?next=%2Fui%2Fjobs');
      const login = await app.request('/login');
      assert.match(await login.text(), /data-testid="login-form"/);
      const viewer = await (
        await app.request('/ui/jobs', { headers: { authorization: basic('viewer') } })
      ).text();
      assert.ok(!viewer.includes('run-job-button'), 'viewers get no Run Job button');
      assert.ok(!viewer.includes('run-dialog'));
      assert.match(viewer, /data-role="viewer"/);
      const op = await (
        await app.request('/ui/jobs', { headers: { authorization: basic('operator') } })
      ).text();
      assert.match(op, /data-testid="run-job-button"/);
      assert.ok(!op.includes('nav-audit'), 'only admins see the audit page link');
      assert.equal(
        (await app.request('/ui/audit', { headers: { authorization: basic('operator') } })).status,
        403,
      );
      const adminOptions = await (
        await app.request('/ui/options', { headers: { authorization: basic('admin') } })
      ).text();
      assert.match(adminOptions, /data-testid="option-edit-form"/);
      const opOptions = await (
        await app.request('/ui/options', { headers: { authorization: basic('operator') } })
      ).text();
      assert.ok(!opOptions.includes('option-edit-form'));
    });

    it('serves the static files it has and nothing else', async () => {
      const js = await app.request('/static/jobs.js');
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type') ?? '', /text\/javascript/);
      assert.equal((await app.request('/static/style.css')).status, 200);
      assert.equal((await app.request('/static/..%2Fapp.ts')).status, 404);
      assert.equal((await app.request('/static/nope.js')).status, 404);
    });
  });
});

// The Manager in Debian's headless Chromium over the real server (startServer, both databases,
// with a real source IDB of the same kind): log in; a viewer sees no controls; stop a long-running
// job with a reason; run Job_ExtractICON from the dialog and see it Running, then Completed after
// Refresh; an invalid re-aggregation parameter is refused naming the bad part; cancel a Scheduled
// job; an admin's invalid option value is refused with its range; the ETL status page.
// The long-running job is a manual Job_AggregateGIM, which runs until it is stopped. Extraction is
// held Running by holding its IDB (idb-hold.ts) so the test never races it. The Scheduled job is
// the real one of R2/R19: a scheduler cycle's transform step created while the server is Blocked.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { DB_KINDS } from '../helpers/databases.ts';
import { PASSWORDS } from '../api/fixture.ts';
import { fillIdb, startTestServer, waitFor, waitForJob, type TestServer } from '../api/real-server.ts';
import type { Principal } from '../../src/service-types.ts';
import { launchChromium, loginAs, refreshUntilRow, refreshUntilStatus, screenshot } from './harness.ts';
import { holdIdb } from './idb-hold.ts';

const ADMIN: Principal = { name: 'admin', role: 'admin' };

for (const kind of DB_KINDS) {
  describe(`Manager web UI over the real server [${kind}]`, () => {
    let t: TestServer;
    let browser: Browser;
    let base: string;
    let viewer: Page;
    let operator: Page;
    let longId = '';

    before(async () => {
      // A manual Job_AggregateGIM runs until it is stopped (M7: engine set, run-aggregates=false,
      // inside a window that lasts all day): the long-running job of these tests.
      [t, browser] = await Promise.all([
        startTestServer(
          kind,
          {
            'gim-etl': { 'aggregation-engine-class-name': 'GIMAgg.GimInterfaceImpl.AggregationImpl' },
            schedule: {
              'run-aggregates': 'false',
              'aggregate-schedule': '0 0',
              'aggregate-duration': '24:00',
              // One 24-hour ETL window with a single daily slot: a cycle starts only when the
              // scheduler resumes (R22), never by surprise during the test.
              timezone: 'UTC',
              'etl-start-time': '00:00',
              'etl-end-time': '00:00',
              'etl-frequency': '1440',
              'run-maintain': 'false',
            },
          },
          { idb: true },
        ),
        launchChromium(),
      ]);
      base = t.srv.url;
      await fillIdb(t.idb!);
      await waitForJob(
        t.srv.service,
        (j) => j.job === 'Job_InitializeGIM' && j.status === 'Completed',
        'start-up init',
      );
      const reply = await t.srv.service.runJob(
        { job: 'Job_AggregateGIM' },
        { name: 'operator', role: 'operator' },
      );
      assert.equal(reply.result, 'started');
      longId = reply.result === 'started' ? reply.run.jobId : '';
    });
    after(async () => {
      await browser?.close();
      await t?.dispose();
    });

    it('logs in: a wrong password is refused, the right one opens the job list', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/ui/jobs`);
      assert.match(page.url(), /\/login\?next=%2Fui%2Fjobs$/);
      await page.getByTestId('login-user').fill('operator');
      await page.getByTestId('login-password').fill('wrong');
      await page.getByTestId('login-submit').click();
      assert.equal(await page.getByTestId('login-error').textContent(), 'Wrong user name or password.');
      await page.getByTestId('login-password').fill(PASSWORDS.operator);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(`${base}/ui/jobs`);
      assert.equal(await page.getByTestId('whoami').textContent(), 'operator (operator)');
      operator = page;
      viewer = await loginAs(browser, base, 'viewer');
    });

    it('shows a viewer the running job without Run, Cancel or Stop controls', async () => {
      const shown = await refreshUntilRow(viewer, 'Job_AggregateGIM', 'Running');
      assert.equal(shown, longId);
      assert.equal(await viewer.getByTestId('run-job-button').count(), 0);
      assert.equal(await viewer.getByTestId('run-dialog').count(), 0);
      const row = viewer.getByTestId(`job-row-${longId}`);
      assert.equal(await row.getAttribute('data-status'), 'Running');
      assert.equal(await row.locator('button').count(), 0, 'no Stop, Cancel or Kill on the row');
      await screenshot(viewer, `jobs-viewer-${kind}.png`);
    });

    it('stops the long-running job with a reason and shows it Stopped', async () => {
      await refreshUntilStatus(operator, longId, 'Running');
      assert.match((await operator.getByTestId(`job-progress-${longId}`).textContent()) ?? '', /elapsed/);
      await operator.getByTestId(`stop-${longId}`).click();
      await operator.getByTestId('reason-submit').click();
      // The refusal arrives with the API's reply: wait for it rather than read at once.
      await operator
        .getByTestId('reason-error')
        .filter({ hasText: /field "reason": required/ })
        .waitFor();
      await operator.getByTestId('reason-input').fill('browser test: stop the aggregation');
      await operator.getByTestId('reason-submit').click();
      await operator.getByTestId('reason-dialog').waitFor({ state: 'hidden' });
      await refreshUntilStatus(operator, longId, 'Stopped');
      assert.match(
        (await operator.getByTestId(`job-reason-${longId}`).textContent()) ?? '',
        /browser test: stop the aggregation/,
      );
    });

    it('runs Job_ExtractICON from the dialog: Running, then Completed after Refresh', async () => {
      const hold = await holdIdb(t.idb!, kind);
      let id: string;
      try {
        await operator.getByTestId('run-job-button').click();
        await operator.getByTestId('run-job-select').selectOption('Job_ExtractICON');
        assert.equal(
          await operator.getByTestId('run-params-input').isVisible(),
          false,
          'no parameters for it',
        );
        await operator.getByTestId('run-reason-input').fill('browser test: extract now');
        await operator.getByTestId('run-submit').click();
        await operator.getByTestId('run-dialog').waitFor({ state: 'hidden' });
        const msg = (await operator.getByTestId('message').textContent()) ?? '';
        const m = /Job_ExtractICON (\d+) started \(Running\)/.exec(msg);
        assert.ok(m?.[1], `the reply names the new run: ${msg}`);
        id = m[1];
        // The IDB is held: the run cannot end before the list shows it Running.
        await refreshUntilStatus(operator, id, 'Running');
        await screenshot(operator, `jobs-running-${kind}.png`);
      } finally {
        await hold.release();
      }
      await refreshUntilStatus(operator, id, 'Completed');
      await screenshot(operator, `jobs-${kind}.png`);
      const done = await t.srv.service.getJob(id);
      assert.equal(done.origin, 'manual');
      assert.ok(Object.values(done.rowCounts ?? {}).reduce((a, b) => a + b, 0) > 0, 'it extracted rows');
    });

    it('refuses an invalid re-aggregation parameter, naming the bad part', async () => {
      await operator.getByTestId('run-job-button').click();
      await operator.getByTestId('run-job-select').selectOption('Job_AggregateGIM');
      assert.equal(await operator.getByTestId('run-params-input').isVisible(), true);
      await operator
        .getByTestId('run-params-input')
        .fill('-insertPendingAgg H_AGENT,H_NOPE-DAY:2024-05-01:2024-05-02');
      await operator.getByTestId('run-submit').click();
      const error = operator.getByTestId('run-error');
      await error.filter({ hasText: /\S/ }).waitFor();
      const text = (await error.textContent()) ?? '';
      assert.match(text, /^M8: invalid parameters: unknown hierarchy "H_NOPE"; allowed: H_AGENT/);
      // Dates of the current year: present in the calendar and inside fact retention.
      const y = new Date().getUTCFullYear();
      await operator.getByTestId('run-params-input').fill(`-insertPendingAgg ALLSETS:${y}-01-31:${y}-01-01`);
      await operator.getByTestId('run-submit').click();
      await error.filter({ hasText: new RegExp(`START ${y}-01-31 is after END ${y}-01-01`) }).waitFor();
      // A day the calendar does not hold is named as such.
      await operator.getByTestId('run-params-input').fill('-insertPendingAgg ALLSETS:1999-01-01:1999-01-02');
      await operator.getByTestId('run-submit').click();
      await error.filter({ hasText: /1999-01-01/ }).waitFor();
      assert.equal(await operator.getByTestId('run-dialog').isVisible(), true, 'the dialog stays open');
      await operator.getByTestId('run-close').click();
    });

    it('cancels a Scheduled job: the cycle transform waiting while the server is Blocked (R19)', async () => {
      const svc = t.srv.service;
      const hold = await holdIdb(t.idb!, kind);
      try {
        // Resuming the scheduler inside the ETL window starts a cycle at once (R22); its
        // extraction stays Running on the held IDB.
        await svc.editOptions(
          [{ section: 'schedule', option: 'run-scheduler', value: 'true' }],
          ADMIN,
          'browser test: resume the scheduler',
        );
        await waitForJob(
          svc,
          (j) => j.job === 'Job_ExtractICON' && j.origin === 'scheduler' && j.status === 'Running',
          'the cycle extraction',
        );
        // D6: the extracted ICON_CORE DAP declared ICON_MM blocks the server.
        await svc.editOptions(
          [{ section: 'dap:idb-voice', option: 'role', value: 'ICON_CFG, ICON_MM' }],
          ADMIN,
          'browser test: block the server',
        );
        await waitFor('the server Blocked', async () => (await svc.serverState()).state === 'Blocked');
      } finally {
        await hold.release();
      }
      // The extraction ends Completed; its transform step waits Scheduled while Blocked (R5, R19).
      const waiting = await waitForJob(
        svc,
        (j) => j.job === 'Job_TransformGIM' && j.status === 'Scheduled',
        'the Scheduled transform step',
      );
      const transformId = waiting.jobId;
      assert.equal(waiting.origin, 'scheduler');
      assert.match(waiting.reason ?? '', /R19: server Blocked/);

      const shown = await refreshUntilRow(operator, 'Job_TransformGIM', 'Scheduled');
      assert.equal(shown, transformId);
      assert.match((await operator.getByTestId(`job-reason-${transformId}`).textContent()) ?? '', /R19/);
      assert.equal(
        await operator.getByTestId(`stop-${transformId}`).count(),
        0,
        'Scheduled rows offer Cancel',
      );
      await screenshot(operator, `jobs-scheduled-${kind}.png`);
      await operator.getByTestId(`cancel-${transformId}`).click();
      await operator.getByTestId(`job-row-${transformId}`).waitFor({ state: 'detached' });
      assert.match((await operator.getByTestId('message').textContent()) ?? '', /canceled/);
      const canceled = await svc.getJob(transformId);
      assert.equal(canceled.status, 'Canceled');
      assert.match(canceled.reason ?? '', /canceled by operator/);

      await svc.editOptions(
        [{ section: 'schedule', option: 'run-scheduler', value: 'false' }],
        ADMIN,
        'browser test: pause the scheduler',
      );
      await svc.editOptions(
        [{ section: 'dap:idb-voice', option: 'role', value: 'ICON_CFG, ICON_CORE' }],
        ADMIN,
        'browser test: unblock the server',
      );
      await waitFor('the server Normal', async () => (await svc.serverState()).state === 'Normal');
    });

    it('lets an admin edit an option; an invalid value is refused with its valid range', async () => {
      const admin = await loginAs(browser, base, 'admin');
      await admin.goto(`${base}/ui/options`);
      await admin.getByTestId('option-edit-schedule.etl-frequency').click();
      assert.match((await admin.getByTestId('option-edit-valid').textContent()) ?? '', /^Valid values: /);
      await admin.getByTestId('option-edit-value').fill('0');
      await admin.getByTestId('option-edit-reason').fill('browser test');
      await admin.getByTestId('option-edit-submit').click();
      const error = admin.getByTestId('option-edit-error');
      await error.locator('li').first().waitFor();
      const text = (await error.textContent()) ?? '';
      assert.match(text, /schedule\.etl-frequency: "0" is not valid; expected/);
      await admin.getByTestId('option-edit-value').fill('45');
      await admin.getByTestId('option-edit-reason').fill('browser test');
      await admin.getByTestId('option-edit-submit').click();
      await admin
        .getByTestId('option-effective-schedule.etl-frequency')
        .filter({ hasText: /^45$/ })
        .waitFor();
      assert.equal(await error.locator('li').count(), 0);

      await admin.goto(`${base}/ui/etl`);
      await admin.getByTestId('etl-server-state').filter({ hasText: /\S/ }).waitFor();
      await admin.getByTestId('etl-table-idb-voice-ICON_CORE-G_CALL').waitFor();
      // The manual run and the cycle's: two points of lag and two bars of rows.
      assert.equal(Number(await admin.getByTestId('etl-chart').getAttribute('data-points')), 2);
      assert.equal(await admin.getByTestId('etl-chart-rows').locator('rect').count(), 2);
      assert.equal(await admin.getByTestId('etl-chart-lag').locator('circle').count(), 2);
      const cycle = admin.getByTestId('etl-last-cycle').locator('tbody tr');
      assert.equal(await cycle.count(), 2, 'the cycle: its extraction and its canceled transform');
      assert.match((await admin.getByTestId('etl-backlog').textContent()) ?? '', /SUBHR/);
      assert.match((await admin.getByTestId('etl-calendar-days').textContent()) ?? '', /days ahead/);
      await screenshot(admin, `etl-status-${kind}.png`);
      await admin.goto(`${base}/ui/audit`);
      await admin.getByTestId('audit-table').locator('tbody tr').first().waitFor();
      const audit = (await admin.getByTestId('audit-table').textContent()) ?? '';
      assert.match(audit, /browser test: stop the aggregation/);
    });
  });
}

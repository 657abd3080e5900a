// The Manager in Debian's headless Chromium over the real server (startServer, both databases):
// log in; a viewer sees no controls; stop a long-running job with a reason; run a job from the
// dialog and see it Running, then Completed after Refresh; an invalid re-aggregation parameter
// is refused naming the bad part; an admin's invalid option value is refused with its range.
// The long-running job is a manual Job_AggregateGIM, which runs until it is stopped.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { DB_KINDS } from '../helpers/databases.ts';
import { PASSWORDS } from '../api/fixture.ts';
import { startTestServer, waitForJob, type TestServer } from '../api/real-server.ts';
import { launchChromium, loginAs, refreshUntilRow, refreshUntilStatus, screenshot } from './harness.ts';

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
        startTestServer(kind, {
          'gim-etl': { 'aggregation-engine-class-name': 'GIMAgg.GimInterfaceImpl.AggregationImpl' },
          schedule: { 'run-aggregates': 'false', 'aggregate-schedule': '0 0', 'aggregate-duration': '24:00' },
        }),
        launchChromium(),
      ]);
      base = t.srv.url;
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

    it('runs Job_InitializeGIM from the dialog: Running, then Completed after Refresh', async () => {
      await operator.getByTestId('run-job-button').click();
      await operator.getByTestId('run-job-select').selectOption('Job_InitializeGIM');
      assert.equal(await operator.getByTestId('run-params-input').isVisible(), false, 'no parameters for it');
      await operator.getByTestId('run-reason-input').fill('finish the schema');
      await operator.getByTestId('run-submit').click();
      await operator.getByTestId('run-dialog').waitFor({ state: 'hidden' });
      const msg = (await operator.getByTestId('message').textContent()) ?? '';
      const m = /Job_InitializeGIM (\d+) started \(Running\)/.exec(msg);
      assert.ok(m?.[1], `the reply names the new run: ${msg}`);
      const id = m[1];
      // The reply says Running; a re-run that only checks what is missing may already have ended
      // by the time the list is reloaded, so the list is refreshed until it shows Completed.
      await refreshUntilStatus(operator, id, 'Completed');
      await screenshot(operator, `jobs-${kind}.png`);
      await waitForJob(t.srv.service, (j) => j.jobId === id && j.status === 'Completed', 'the manual run');
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
      await screenshot(admin, `etl-status-${kind}.png`);
      await admin.goto(`${base}/ui/audit`);
      await admin.getByTestId('audit-table').locator('tbody tr').first().waitFor();
      const audit = (await admin.getByTestId('audit-table').textContent()) ?? '';
      assert.match(audit, /browser test: stop the aggregation/);
    });
  });
}

// UI behaviour that this version's real jobs cannot reach yet, in headless Chromium over the
// in-memory Service double: Cancel on a Scheduled row (no manual request can be Scheduled
// until Job_MaintainGIM exists, M5), a queued re-aggregation reply (M8), the confirmation for
// manual maintenance (M6), sorting, and auto-refresh off by default.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { makeFakeService, type FakeService } from '../api/fake-service.ts';
import { makeMemoryLog, makeUsersDir } from '../api/fixture.ts';
import { launchChromium, loginAs, serveApp, type Served } from './harness.ts';

describe('Manager web UI (in-memory service)', () => {
  let users: Awaited<ReturnType<typeof makeUsersDir>>;
  let svc: FakeService;
  let served: Served;
  let browser: Browser;
  let page: Page;

  before(async () => {
    users = await makeUsersDir();
    svc = makeFakeService();
    served = await serveApp(svc, users.usersFile, makeMemoryLog().log);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await served?.close();
    await users?.dispose();
  });

  const ids = (): Promise<string[]> =>
    page
      .locator('#jobs-body tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')?.replace('job-row-', '') ?? ''));

  it('cancels a Scheduled job: it leaves the job list', async () => {
    const scheduled = svc.seed('Job_MaintainGIM', 'Scheduled');
    page = await loginAs(browser, served.baseUrl, 'operator');
    assert.equal(await page.getByTestId('auto-refresh-toggle').isChecked(), false, 'auto-refresh is off');
    const row = page.getByTestId(`job-row-${scheduled.jobId}`);
    assert.equal(await row.getAttribute('data-status'), 'Scheduled');
    assert.equal(await page.getByTestId(`stop-${scheduled.jobId}`).count(), 0, 'Scheduled rows offer Cancel');
    await page.getByTestId(`cancel-${scheduled.jobId}`).click();
    await row.waitFor({ state: 'detached' });
    assert.match((await page.getByTestId('message').textContent()) ?? '', /canceled/);
    assert.equal((await svc.getJob(scheduled.jobId)).status, 'Canceled');
  });

  it('sorts on a column and back, with not-started rows first by default', async () => {
    const a = svc.seed('Job_MigrateGIM', 'Completed', 1_700_000_100);
    const b = svc.seed('Job_InitializeGIM', 'Completed', 1_700_000_900);
    const c = svc.seed('Job_TransformGIM', 'Scheduled');
    await page.getByTestId('refresh-button').click();
    await page.getByTestId(`job-row-${c.jobId}`).waitFor();
    assert.deepEqual(await ids(), [c.jobId, b.jobId, a.jobId]);
    await page.getByTestId('sort-job').click();
    assert.deepEqual(await ids(), [b.jobId, a.jobId, c.jobId]);
    assert.equal(await page.locator('th[data-col="job"]').getAttribute('aria-sort'), 'ascending');
    await page.getByTestId('sort-job').click();
    assert.deepEqual(await ids(), [c.jobId, a.jobId, b.jobId]);
    await page.getByTestId('sort-startTs').click();
    assert.deepEqual(await ids(), [c.jobId, b.jobId, a.jobId]);
  });

  it('asks to confirm manual maintenance and requires its reason', async () => {
    await page.getByTestId('run-job-button').click();
    await page.getByTestId('run-job-select').selectOption('Job_MaintainGIM');
    await page.getByTestId('run-submit').click();
    assert.match((await page.getByTestId('run-error').textContent()) ?? '', /Confirm/);
    await page.getByTestId('run-confirm-maintain').check();
    await page.getByTestId('run-submit').click();
    await page
      .getByTestId('run-error')
      .filter({ hasText: /field "reason": required/ })
      .waitFor();
    await page.getByTestId('run-reason-input').fill('purge before the audit');
    await page.getByTestId('run-submit').click();
    await page.getByTestId('run-dialog').waitFor({ state: 'hidden' });
    const message = (await page.getByTestId('message').textContent()) ?? '';
    assert.match(message, /Job_MaintainGIM \d+ started \(Running\)/);
    assert.match(message, /M6: other jobs run/);
    assert.deepEqual(svc.calls.at(-1), {
      op: 'run',
      who: 'operator',
      reason: 'purge before the audit',
      target: 'Job_MaintainGIM',
    });
  });

  it('reports a queued re-aggregation request', async () => {
    await page.getByTestId('run-job-button').click();
    await page.getByTestId('run-job-select').selectOption('Job_AggregateGIM');
    await page.getByTestId('run-params-input').fill('-insertPendingAgg ALLSETS:2024-05-01:2024-05-31');
    await page.getByTestId('run-submit').click();
    await page.getByTestId('run-dialog').waitFor({ state: 'hidden' });
    assert.match(
      (await page.getByTestId('message').textContent()) ?? '',
      /Re-aggregation request R1 queued: queued for the running aggregation/,
    );
  });

  it('pages history with filters', async () => {
    for (let i = 0; i < 4; i++) svc.seed('Job_MigrateGIM', 'Failed');
    await page.goto(`${served.baseUrl}/ui/history`);
    await page.getByTestId('history-status').selectOption('Failed');
    await page.getByTestId('history-page-size').selectOption('25');
    await page.getByTestId('history-apply').click();
    await page
      .getByTestId('history-page-info')
      .filter({ hasText: /4 rows/ })
      .waitFor();
    assert.equal(await page.locator('#history-body tr').count(), 4);
    assert.equal(await page.getByTestId('history-next').isDisabled(), true);
  });
});

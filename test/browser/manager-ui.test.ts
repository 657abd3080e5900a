// UI behaviour checked in headless Chromium over the in-memory Service double, where the data
// must be exact: the ETL status page against a known document (every section, the chart),
// a queued re-aggregation reply (M8), the confirmation for manual maintenance (M6, which is not
// built yet), sorting, and auto-refresh off by default. Cancel on a Scheduled row is also tested
// over the real server (manager.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { makeFakeService, type FakeService } from '../api/fake-service.ts';
import { makeMemoryLog, makeUsersDir } from '../api/fixture.ts';
import { launchChromium, loginAs, screenshot, screenshotOf, serveApp, type Served } from './harness.ts';

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

  it('shows the ETL status as tables and a chart of lag and rows per run', async () => {
    await page.goto(`${served.baseUrl}/ui/etl`);
    await page.getByTestId('etl-table-core2-ICON_CORE-G_CALL').waitFor();
    const alarmed = page.getByTestId('etl-table-core2-ICON_CORE-G_CALL');
    assert.equal(await alarmed.getAttribute('class'), 'alarm');
    assert.match((await alarmed.textContent()) ?? '', /9007199254740993.*30m 00s.*ALARM/);
    assert.match((await page.getByTestId('etl-extraction-note').textContent()) ?? '', /15m 00s — 1 table/);
    assert.equal(await page.getByTestId('etl-coverage').locator('tbody tr').count(), 2);
    assert.match((await page.getByTestId('etl-coverage').textContent()) ?? '', /open/);
    assert.equal(await page.getByTestId('etl-cycle-job-502').getAttribute('data-status'), 'Running');
    assert.match((await page.getByTestId('etl-transform-marks').textContent()) ?? '', /GIDB_G_CALL_V4711/);
    assert.match((await page.getByTestId('etl-backlog-SUBHR').textContent()) ?? '', /^SUBHR41/);
    assert.match((await page.getByTestId('etl-request-3').textContent()) ?? '', /ALLSETS.*RUNNING2 \/ 6/);
    assert.equal(await page.getByTestId('etl-notified-empty').isVisible(), true);
    assert.equal(await page.getByTestId('etl-calendar-days').textContent(), '364.5 days ahead');
    assert.equal(await page.getByTestId('etl-headroom').locator('tbody tr').count(), 2);
    assert.equal(await page.getByTestId('etl-complete-through').isVisible(), false);
    // The chart: one lag point and one bar per run, placed in time order.
    assert.equal(await page.getByTestId('etl-chart').getAttribute('data-points'), '2');
    const bars = page.getByTestId('etl-chart-rows').locator('rect');
    assert.equal(await bars.count(), 2);
    const [early, late] = [await bars.nth(0).getAttribute('x'), await bars.nth(1).getAttribute('x')];
    assert.ok(Number(early) < Number(late), 'runs are placed in time order');
    const heights = [
      Number(await bars.nth(0).getAttribute('height')),
      Number(await bars.nth(1).getAttribute('height')),
    ];
    assert.ok(heights[0]! < heights[1]!, '200 rows draw lower than 360');
    assert.equal(await page.getByTestId('etl-chart-lag').locator('circle').count(), 2);
    assert.match(
      (await page.getByTestId('etl-chart-lag').locator('circle title').first().textContent()) ?? '',
      /lag 1m 30s \(Job_ExtractICON 480\)/,
    );
    await screenshotOf(page.getByTestId('etl-chart-panel'), 'etl-chart-sample.png');
    await screenshot(page, 'etl-status-sample.png');
    await page.goto(`${served.baseUrl}/ui/jobs`);
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

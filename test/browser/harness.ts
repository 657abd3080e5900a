// Browser-test harness: the Manager app served on a free loopback port, and Debian's headless
// Chromium driven through playwright-core (never a downloaded browser).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Logger } from 'pino';
import { makeApiApp } from '../../src/api/app.ts';
import type { Role, Service } from '../../src/service-types.ts';
import { PASSWORDS } from '../api/fixture.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const OUTPUT_DIR = new URL('../../test-output/', import.meta.url);

export function chromiumMissing(): string | false {
  return existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: run scripts/ensure-chromium.sh`;
}

export interface Served {
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function serveApp(service: Service, usersFile: string, log: Logger): Promise<Served> {
  const app = makeApiApp({ service, auth: { usersFile }, log });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Fails (never skips) when Debian's Chromium is missing: the browser tests are part of the suite. */
export async function launchChromium(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A fresh browser context (own cookies) logged in as the user of that role. */
export async function loginAs(browser: Browser, baseUrl: string, role: Role): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/ui/jobs`);
  await page.getByTestId('login-user').fill(role);
  await page.getByTestId('login-password').fill(PASSWORDS[role]);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${baseUrl}/ui/jobs`);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = new URL(name, OUTPUT_DIR).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A screenshot of one element (the chart, a table) into test-output/. */
export async function screenshotOf(target: Locator, name: string): Promise<string> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = new URL(name, OUTPUT_DIR).pathname;
  await target.screenshot({ path });
  return path;
}

/** Clicks Refresh until the row shows the status (the list only changes on Refresh, jobs ref 6). */
export async function refreshUntilStatus(
  page: Page,
  jobId: string,
  status: string,
  limitMs = 120_000,
): Promise<void> {
  const until = performance.now() + limitMs;
  const row = page.getByTestId(`job-row-${jobId}`);
  for (;;) {
    await page.getByTestId('refresh-button').click();
    await page.waitForTimeout(150);
    if ((await row.count()) > 0 && (await row.getAttribute('data-status')) === status) return;
    if (performance.now() > until) {
      throw new Error(
        `job ${jobId} never showed ${status}; last: ${await row.getAttribute('data-status').catch(() => '-')}`,
      );
    }
  }
}

/** Clicks Refresh until a row of that job in that status is listed; returns its id. */
export async function refreshUntilRow(
  page: Page,
  job: string,
  status: string,
  limitMs = 120_000,
): Promise<string> {
  const until = performance.now() + limitMs;
  for (;;) {
    await page.getByTestId('refresh-button').click();
    await page.waitForTimeout(150);
    const ids = await page
      .locator(`tr[data-status="${status}"]`)
      .evaluateAll(
        (rows, name) =>
          rows
            .filter((r) => r.querySelector('[data-testid^="job-name-"]')?.textContent === name)
            .map((r) => r.getAttribute('data-testid')?.replace('job-row-', '') ?? ''),
        job,
      );
    if (ids[0]) return ids[0];
    if (performance.now() > until) throw new Error(`no ${status} ${job} row appeared`);
  }
}

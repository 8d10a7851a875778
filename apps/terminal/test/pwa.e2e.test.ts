// The built PWA in real Chromium against a real base: enroll by scanning the code, sign in with a
// badge scan while the PIN field has focus, scan into a receipt, exchange, then start offline from
// the service worker with the scans still stored. Skipped where there is no build or no Chromium.
import { createEnrollmentCode } from '@shelfsync/server';
import type { ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { API_KEY, type BrowserBase, skipBrowserTests, startBrowserBase, typeScan } from './browser-base.js';
import { unitBarcode } from './demo-base.js';

const skip = skipBrowserTests('pwa.e2e.test.ts');

let base: BrowserBase | undefined;
let store: ServerStore;
let app: FastifyInstance;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (skip) return;
  base = await startBrowserBase('pwa-e2e');
  ({ store, app, browser, url } = base);
});

afterAll(async () => {
  await base?.close();
});

test.skipIf(skip)('enroll, sign in, scan, exchange, then start offline', { timeout: 90_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(url);
  await page.waitForSelector('input[type=url]');
  const { code } = await createEnrollmentCode(store);
  await typeScan(page, code);

  // The PIN field has focus; the badge scan must win and sign Anna in.
  const pin = page.locator('input[type=password]');
  await pin.waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
  await typeScan(page, 'BADGE-0002');
  await page.waitForSelector('text=Anna Petrova');

  await page.click('text=ПР-0001');
  await page.waitForSelector('.doc-head');
  await typeScan(page, unitBarcode(1));
  await typeScan(page, unitBarcode(1));
  await expect.poll(() => page.locator('.line-fact').first().textContent()).toBe('2');

  await page.click('.bar-back');
  await page.click('text=Exchange');
  await page.waitForSelector('text=Everything sent');
  const doc = await app.inject({
    url: '/api/v1/documents/RECEIPT-1',
    headers: { authorization: `Bearer ${API_KEY}` },
  });
  expect(doc.json().facts).toHaveLength(2);

  // The service worker serves the app with no network; IndexedDB still holds the document.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await ctx.setOffline(true);
  await page.reload();
  await page.waitForSelector('text=Offline');
  await page.click('text=ПР-0001');
  await expect.poll(() => page.locator('.line-fact').first().textContent()).toBe('2');
  expect(errors).toEqual([]);
  await ctx.close();
});

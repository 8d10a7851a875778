// The built PWA in real Chromium against a real base: enroll by scanning the code, sign in with a
// badge scan while the PIN field has focus, scan into a receipt, exchange, then start offline from
// the service worker with the scans still stored. Skipped where there is no build or no Chromium.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteServerStore, type ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildServer } from '../../server/src/build-server.js';
import { createEnrollmentCode } from '../../server/src/enrollment-code.js';
import { sha256Hex } from '../../server/src/secrets.js';
import { registerTerminalApp } from '../../server/src/terminal-app.js';
import { loadDemoBase, unitBarcode } from './demo-base.js';

const CHROMIUM = '/usr/bin/chromium';
const DIST = join(import.meta.dirname, '..', 'dist');
const ready = existsSync(CHROMIUM) && existsSync(join(DIST, 'index.html'));
const API_KEY = 'e2e-api-key-0123456789';

let dir: string;
let store: ServerStore;
let app: FastifyInstance;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (!ready) return;
  dir = await mkdtemp(join(tmpdir(), 'shelfsync-pwa-e2e-'));
  store = await openSqliteServerStore(join(dir, 'base.db'));
  app = await buildServer({ store, apiKeyHash: sha256Hex(API_KEY), version: '0.0.0-e2e' });
  registerTerminalApp(app, DIST);
  await loadDemoBase(app, API_KEY);
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  if (!ready) return;
  await browser?.close();
  await app?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A hardware scanner: keys as fast as the browser takes them, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

test.skipIf(!ready)('enroll, sign in, scan, exchange, then start offline', { timeout: 90_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(url);
  await page.waitForSelector('input[type=url]');
  const { code } = await createEnrollmentCode(store);
  await scan(page, code);

  // The PIN field has focus; the badge scan must win and sign Anna in.
  const pin = page.locator('input[type=password]');
  await pin.waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
  await scan(page, 'BADGE-0002');
  await page.waitForSelector('text=Anna Petrova');

  await page.click('text=ПР-0001');
  await page.waitForSelector('.doc-head');
  await scan(page, unitBarcode(1));
  await scan(page, unitBarcode(1));
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

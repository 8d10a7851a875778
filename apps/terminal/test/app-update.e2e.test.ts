// App updates reach the PWA only on its main screen (DESIGN.md §7). A real base serves the built app;
// an admin publishes a second version (the same build labelled 0.2.0) to the terminal's group with
// `shelfsync app-version publish`. The terminal exchanges while a document is open and keeps running
// 0.1.0; back on the main screen it opens /app/0.2.0/, which reports 0.2.0 to the base with the same
// local data. Skipped where there is no build or no Chromium.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '@shelfsync/cli/testing';
import type { ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  API_KEY,
  type BrowserBase,
  DIST,
  enrollAndSignIn,
  skipBrowserTests,
  startBrowserBase,
  typeScan,
} from './browser-base.js';
import { unitBarcode } from './demo-base.js';

const skip = skipBrowserTests('app-update.e2e.test.ts');
const WAIT = { timeout: 60_000 };
const POLL = { timeout: 60_000, interval: 200 };

let base: BrowserBase | undefined;
let dir: string;
let store: ServerStore;
let app: FastifyInstance;
let browser: Browser;
let url: string;

async function api(method: string, path: string, payload?: unknown) {
  const res = await app.inject({
    method: method as 'GET',
    url: `/api/v1${path}`,
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${path} answered ${res.statusCode}: ${res.body}`);
  return (res.body === '' ? {} : res.json()) as Record<string, unknown>;
}

/** The device registry's view of the one enrolled terminal. */
async function device(): Promise<{ id: string; appVersion?: string }> {
  const items = (await api('GET', '/devices')).items as { id: string; appVersion?: string }[];
  const only = items[0];
  if (!only) throw new Error('no device enrolled');
  return only;
}

beforeAll(async () => {
  if (skip) return;
  base = await startBrowserBase('app-update-e2e');
  ({ dir, store, app, browser, url } = base);
});

afterAll(async () => {
  await base?.close();
});

test.skipIf(skip)(
  'a new app version waits for the main screen, then runs',
  { timeout: 240_000 },
  async () => {
    const running = (await readFile(join(DIST, 'index.html'), 'utf8')).match(
      /<meta name="shelfsync-version" content="([^"]+)"/,
    )?.[1];
    expect(running).toBeTruthy();
    const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await enrollAndSignIn(page, { store, url });
    await page.locator('.doc-card', { hasText: 'ПР-0001' }).waitFor(WAIT);

    // The admin publishes 0.2.0 (this build with another label) straight to the terminal's group.
    const build = join(dir, 'build-0.2.0');
    await cp(DIST, build, { recursive: true });
    const index = await readFile(join(build, 'index.html'), 'utf8');
    await writeFile(join(build, 'index.html'), index.replace(`content="${running}"`, 'content="0.2.0"'));
    const { id } = await device();
    await api('PUT', `/devices/${id}/group`, { group: 'pilot' });
    const publish = ['app-version', 'publish', '0.2.0', '--server', url, '--key', API_KEY];
    await cli([...publish, '--min-protocol', '1', '--dir', build, '--group', 'pilot']);

    // A scan in the open document makes the terminal exchange soon after: it hears of 0.2.0 there,
    // and of a new configuration (the receipt type renamed), which waits for the main screen too.
    await page.locator('.doc-card', { hasText: 'ПР-0001' }).click();
    await page.locator('.doc-head').waitFor(WAIT);
    const config = (await api('GET', '/config?format=json')) as {
      documentTypes: { id: string; name: object }[];
      settings: unknown;
    };
    const renamed = config.documentTypes.map((t) =>
      t.id === 'receipt' ? { ...t, name: { ...t.name, en: 'Cold store receipt' } } : t,
    );
    await api('PUT', '/config', { documentTypes: renamed, settings: config.settings });
    await typeScan(page, unitBarcode(1));
    const facts = async () => ((await api('GET', '/documents/RECEIPT-1')).facts as unknown[]).length;
    await expect.poll(facts, POLL).toBe(1);
    await page.waitForTimeout(1500);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('.doc-head').isVisible()).toBe(true);
    expect((await device()).appVersion).toBe(running);
    expect(await page.locator('text=Cold store receipt').count()).toBe(0);

    // Back on the main screen the terminal takes the new version: its page on the base.
    await page.click('.bar-back');
    await page.waitForURL(/\/app\/0\.2\.0\/$/, WAIT);
    await page.locator('.doc-card', { hasText: 'ПР-0001' }).waitFor(WAIT);
    await page.locator('h2', { hasText: 'Cold store receipt' }).waitFor(WAIT);
    await page.click('[aria-label=Settings]');
    await page.locator('text=app 0.2.0').waitFor(WAIT);
    // Same origin, same storage: the scan made under 0.1.0 is still there, and the base hears 0.2.0.
    await page.click('.bar-back');
    const receiptQty = page.locator('.doc-card', { hasText: 'ПР-0001' }).locator('.doc-card-qty');
    await expect.poll(() => receiptQty.textContent(), POLL).toMatch(/^1 \//);
    await page.click('text=Exchange');
    await expect.poll(async () => (await device()).appVersion, POLL).toBe('0.2.0');

    // The new version's own service worker lets it start with no network.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await ctx.setOffline(true);
    await page.reload();
    await page.locator('.doc-card', { hasText: 'ПР-0001' }).waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe('/app/0.2.0/');
    expect(errors).toEqual([]);
    await ctx.close();
  },
);

// A document made on the terminal in the PWA: "New document" on the main screen lists the types
// configured as creatable, a tap opens the new inventory, every scan adds a line (blind count), and
// the finished document reaches the base with origin 'terminal'. Skipped where there is no build or
// no Chromium.
import type { ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  API_KEY,
  type BrowserBase,
  enrollAndSignIn,
  skipBrowserTests,
  startBrowserBase,
  typeScan,
} from './browser-base.js';
import { unitBarcode } from './demo-base.js';

const skip = skipBrowserTests('new-document.e2e.test.ts');
const WAIT = { timeout: 60_000 };
const POLL = { timeout: 60_000, interval: 200 };

let base: BrowserBase | undefined;
let store: ServerStore;
let app: FastifyInstance;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (skip) return;
  base = await startBrowserBase('new-doc-e2e');
  ({ store, app, browser, url } = base);
});

afterAll(async () => {
  await base?.close();
});

test.skipIf(skip)(
  'New document: an inventory made on the terminal reaches the base',
  { timeout: 180_000 },
  async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await enrollAndSignIn(page, { store, url });

    // Only the creatable types are offered (defaults: inventory and move, not receipt).
    await page.click('button:has-text("New document")');
    const choices = page.locator('nav.bottom button');
    await expect
      .poll(() => choices.allTextContents(), POLL)
      .toEqual(['Inventory', 'Move', 'Cancel', 'Product lookup']);
    await page.click('nav.bottom button:has-text("Inventory")');
    await page.locator('.doc-head').waitFor(WAIT);
    await page.locator('text=Nothing scanned yet.').waitFor(WAIT);

    // Blind count: the cell, then products; each new product is a line of its own.
    await typeScan(page, 'CELL-A-01-01');
    await page.locator('.cell-chip', { hasText: 'A-01-01' }).waitFor(WAIT);
    for (const code of [unitBarcode(1), unitBarcode(1), unitBarcode(2)]) await typeScan(page, code);
    await expect.poll(() => page.locator('li.line .line-fact').allTextContents(), POLL).toEqual(['2', '1']);

    await page.click('.bar-finish');
    await page.click('nav.bottom button.btn-primary:has-text("Finish")');
    await page.locator('.doc-card').first().waitFor(WAIT);
    await page.click('text=Exchange');
    const completed = async () => {
      const res = await app.inject({
        url: '/api/v1/documents?status=completed&after=0&limit=100',
        headers: { authorization: `Bearer ${API_KEY}` },
      });
      return (res.json().items as { type: string; origin: string; facts: unknown[] }[]).filter(
        (d) => d.type === 'inventory',
      );
    };
    await expect
      .poll(completed, POLL)
      .toEqual([
        expect.objectContaining({ origin: 'terminal', facts: expect.arrayContaining([expect.anything()]) }),
      ]);
    expect((await completed())[0]?.facts).toHaveLength(3);
    expect(errors).toEqual([]);
    await ctx.close();
  },
);

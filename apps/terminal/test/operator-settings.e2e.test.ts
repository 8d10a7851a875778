// The base's operator settings reach the PWA: a terminal whose browser prefers English starts in the
// base's Russian and with sound off; the operator's own choices on the device then win and survive a
// reload. Skipped where there is no build or no Chromium.
import type { ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  API_KEY,
  type BrowserBase,
  enrollAndSignIn,
  skipBrowserTests,
  startBrowserBase,
} from './browser-base.js';

const skip = skipBrowserTests('operator-settings.e2e.test.ts');
const WAIT = { timeout: 60_000 };
const POLL = { timeout: 60_000, interval: 200 };

let base: BrowserBase | undefined;
let store: ServerStore;
let app: FastifyInstance;
let browser: Browser;
let url: string;

async function api(method: 'GET' | 'PUT', path: string, payload?: unknown) {
  const res = await app.inject({
    method,
    url: `/api/v1${path}`,
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${path} answered ${res.statusCode}: ${res.body}`);
  return res.json() as Record<string, unknown>;
}

beforeAll(async () => {
  if (skip) return;
  base = await startBrowserBase('operator-settings-e2e');
  ({ store, app, browser, url } = base);
});

afterAll(async () => {
  await base?.close();
});

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
/** The Settings screen's sound switch, found by its label in the language on screen. */
const soundSwitch = (page: Page, label: string) =>
  page.locator('label.field-inline', { hasText: label }).locator('input');

test.skipIf(skip)(
  'the base sets language and sound; choices on the device win',
  { timeout: 180_000 },
  async () => {
    const { documentTypes } = await api('GET', '/config?format=json');
    await api('PUT', '/config', { documentTypes, settings: { language: 'ru', sound: false } });

    const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await enrollAndSignIn(page, { store, url });

    // The first exchange brought the configuration: Russian, though the browser prefers English.
    await expect.poll(() => htmlLang(page), POLL).toBe('ru');
    await page.click('[aria-label=Настройки]');
    await soundSwitch(page, 'Звук').waitFor(WAIT);
    expect(await soundSwitch(page, 'Звук').isChecked()).toBe(false);

    // The operator picks English and switches sound on: both stay after a reload.
    await page.selectOption('select', 'en');
    await expect.poll(() => htmlLang(page), POLL).toBe('en');
    await soundSwitch(page, 'Sound').click();
    await expect.poll(() => soundSwitch(page, 'Sound').isChecked(), POLL).toBe(true);
    await page.reload();
    await page.click('[aria-label=Settings]');
    await soundSwitch(page, 'Sound').waitFor(WAIT);
    expect(await soundSwitch(page, 'Sound').isChecked()).toBe(true);
    expect(await htmlLang(page)).toBe('en');
    expect(errors).toEqual([]);
    await ctx.close();
  },
);

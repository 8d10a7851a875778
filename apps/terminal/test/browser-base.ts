// The fixture most browser tests in this folder share: an in-process base with the demo data that
// serves the built PWA, and Debian's Chromium. `missingForBrowserTests()` names what is missing, so
// a test that cannot run says why instead of skipping silently.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createEnrollmentCode, registerTerminalApp, sha256Hex } from '@shelfsync/server';
import { openSqliteServerStore, type ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumMissing, launchChromium } from '../browser/chromium.js';
import { loadDemoBase } from './demo-base.js';

export const DIST = join(import.meta.dirname, '..', 'dist');
export const API_KEY = 'e2e-api-key-0123456789';

/** Why the browser tests cannot run here, or undefined when they can. */
export function missingForBrowserTests(): string | undefined {
  const chromium = chromiumMissing();
  if (chromium) return chromium;
  if (!existsSync(join(DIST, 'index.html'))) return 'the PWA is not built (npm run build:terminal)';
  return undefined;
}

/** Logs the reason once, at collection time, and returns whether to skip. */
export function skipBrowserTests(file: string): boolean {
  const missing = missingForBrowserTests();
  if (missing) console.warn(`${file} skipped: ${missing}`);
  return missing !== undefined;
}

export interface BrowserBase {
  dir: string;
  store: ServerStore;
  app: FastifyInstance;
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

export async function startBrowserBase(name: string): Promise<BrowserBase> {
  const dir = await mkdtemp(join(tmpdir(), `shelfsync-${name}-`));
  const store = await openSqliteServerStore(join(dir, 'base.db'));
  const app = await buildServer({ store, apiKeyHash: sha256Hex(API_KEY), version: '0.0.0-e2e' });
  registerTerminalApp(app, DIST);
  await loadDemoBase(app, API_KEY);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  return {
    dir,
    store,
    app,
    browser,
    url,
    async close() {
      await browser.close();
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A hardware scanner: keys as fast as the browser takes them, then Enter. */
export async function typeScan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

const WAIT = { timeout: 60_000 };
const POLL = { timeout: 60_000, interval: 200 };

/**
 * Opens the app, enrolls by scanning a fresh code, and signs Anna Petrova in with a badge scanned
 * while the PIN field has focus (the scan must win over the field).
 */
export async function enrollAndSignIn(page: Page, base: Pick<BrowserBase, 'store' | 'url'>): Promise<void> {
  await page.goto(base.url);
  await page.waitForSelector('input[type=url]', WAIT);
  await typeScan(page, (await createEnrollmentCode(base.store)).code);
  await page.locator('input[type=password]').waitFor(WAIT);
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('type'));
  await expect.poll(focused, POLL).toBe('password');
  await typeScan(page, 'BADGE-0002');
  await page.waitForSelector('text=Anna Petrova', WAIT);
}

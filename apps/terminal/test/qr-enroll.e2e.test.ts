// Issue 15, QR enrollment in real Chromium: the link the server prints as a QR code
// (`enrollmentLink`, the same function `serve` and `devices enroll-code` use) enrolls the app when a
// 2D scanner types it into the enrollment screen — the server taken from the link, not the field —
// and when a phone camera opens it, with the spent code then gone from the address bar.
import { enrollmentLink } from '@shelfsync/cli/enroll-qr';
import { createEnrollmentCode } from '@shelfsync/server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserBase, skipBrowserTests, startBrowserBase, typeScan } from './browser-base.js';

const skip = skipBrowserTests('qr-enroll.e2e.test.ts');
const WAIT = { timeout: 60_000 };
let base: BrowserBase;

beforeAll(async () => {
  if (skip) return;
  base = await startBrowserBase('qr-enroll');
}, 90_000);

afterAll(async () => {
  if (!skip) await base.close();
});

const enrolled = async () => (await base.store.listDevices()).length;

test.skipIf(skip)(
  'a wedge-typed QR link enrolls the terminal with the server it names',
  async () => {
    const page = await base.browser.newPage();
    try {
      await page.goto(base.url);
      const server = page.locator('input[type=url]');
      await server.waitFor(WAIT);
      await server.fill('http://127.0.0.1:9'); // a wrong address: the link's own must win
      await page.locator('h1, header').first().click(); // focus away from the fields, as after a scan
      const before = await enrolled();
      await typeScan(page, enrollmentLink(base.url, (await createEnrollmentCode(base.store)).code));
      await page.locator('input[type=password]').waitFor(WAIT);
      expect(await enrolled()).toBe(before + 1);
    } finally {
      await page.close();
    }
  },
  120_000,
);

test.skipIf(skip)(
  'a QR link opened by a camera enrolls, and the code leaves the address bar',
  async () => {
    const context = await base.browser.newContext();
    const page = await context.newPage();
    try {
      const before = await enrolled();
      await page.goto(enrollmentLink(base.url, (await createEnrollmentCode(base.store)).code));
      await page.locator('input[type=password]').waitFor(WAIT);
      expect(await enrolled()).toBe(before + 1);
      expect(new URL(page.url()).search).toBe('');
    } finally {
      await context.close();
    }
  },
  120_000,
);

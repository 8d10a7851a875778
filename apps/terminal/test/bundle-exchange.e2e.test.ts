// Issue 6 in the PWA, real Chromium against a real desk answering bundles (`desk --bundles DIR`):
// enroll from an enrollment bundle, write a bundle for the base (a browser download, checked as a
// valid signed bundle), read the desk's answer, then switch on the cable URL and exchange over HTTP
// through it, and see Settings name the URL that answered. The relay's adb moves are covered by
// apps/cli (fake adb); here the test moves the files itself. Skipped with a note without Chromium or a build.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import {
  ENROLLMENT_PARTS,
  parseBundleFileName,
  parseParts,
  readBundle,
  TO_BASE_PARTS,
} from '@shelfsync/bundle';
import { nodeBundleCrypto } from '@shelfsync/bundle/node';
import {
  cli,
  freePort,
  type LongRunning,
  removeDir,
  startLongRunning,
  tempDir,
  waitFor,
} from '@shelfsync/cli/testing';
import { ERRORS } from '@shelfsync/protocol';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromiumMissing, launchChromium } from '../browser/chromium.js';

const DIST = path.join(import.meta.dirname, '..', 'dist');
const missing =
  chromiumMissing() ??
  (existsSync(path.join(DIST, 'index.html')) ? undefined : 'no PWA build (npm run build:terminal)');

let root = '';
let desk: LongRunning | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (missing) return;
  root = tempDir('pwa-bundles');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
  if (root) removeDir(root);
});

const ERROR_MARK = 'Something went wrong';

function waitForFile(dir: string, pattern: RegExp): Promise<string> {
  const find = () => readdirSync(dir).find((f) => pattern.test(f));
  return waitFor(() => find() !== undefined, 60_000).then(() => path.join(dir, find() ?? ''));
}

test('the PWA enrolls by bundle, writes a valid bundle, reads the answer, and exchanges over the cable URL', {
  timeout: 240_000,
}, async (ctx) => {
  if (missing || !browser) {
    console.warn(`bundle-exchange.e2e skipped: ${missing}`);
    ctx.skip(missing);
    return;
  }
  const data = path.join(root, 'desk');
  const shared = path.join(root, 'rdp-shared');
  mkdirSync(shared);
  const port = await freePort();
  desk = await startLongRunning(
    ['desk', '--data', data, '--port', String(port), '--bundles', shared],
    /enrollment code:/,
    { PATH: path.join(root, 'no-adb-here') },
  );
  await cli(['enroll-bundle', '--data', data, '--to', shared, '--name', 'PWA-1']);
  const grantFile = await waitForFile(shared, /-enroll\.to-terminal\.ssb$/);
  const crypto = nodeBundleCrypto;
  const grantBundle = await readBundle(readFileSync(grantFile), crypto, {
    expect: { direction: 'to-terminal' },
    keyFor: async (m) => m.signerKey,
  });
  const grant = parseParts(grantBundle.parts, ENROLLMENT_PARTS).enrollment[0];
  expect(grant).toBeDefined();
  const deviceId = grant?.deviceId ?? '';

  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    locale: 'en-US',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://localhost:${port}/`);

  // Enroll: the enrollment bundle through the file picker; the app opens Settings.
  await page.waitForSelector('input[type=url]', { timeout: 60_000 });
  await page.setInputFiles('[data-testid=bundle-file]', grantFile);
  await page.waitForSelector(`text=/Write bundle for the base|${ERROR_MARK}/`, { timeout: 60_000 });
  expect(await page.locator('.banner-error').count(), await page.content()).toBe(0);
  await page.waitForSelector(`text=Terminal ${deviceId}`);

  // Write: a download named the way the relay and the desk expect, a valid bundle signed by the terminal.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click('text=Write bundle for the base'),
  ]);
  const name = download.suggestedFilename();
  expect(name).toBe(`${deviceId}-000001.to-base.ssb`);
  expect(parseBundleFileName(name)).toEqual({ deviceId, direction: 'to-base', enrollment: false });
  const saved = path.join(root, name);
  await download.saveAs(saved);
  const written = await readBundle(readFileSync(saved), crypto, {
    expect: { direction: 'to-base', deviceId, baseId: grant?.baseId ?? '' },
    keyFor: async () => grant?.deviceKey.publicKey,
  });
  expect(written.manifest).toMatchObject({ kind: 'exchange', sequence: 1 });
  expect(parseParts(written.parts, TO_BASE_PARTS).hello).toHaveLength(1);
  await page.waitForSelector(`text=Saved ${name} to Download`);

  // The relay's part, by hand: into the shared folder; the desk answers beside it.
  copyFileSync(saved, path.join(shared, `.${name}.part`));
  renameSync(path.join(shared, `.${name}.part`), path.join(shared, name));
  const answer = await waitForFile(shared, new RegExp(`^${deviceId}-000001\\.to-terminal\\.ssb$`));

  // Read: the answer through the file picker; the screen says what came in.
  await page.setInputFiles('[data-testid=bundle-file]', answer);
  await page.waitForSelector('text=/Bundle 1 read/', { timeout: 60_000 });
  // The same answer again is refused, in the operator's language, and changes nothing.
  await page.setInputFiles('[data-testid=bundle-file]', answer);
  await page.waitForSelector('.banner-error', { timeout: 60_000 });
  expect(await page.locator('.banner-error').textContent()).toBe(ERRORS.BUNDLE_DUPLICATE.message);

  // Cable: the localhost URL joins the list; an exchange goes through it and Settings names it.
  await page.getByLabel('Port on the PC').fill(String(port));
  await page.getByLabel('Cable (USB) exchange').check();
  await expect.poll(() => page.locator('textarea').inputValue()).toBe(`http://localhost:${port}`);
  await page.waitForSelector('text=Saved.');

  await page.click('.bar-back');
  const cont = page.locator('text=Continue without signing in');
  await cont.waitFor({ timeout: 60_000 });
  await cont.click();
  // Until now exchanges had no URL to go to (enrolled by bundle); this one goes over the cable URL.
  await page.getByRole('button', { name: 'Exchange', exact: true }).click();
  await page.waitForSelector('text=The command line is not valid', { state: 'detached', timeout: 60_000 });
  await page.waitForSelector('text=Everything sent');
  await page.click('[aria-label=Settings]');
  await page.waitForSelector(`text=Last answered: http://localhost:${port}`, { timeout: 30_000 });
  expect(errors).toEqual([]);
  await context.close();
});

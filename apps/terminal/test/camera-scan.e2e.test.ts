// Camera scanning end to end in real Chromium with no native BarcodeDetector: a fake camera shows an
// EAN-13 drawn here, the camera button is there anyway, the ZXing fallback decodes the frame and the
// code goes down the same scan path as a wedge scan, into the document. Skips, saying why, without
// Chromium or a build.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, createEnrollmentCode, registerTerminalApp, sha256Hex } from '@shelfsync/server';
import { openSqliteServerStore, type ServerStore } from '@shelfsync/store';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { chromiumMissing, launchChromium } from '../browser/chromium.js';
import { loadDemoBase, unitBarcode } from './demo-base.js';
import { ean13Modules } from './ean13-modules.js';

const DIST = join(import.meta.dirname, '..', 'dist');
const API_KEY = 'e2e-api-key-0123456789';
const notReady =
  chromiumMissing() ??
  (existsSync(join(DIST, 'index.html')) ? undefined : 'no build: run `npm run build:terminal`');

let dir: string;
let store: ServerStore;
let app: FastifyInstance;
let browser: Browser;
let url: string;

/** One 640×480 frame (YUV 4:2:0) with the EAN-13 black on white, 4 px a module; Chromium loops it. */
function y4mFrame(code: string): Buffer {
  const [w, h, module] = [640, 480, 4];
  const luma = Buffer.alloc(w * h, 235);
  const bits = ean13Modules(code);
  const left = Math.floor((w - bits.length * module) / 2);
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] !== '1') continue;
    for (let y = 120; y < 360; y++) luma.fill(16, y * w + left + i * module, y * w + left + (i + 1) * module);
  }
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

beforeAll(async () => {
  if (notReady) return;
  dir = await mkdtemp(join(tmpdir(), 'shelfsync-camera-e2e-'));
  const video = join(dir, 'camera.y4m');
  await writeFile(video, y4mFrame(unitBarcode(1)));
  store = await openSqliteServerStore(join(dir, 'base.db'));
  app = await buildServer({ store, apiKeyHash: sha256Hex(API_KEY), version: '0.0.0-e2e' });
  registerTerminalApp(app, DIST);
  await loadDemoBase(app, API_KEY);
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

test('a barcode seen by the camera is scanned into the document via the ZXing fallback', {
  timeout: 120_000,
}, async (t) => {
  if (notReady) t.skip(notReady);
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US' });
  await ctx.grantPermissions(['camera'], { origin: url });
  // Force the fallback even on a Chromium that has a native detector.
  await ctx.addInitScript(() => {
    delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
  });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(url);
  await page.waitForSelector('input[type=url]');
  await scan(page, (await createEnrollmentCode(store)).code);
  // Sign-in is not what this test is about: the PIN (a field fill) is immune to key timing when other
  // browser tests share the cores.
  const pin = page.locator('input[type=password]');
  await pin.fill('2222');
  await pin.press('Enter');
  await page.click('text=ПР-0001');
  await page.waitForSelector('.doc-head');

  await page.click('button[aria-label="Camera"]');
  await page.waitForSelector('video.camera');
  await expect.poll(() => page.locator('.line-fact').first().textContent(), { timeout: 60_000 }).toBe('1');
  expect(await page.locator('video.camera').count()).toBe(0); // the overlay closed after the scan
  expect(errors).toEqual([]);
  await ctx.close();
});

// The camera fallback (ZXing in WebAssembly) of the built app in real Chromium, served by our own
// server: it decodes an EAN-13 drawn on a canvas here, a GS1 DataMatrix (GS separators kept) and the
// rendered label from shared/testdata; nothing is fetched from another host; the service worker
// caches the .wasm on first use, so it decodes again offline. Skips, saying why, without Chromium
// or a build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerTerminalApp } from '@shelfsync/server';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import { chromiumMissing, launchChromium } from '../browser/chromium.js';
import { ean13Modules } from './ean13-modules.js';

const DIST = join(import.meta.dirname, '..', 'dist');
const ASSETS = join(DIST, 'assets');
/** shared/ sits beside the checkout (see its README); CI lays a copy there too. */
const LABEL_PNG = fileURLToPath(
  new URL('../../../../shared/testdata/zpl/zebrash/ean13.expected.png', import.meta.url),
);
const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128', 'data_matrix', 'qr_code', 'itf'];
const DRAWN = '4006381333931';
const MARKING = '010460000000000021abc123\x1D93XyZ9';
const ON_FIRST_USE_CACHE = 'shelfsync-on-first-use';

const asset = (pattern: RegExp) =>
  existsSync(ASSETS) ? readdirSync(ASSETS).find((f) => pattern.test(f)) : undefined;
const chunk = asset(/^zxing-detector-.+\.js$/);
const wasm = asset(/^zxing_reader-.+\.wasm$/);
const notReady =
  chromiumMissing() ??
  (!chunk || !wasm ? 'no build with the ZXing chunk: run `npm run build:terminal`' : undefined);

let server: FastifyInstance;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (notReady) return;
  server = Fastify();
  registerTerminalApp(server, DIST);
  origin = await server.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A context that answers any request for another host with a failure, and lists them. */
async function loopbackOnly(ctx: BrowserContext): Promise<string[]> {
  const foreign: string[] = [];
  const host = new URL(origin).host;
  await ctx.route(
    (url) => url.host !== host,
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  return foreign;
}

async function openControlledPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(origin);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
  return page;
}

interface Found {
  rawValue: string;
  format: string;
}
interface Detector {
  detect(source: CanvasImageSource | Blob): Promise<Found[]>;
}
type PageWindow = typeof globalThis & { detector?: Detector };

/** Loads the app's fallback chunk the way the camera does and keeps its detector on the page. */
async function loadFallback(page: Page): Promise<void> {
  // A string, because Vitest rewrites `import()` inside functions it would serialise.
  const [url, formats] = [JSON.stringify(`/assets/${chunk}`), JSON.stringify(FORMATS)];
  await page.evaluate(
    `import(${url}).then(async (m) => { globalThis.detector = await m.createZxingDetector(${formats}); })`,
  );
}

/** Draws the EAN-13 bar by bar (3 px a module, 10-module quiet zones) and decodes the canvas. */
function detectDrawn(page: Page, modules: string): Promise<Found[]> {
  return page.evaluate(async (bits) => {
    const canvas = document.createElement('canvas');
    canvas.width = (bits.length + 20) * 3;
    canvas.height = 150;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#000';
    for (let i = 0; i < bits.length; i++) if (bits[i] === '1') g.fillRect((i + 10) * 3, 15, 3, 120);
    const { detector } = globalThis as PageWindow;
    return (await detector?.detect(canvas)) ?? [];
  }, modules);
}

function detectPng(page: Page, png: Uint8Array): Promise<Found[]> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const { detector } = globalThis as PageWindow;
    return (await detector?.detect(bitmap)) ?? [];
  }, Buffer.from(png).toString('base64'));
}

/** A GS1 DataMatrix made by ZXing's own writer (in Node), so the GS separator is real FNC1. */
async function gs1DataMatrix(): Promise<Uint8Array> {
  const writerWasm = fileURLToPath(import.meta.resolve('zxing-wasm/writer/zxing_writer.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: readFileSync(writerWasm).buffer } });
  const { image, error } = await writeBarcode('(01)04600000000000(21)abc123(93)XyZ9', {
    format: 'DataMatrix',
    options: 'gs1',
    scale: 6,
  });
  if (!image) throw new Error(`DataMatrix not written: ${error}`);
  return new Uint8Array(await image.arrayBuffer());
}

test('the ZXing fallback decodes from our server only, and offline after its first use', {
  timeout: 120_000,
}, async (t) => {
  if (notReady) t.skip(notReady);
  const ctx = await browser.newContext();
  const foreign = await loopbackOnly(ctx);
  const fetched: string[] = [];
  ctx.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const page = await openControlledPage(ctx);

  await loadFallback(page);
  expect(await detectDrawn(page, ean13Modules(DRAWN))).toMatchObject([{ rawValue: DRAWN, format: 'ean_13' }]);
  const marking = await detectPng(page, await gs1DataMatrix());
  expect(marking).toMatchObject([{ rawValue: MARKING, format: 'data_matrix' }]);

  if (existsSync(LABEL_PNG)) {
    const label = (await detectPng(page, readFileSync(LABEL_PNG))).map((f) => f.rawValue);
    // Twelve symbols: four EAN-13s, each drawn normal, rotated, inverted and bottom-up.
    expect(label).toHaveLength(12);
    expect(new Set(label)).toEqual(
      new Set(['1234567890128', '5901234123457', '9780201379341', '5901234123983']),
    );
  } else {
    console.warn(`camera-fallback: ${LABEL_PNG} is absent; the rendered-label case was not run`);
  }

  expect(foreign).toEqual([]);
  expect(fetched).toContain(`/assets/${wasm}`);
  const cached = await page.evaluate(async (name) => {
    const keys = await (await caches.open(name)).keys();
    return keys.map((r) => new URL(r.url).pathname);
  }, ON_FIRST_USE_CACHE);
  expect(cached).toEqual([`/assets/${wasm}`]);

  // A fresh page with no network: the app, the chunk and the .wasm all come from the service worker.
  await ctx.setOffline(true);
  await page.reload();
  await loadFallback(page);
  expect(await detectDrawn(page, ean13Modules('4601234567893'))).toMatchObject([
    { rawValue: '4601234567893' },
  ]);
  expect(foreign).toEqual([]);
  await ctx.close();
});

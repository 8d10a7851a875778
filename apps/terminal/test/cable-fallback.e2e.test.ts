// The USB-cable fallback in the app, in real Chromium: the app is loaded from the server's Wi-Fi
// address, the cable is `http://localhost:PORT` (what `adb reverse` gives a terminal) — another
// origin. Wi-Fi goes away: the next exchange goes over the cable, the app still opens from its
// service worker with its data; Wi-Fi comes back and the cable goes: the exchange moves back.
// Both addresses are loopback proxies in front of one server, so each can be cut on its own.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { createEnrollmentCode } from '@shelfsync/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserBase, skipBrowserTests, startBrowserBase } from './browser-base.js';

const skip = skipBrowserTests('cable-fallback.e2e.test.ts');
const WAIT = { timeout: 60_000 };

/** A TCP proxy to the server that can be cut (every connection dropped) and put back on its port. */
class Link {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  port = 0;

  constructor(
    readonly host: string,
    readonly target: number,
  ) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.#server = server;
  }

  async down(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = undefined;
  }
}

let base: BrowserBase;
let wifi: Link;
let cable: Link;

beforeAll(async () => {
  if (skip) return;
  base = await startBrowserBase('cable');
  const serverPort = Number(new URL(base.url).port);
  // Another loopback address is another origin, as the server's Wi-Fi address is on a terminal.
  wifi = new Link('127.0.0.2', serverPort);
  cable = new Link('127.0.0.1', serverPort);
  await wifi.up();
  await cable.up();
}, 90_000);

afterAll(async () => {
  if (skip) return;
  await wifi.down();
  await cable.down();
  await base.close();
});

async function signIn(page: Page): Promise<void> {
  await page.locator('input[type=password]').fill('1111');
  await page.locator('input[type=password]').press('Enter');
  await page.waitForSelector('text=Иванов Иван', WAIT);
}

async function exchangeThrough(page: Page, url: string): Promise<void> {
  // The event: an answer from that address to a device call made after the click.
  const answered = page.waitForResponse(
    (r) => r.url().startsWith(`${url}/device/v1/`) && r.status() === 200,
    WAIT,
  );
  await page.getByRole('button', { name: 'Exchange', exact: true }).click();
  await answered;
  await page.getByRole('button', { name: 'Exchange', exact: true }).waitFor(WAIT);
  await page.waitForSelector('text=Everything sent', WAIT);
  await page.click('[aria-label=Settings]');
  await page.waitForSelector(`text=Last answered: ${url}`, WAIT);
  await page.click('.bar-back');
}

test.skipIf(skip)(
  'the app served over Wi-Fi exchanges over the cable when Wi-Fi is gone, and back',
  {
    timeout: 240_000,
  },
  async () => {
    const context = await base.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const failedFetches: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /CORS|Failed to fetch/i.test(m.text())) failedFetches.push(m.text());
    });
    const wifiUrl = `http://127.0.0.2:${wifi.port}`;
    const cableUrl = `http://localhost:${cable.port}`;

    // Typed by hand (this test is about addresses, not scanner timing on a loaded machine).
    await page.goto(`${wifiUrl}/`);
    await page.locator('input.input-big').fill((await createEnrollmentCode(base.store)).code);
    await page.getByRole('button', { name: 'Connect' }).click();
    await signIn(page);
    await page.waitForSelector('text=ПР-0001', WAIT);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    // The cable joins the list after the Wi-Fi address.
    await page.click('[aria-label=Settings]');
    await page.getByLabel('Port on the PC').fill(String(cable.port));
    await page.getByLabel('Cable (USB) exchange').check();
    await expect.poll(() => page.locator('textarea').inputValue(), WAIT).toBe(`${wifiUrl}\n${cableUrl}`);
    await page.waitForSelector('text=Saved.', WAIT);
    await page.click('.bar-back');
    await exchangeThrough(page, wifiUrl);

    // Wi-Fi gone: the exchange goes over the cable, from the Wi-Fi origin's page.
    await wifi.down();
    await exchangeThrough(page, cableUrl);
    // The app still opens (service worker) with its documents, and keeps using the cable.
    await page.reload();
    const pin = page.locator('input[type=password]');
    await pin.or(page.locator('text=ПР-0001')).first().waitFor(WAIT);
    if (await pin.isVisible()) await signIn(page);
    await page.waitForSelector('text=ПР-0001', WAIT);
    await exchangeThrough(page, cableUrl);

    // Wi-Fi back, cable pulled: the exchange moves back to Wi-Fi.
    await wifi.up();
    await cable.down();
    await exchangeThrough(page, wifiUrl);
    expect(failedFetches).toEqual([]);
    await context.close();
  },
);

// Runs Vitest-style suites inside headless Chromium with an on-disk profile: bundles an entry whose
// `vitest` import is the in-page shim, then lets Node's Vitest run each case by name, so a browser
// failure shows up as that case failing in the ordinary test report.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchProfile } from './chromium.js';
import { serveBundle } from './serve-bundle.js';

export interface BrowserSuite {
  names: string[];
  /** Runs one case in the page; resolves to its failure message, or undefined when it passed. */
  run(name: string): Promise<string | undefined>;
  close(): Promise<void>;
}

interface InPage {
  browserTests: { list(): string[]; run(name: string): Promise<string | undefined> };
}

const SHIM = fileURLToPath(new URL('./browser-vitest.ts', import.meta.url));

/**
 * `entry` is module source that imports suites (by absolute path) and ends by handing the shim's
 * `listTests` and `runTest` to `globalThis.browserTests`; see idb-terminal-store.browser.test.ts.
 */
export async function startBrowserSuite(entry: string): Promise<BrowserSuite> {
  const dir = await mkdtemp(join(tmpdir(), 'shelfsync-browser-suite-'));
  const entryFile = join(dir, 'entry.ts');
  await writeFile(entryFile, entry);
  const server = await serveBundle({
    entries: { 'main.js': entryFile },
    title: 'Shelfsync browser suite',
    alias: { vitest: SHIM },
  });
  const context = await launchProfile(join(dir, 'profile'));
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page
    .waitForFunction(() => 'browserTests' in globalThis, undefined, { timeout: 20_000 })
    .catch(() => {
      throw new Error(`the test page did not start: ${pageErrors.join('; ') || 'no error reported'}`);
    });
  const names = await page.evaluate(() => (globalThis as unknown as InPage).browserTests.list());
  return {
    names,
    run: (name) => page.evaluate((n) => (globalThis as unknown as InPage).browserTests.run(n), name),
    async close() {
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Absolute path of a module next to the caller, for use inside an entry's import statements. */
export const modulePath = (relative: string, base: string): string => fileURLToPath(new URL(relative, base));

// Node side of the terminal storage benchmark: one fresh on-disk Chromium profile per layout, load,
// look up, measure the profile, reload, reopen. Figures come back for the caller to print.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchProfile } from '../../browser/chromium.js';
import { serveBundle } from '../../browser/serve-bundle.js';
import type { LayoutName } from '../page/bench-layout.js';
import type { LoadResult, LookupResult, ShelfsyncBench } from '../page/storage-bench-page.js';
import { diskBytes } from './disk-bytes.js';

export interface LayoutRun {
  layout: LayoutName;
  products: number;
}

export interface StorageBenchOptions {
  runs: LayoutRun[];
  pageSize: number;
  hits: number;
  misses: number;
  log(line: string): void;
}

export interface LayoutFigures extends LayoutRun {
  load: LoadResult;
  generateMs: number;
  lookup: LookupResult;
  /** Rewriting 1,000 existing rows as one page, then getting ready again; IndexedDB layouts only. */
  deltaMs: number | undefined;
  /** listRows('products', { limit: 50 }) on IdbTerminalStore only. */
  listMs: number | undefined;
  /** The same lookups again after a reload, once the load's background work has settled. */
  lookupAfterReopen: LookupResult;
  profileBytes: number;
  estimateBytes: number;
  reopenOpenMs: number;
  reopenFirstLookupMs: number;
}

const page = (name: string): string => fileURLToPath(new URL(`../page/${name}`, import.meta.url));

type Bench = { shelfsyncBench: ShelfsyncBench };

async function ready(tab: Page, url: string): Promise<void> {
  await tab.goto(url);
  await tab.waitForFunction(() => 'shelfsyncBench' in globalThis);
}

async function runOne(run: LayoutRun, url: string, opts: StorageBenchOptions): Promise<LayoutFigures> {
  const dir = await mkdtemp(join(tmpdir(), `shelfsync-bench-${run.layout}-`));
  let context = await launchProfile(dir);
  try {
    let tab = context.pages()[0] ?? (await context.newPage());
    await ready(tab, url);
    const { products, layout } = run;
    const { pageSize, hits, misses } = opts;
    const generateMs = await tab.evaluate(
      ([n, size]) => (globalThis as unknown as Bench).shelfsyncBench.generateOnly(n, size),
      [products, pageSize] as const,
    );
    // Close and reopen so the baseline holds whatever Chromium writes for an empty profile.
    await context.close();
    const before = await diskBytes(dir);
    context = await launchProfile(dir);
    tab = context.pages()[0] ?? (await context.newPage());
    tab.on('pageerror', (e) => opts.log(`page error: ${e.message}`));
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') opts.log(`console ${m.type()}: ${m.text()}`);
    });
    await ready(tab, url);
    opts.log(`${layout}: loading ${products.toLocaleString('en-US')} products in pages of ${pageSize}…`);
    const load = await tab.evaluate(
      ([l, n, size]) => (globalThis as unknown as Bench).shelfsyncBench.load(l, n, size),
      [layout, products, pageSize] as const,
    );
    opts.log(`${layout}: loaded in ${(load.ms / 1000).toFixed(1)} s; looking up…`);
    const lookup = await tab.evaluate(
      ([n, h, m]) => (globalThis as unknown as Bench).shelfsyncBench.lookups(n, h, m),
      [products, hits, misses] as const,
    );
    // SQLite's bench schema inserts rather than upserts, so only the IndexedDB layouts take a delta.
    const deltaMs =
      layout.endsWith('-idb') || layout === 'idb-store'
        ? await tab.evaluate((n) => (globalThis as unknown as Bench).shelfsyncBench.delta(n), 1_000)
        : undefined;
    const listMs = await tab.evaluate(() => (globalThis as unknown as Bench).shelfsyncBench.listPage());
    const estimateBytes = await tab.evaluate(() =>
      (globalThis as unknown as Bench).shelfsyncBench.estimate(),
    );
    await tab.evaluate(() => (globalThis as unknown as Bench).shelfsyncBench.close());
    await tab.reload();
    await tab.waitForFunction(() => 'shelfsyncBench' in globalThis);
    const reopen = await tab.evaluate(
      ([l, n]) => (globalThis as unknown as Bench).shelfsyncBench.reopen(l, n),
      [layout, products] as const,
    );
    const lookupAfterReopen = await tab.evaluate(
      ([n, h, m]) => (globalThis as unknown as Bench).shelfsyncBench.lookups(n, h, m),
      [products, hits, misses] as const,
    );
    await context.close();
    const after = await diskBytes(dir);
    return {
      ...run,
      load,
      generateMs,
      lookup,
      deltaMs,
      listMs,
      lookupAfterReopen,
      profileBytes: after - before,
      estimateBytes,
      reopenOpenMs: reopen.openMs,
      reopenFirstLookupMs: reopen.firstLookupMs,
    };
  } finally {
    await context.close().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

export interface LayoutFailure extends LayoutRun {
  error: string;
}

/** Runs each layout in turn; a layout that fails is reported as such and the others still run. */
export async function runStorageBench(opts: StorageBenchOptions): Promise<(LayoutFigures | LayoutFailure)[]> {
  const server = await serveBundle({
    entries: { 'main.js': page('storage-bench-page.ts'), 'sqlite-worker.js': page('sqlite-worker.ts') },
    title: 'Shelfsync storage bench',
  });
  try {
    const out: (LayoutFigures | LayoutFailure)[] = [];
    for (const run of opts.runs) {
      out.push(await runOne(run, server.url, opts).catch((e: unknown) => ({ ...run, error: String(e) })));
    }
    return out;
  } finally {
    await server.close();
  }
}

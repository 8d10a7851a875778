// Page side of the terminal storage benchmark: the Node runner calls window.shelfsyncBench through
// Playwright; every figure is taken here with performance.now() so transport to Node is not counted.
import type { BenchLayout, LayoutName } from './bench-layout.js';
import { ChunkedIdbLayout } from './chunked-idb-layout.js';
import { barcodesOf, missingBarcode, product, productPage } from './generate-products.js';
import { IdbStoreLayout } from './idb-store-layout.js';
import { NaiveIdbLayout } from './naive-idb-layout.js';
import { SqliteOpfsLayout } from './sqlite-opfs-layout.js';

export interface LoadResult {
  ms: number;
  finishMs: number;
  pages: number;
  /** Page-by-page elapsed milliseconds every tenth of the load, to show whether it slows down. */
  progress: number[];
}

export interface LookupResult {
  hitP50: number;
  hitP99: number;
  hitMax: number;
  missP50: number;
  missP99: number;
  wrong: number;
}

let layout: BenchLayout | undefined;

function makeLayout(name: LayoutName): BenchLayout {
  if (name === 'naive-idb') return new NaiveIdbLayout();
  if (name === 'chunked-idb') return new ChunkedIdbLayout();
  if (name === 'idb-store') return new IdbStoreLayout();
  return new SqliteOpfsLayout(name === 'sqlite-opfs-deferred');
}

/** mulberry32: seeded so every layout is asked the same barcodes. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

async function open(name: LayoutName): Promise<number> {
  const t0 = performance.now();
  layout = makeLayout(name);
  await layout.open();
  return performance.now() - t0;
}

async function load(name: LayoutName, products: number, pageSize: number): Promise<LoadResult> {
  const t0 = performance.now();
  await open(name);
  const progress: number[] = [];
  let pages = 0;
  for (let from = 0; from < products; from += pageSize) {
    await layout!.writePage(from, Math.min(products, from + pageSize));
    pages++;
    if (Math.floor((pages * pageSize * 10) / products) > progress.length)
      progress.push(performance.now() - t0);
  }
  const t1 = performance.now();
  await layout!.finish();
  const t2 = performance.now();
  return { ms: t2 - t0, finishMs: t2 - t1, pages, progress };
}

async function lookups(products: number, hits: number, misses: number): Promise<LookupResult> {
  const next = random(42);
  const hitTimes: number[] = [];
  let wrong = 0;
  for (let k = 0; k < hits; k++) {
    const i = Math.floor(next() * products);
    const codes = barcodesOf(i);
    const code = codes[Math.floor(next() * codes.length)]!;
    const t0 = performance.now();
    const row = await layout!.lookup(code);
    hitTimes.push(performance.now() - t0);
    if (row?.id !== product(i).id) wrong++;
  }
  const missTimes: number[] = [];
  for (let k = 0; k < misses; k++) {
    const t0 = performance.now();
    const row = await layout!.lookup(missingBarcode(k));
    missTimes.push(performance.now() - t0);
    if (row !== undefined) wrong++;
  }
  hitTimes.sort((a, b) => a - b);
  missTimes.sort((a, b) => a - b);
  return {
    hitP50: percentile(hitTimes, 50),
    hitP99: percentile(hitTimes, 99),
    hitMax: hitTimes.at(-1) ?? Number.NaN,
    missP50: percentile(missTimes, 50),
    missP99: percentile(missTimes, 99),
    wrong,
  };
}

/** A day's delta: rows [0, count) written again as one page, then made ready like a first load. */
async function delta(count: number): Promise<number> {
  const t0 = performance.now();
  await layout!.writePage(0, count);
  await layout!.finish();
  return performance.now() - t0;
}

/** listRows on the store (hashed ids, so it sorts them all); undefined for the other layouts. */
async function listPage(): Promise<number | undefined> {
  if (!(layout instanceof IdbStoreLayout)) return undefined;
  const t0 = performance.now();
  await layout.listFirstPage();
  return performance.now() - t0;
}

/** After a reload: open the store and answer the first scan. */
async function reopen(
  name: LayoutName,
  products: number,
): Promise<{ openMs: number; firstLookupMs: number }> {
  const openMs = await open(name);
  const t0 = performance.now();
  const row = await layout!.lookup(barcodesOf(products - 1)[0]!);
  if (row?.id !== product(products - 1).id) throw new Error('reopened store lost the last product');
  return { openMs, firstLookupMs: performance.now() - t0 };
}

/** Cost of making the rows alone, to tell storage time from generation time. */
function generateOnly(products: number, pageSize: number): number {
  const t0 = performance.now();
  let bytes = 0;
  for (let from = 0; from < products; from += pageSize) {
    for (const row of productPage(from, Math.min(products, from + pageSize)))
      bytes += JSON.stringify(row).length;
  }
  return bytes > 0 ? performance.now() - t0 : 0;
}

async function estimate(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

const api = { load, lookups, delta, listPage, reopen, generateOnly, estimate, close: () => layout?.close() };
export type ShelfsyncBench = typeof api;
(globalThis as unknown as { shelfsyncBench: ShelfsyncBench }).shelfsyncBench = api;

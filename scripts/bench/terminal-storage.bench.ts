// Terminal storage: IndexedDB (record per row; the compact chunked layout bare and inside
// IdbTerminalStore) against SQLite-WASM on OPFS, loading a synthetic catalog into headless Chromium with an on-disk profile. See
// docs/terminal-storage.md. SHELFSYNC_BENCH_PRODUCTS sets N (default 1,000,000); the naive layout is
// capped at SHELFSYNC_BENCH_NAIVE_PRODUCTS (default 100,000) and extrapolated, because it is slow.

import os from 'node:os';
import { type LayoutRun, runStorageBench } from '@shelfsync/terminal/bench';
import { chromiumMissing } from '@shelfsync/terminal/testing';
import { report } from './report.js';

const int = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

export default async function terminalStorageBench(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const products = int('SHELFSYNC_BENCH_PRODUCTS', 1_000_000);
  const naive = Math.min(products, int('SHELFSYNC_BENCH_NAIVE_PRODUCTS', 100_000));
  const pageSize = int('SHELFSYNC_BENCH_PAGE_SIZE', 5_000);
  const only = process.env['SHELFSYNC_BENCH_LAYOUTS']?.split(',');
  const runs: LayoutRun[] = [
    { layout: 'naive-idb', products: naive },
    { layout: 'chunked-idb', products },
    { layout: 'idb-store', products },
    { layout: 'sqlite-opfs', products },
    { layout: 'sqlite-opfs-deferred', products },
  ];
  // Other work on the machine moves these figures a lot (2 cores): print how busy it was.
  const load = (): string =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`  load average before: ${load()}`);
  const figures = await runStorageBench({
    runs: runs.filter((r) => !only || only.includes(r.layout)),
    pageSize,
    hits: 10_000,
    misses: 1_000,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`  load average after: ${load()}`);
  for (const f of figures) {
    const note = `${f.layout}, ${f.products.toLocaleString('en-US')} products, pages of ${pageSize}`;
    if ('error' in f) {
      console.log(`- ${note}: FAILED: ${f.error.split('\n')[0]}`);
      continue;
    }
    const barcodes = f.products * 1.5;
    report(
      `${note}: ready to scan`,
      f.load.ms / 1000,
      's',
      `finish ${(f.load.finishMs / 1000).toFixed(1)} s`,
    );
    report(`${note}: load rate`, f.products / (f.load.ms / 1000), 'rows/s', `${barcodes} barcodes`);
    if (f.products < products) {
      report(
        `${note}: extrapolated to ${products.toLocaleString('en-US')}`,
        ((products / f.products) * f.load.ms) / 1000,
        's',
        'linear',
      );
    }
    console.log(
      `  ${note}: elapsed at each tenth: ${f.load.progress.map((ms) => (ms / 1000).toFixed(1)).join(' ')} s`,
    );
    report(`${note}: row generation alone`, f.generateMs / 1000, 's', 'included in ready to scan');
    for (const [when, l] of [
      ['after load', f.lookup],
      ['after reload', f.lookupAfterReopen],
    ] as const) {
      report(
        `${note}: lookup ${when} hit p50`,
        l.hitP50,
        'ms',
        `p99 ${l.hitP99.toFixed(2)} ms, max ${l.hitMax.toFixed(1)} ms`,
      );
      report(`${note}: lookup ${when} hit p99`, l.hitP99, 'ms');
      report(`${note}: lookup ${when} miss p50`, l.missP50, 'ms', `p99 ${l.missP99.toFixed(2)} ms`);
      report(`${note}: lookup ${when} wrong answers`, l.wrong, '', 'must be 0');
    }
    if (f.deltaMs !== undefined) report(`${note}: delta of 1,000 changed rows, ready again`, f.deltaMs, 'ms');
    if (f.listMs !== undefined) report(`${note}: listRows of the first 50 products by id`, f.listMs, 'ms');
    report(`${note}: profile growth on disk`, f.profileBytes / 2 ** 20, 'MiB');
    report(`${note}: navigator.storage.estimate() usage`, f.estimateBytes / 2 ** 20, 'MiB');
    report(
      `${note}: reopen after reload`,
      f.reopenOpenMs,
      'ms',
      `first lookup ${f.reopenFirstLookupMs.toFixed(1)} ms`,
    );
  }
}

// Child process of import.bench.ts: imports a CommerceML file into a fresh SQLite store the way the
// exchange folder does, alone in its process so its peak RSS is the import's and not the parse
// benchmark's. Prints one JSON line: {products, seconds, peakRss}.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '@shelfsync/server';
import { openSqliteServerStore } from '@shelfsync/store';
import { trackPeakRss } from './report.js';

const file = process.argv[2] ?? '';
const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfsync-import-bench-'));
const store = await openSqliteServerStore(path.join(dir, 'bench.db'));
const rss = trackPeakRss();
try {
  const t0 = performance.now();
  const summary = await importFile(file, { store });
  const seconds = (performance.now() - t0) / 1000;
  const peakRss = rss.peak();
  console.log(JSON.stringify({ products: summary.created, seconds, peakRss }));
} finally {
  rss.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

// The exchange folder connector: polls DIR/in/ for complete files and imports each, then writes
// completed documents to DIR/out/. Started by `shelfsync serve --exchange DIR` and by desk mode.
import path from 'node:path';
import type { ServerStore } from '@shelfsync/store';
import { removeTempFiles } from './durable-write.js';
import { exportCompleted } from './export-completed.js';
import type { ExportFormat } from './export-format.js';
import { importFile } from './import-file.js';
import { describeSummary } from './import-summary.js';
import {
  archiveInput,
  type ExchangeLayout,
  ensureLayout,
  exchangeLayout,
  rejectInput,
} from './input-disposal.js';
import { DOCUMENTS_RANK, importRank } from './input-kind.js';
import { type InputSnapshot, type ReadyScan, scanInput } from './input-readiness.js';

export const DEFAULT_POLL_MS = 1000;

export interface ExchangeFolderOptions {
  dir: string;
  store: ServerStore;
  /** Format of the files in out/; default json. */
  format?: ExportFormat;
  /** Interval between polls; a file without a marker is taken at the second poll that sees it unchanged. */
  pollMs?: number;
  now?: () => Date;
  /** One line per imported, rejected or exported file. */
  log?: (line: string) => void;
}

export interface ExchangeFolder {
  /** Finishes the file in hand, then stops polling. */
  stop(): Promise<void>;
  /** Runs one poll now and waits for it (tests and tools). */
  poll(): Promise<void>;
}

type Log = (line: string) => void;

async function importOne(
  layout: ExchangeLayout,
  name: string,
  opts: { store: ServerStore; now: () => Date; log: Log },
): Promise<void> {
  try {
    const summary = await importFile(path.join(layout.in, name), { store: opts.store, now: opts.now });
    await archiveInput(layout, name, summary, opts.now());
    opts.log(`exchange: imported ${name}: ${describeSummary(summary)}`);
  } catch (error) {
    await rejectInput(layout, name, error, opts.now());
    opts.log(`exchange: rejected ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Files to import now, catalogs first; documents wait while a catalog file is still arriving. */
function importOrder(scan: ReadyScan): string[] {
  const catalogPending = scan.pending.some((name) => importRank(name) < DOCUMENTS_RANK);
  return scan.ready
    .filter((name) => !catalogPending || importRank(name) < DOCUMENTS_RANK)
    .sort((a, b) => importRank(a) - importRank(b) || a.localeCompare(b));
}

/** Runs `task` now and again `ms` after each run ends; runs never overlap, failures are logged. */
function repeat(task: () => Promise<void>, ms: number, log: Log): ExchangeFolder {
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const poll = (): Promise<void> => {
    running = running.then(task).catch((e: unknown) => {
      // A vanished folder or a locked file: report and try again at the next poll.
      log(`exchange: poll failed: ${e instanceof Error ? e.message : String(e)}`);
    });
    return running;
  };
  const schedule = () => {
    if (!stopped) timer = setTimeout(() => void poll().then(schedule), ms);
  };
  // The first run starts now but is not awaited: a large file waiting in in/ must not hold up
  // the server's start.
  void poll().then(schedule);
  return {
    poll,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export async function startExchangeFolder(opts: ExchangeFolderOptions): Promise<ExchangeFolder> {
  const layout = exchangeLayout(path.resolve(opts.dir));
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const { store } = opts;
  await ensureLayout(layout);
  const cleaned = await removeTempFiles(layout.out);
  if (cleaned > 0) log(`exchange: removed ${cleaned} unfinished file(s) from out/`);

  let snapshot: InputSnapshot = new Map();
  const pollOnce = async () => {
    const scan = await scanInput(layout.in, snapshot);
    snapshot = scan.snapshot;
    for (const name of importOrder(scan)) await importOne(layout, name, { store, now, log });
    const format = opts.format ?? 'json';
    for (const name of await exportCompleted({ outDir: layout.out, store, format, now })) {
      log(`exchange: exported ${name}`);
    }
  };
  return repeat(pollOnce, opts.pollMs ?? DEFAULT_POLL_MS, log);
}

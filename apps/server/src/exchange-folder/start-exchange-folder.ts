// The exchange folder connector: polls DIR/in/ for complete files and imports each, then writes
// completed documents to DIR/out/. Started by `shelfsync serve --exchange DIR` and by desk mode.
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
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
  moveAside,
  rejectInput,
} from './input-disposal.js';
import { DOCUMENTS_RANK, importRank, inputKind } from './input-kind.js';
import { emptySnapshot, type InputSnapshot, type ReadyScan, scanInput } from './input-readiness.js';
import { type OpenedInput, openInput } from './opened-input.js';

export const DEFAULT_POLL_MS = 1000;
/** Quiet time of a file without a marker; see defaultSettleMs. */
export const DEFAULT_SETTLE_MS = 5000;

/** A file without a marker must stay unchanged this long: 5 s, and at least two poll intervals. */
export const defaultSettleMs = (pollMs: number): number => Math.max(DEFAULT_SETTLE_MS, 2 * pollMs);

export interface ExchangeFolderOptions {
  dir: string;
  store: ServerStore;
  /** Format of the files in out/; default json. */
  format?: ExportFormat;
  /** Interval between polls. */
  pollMs?: number;
  /**
   * How long a file without a `.ready` marker must stay the same size and mtime before it is taken
   * (and over two polls at least); default defaultSettleMs(pollMs). 0: at the second poll.
   */
  settleMs?: number;
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
  const file = path.join(layout.in, name);
  let input: OpenedInput | undefined;
  try {
    inputKind(name); // a name that says nothing is refused without opening the file
    input = await openInput(file, name);
    const opened = input;
    const summary = await importFile(file, { store: opts.store, now: opts.now, read: () => opened.read() });
    try {
      await opened.checkUnchanged();
    } catch (e) {
      // Stored already (the check inside the import passed): say so loudly, never silently.
      summary.warningCount++;
      const reason = e instanceof Error ? e.message : String(e);
      summary.warnings.push(
        `WARNING: the file changed right after its import was stored (${reason.replace(/ while .*$/, '')}); compare the archived file with its source`,
      );
      opts.log(`exchange: WARNING ${name} changed right after its import was stored; check it`);
    }
    await input.close();
    input = undefined;
    await archiveInput(layout, name, summary, opts.now());
    opts.log(`exchange: imported ${name}: ${describeSummary(summary)}`);
  } catch (error) {
    await input?.close();
    if (isMissing(error)) return; // taken away between the scan and the open: nothing to report
    await rejectInput(layout, name, error, opts.now());
    opts.log(`exchange: rejected ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** Moves a link, FIFO, folder… or a stray marker to error/ with its report, never opening it. */
async function setAside(
  layout: ExchangeLayout,
  name: string,
  error: ShelfsyncError,
  opts: { now: () => Date; log: Log; reported: Set<string> },
): Promise<void> {
  try {
    await moveAside(layout, name, error, opts.now());
    opts.log(`exchange: moved ${name} to error/: ${error.message}`);
  } catch (e) {
    if (isMissing(e)) return;
    // Cannot be moved (permissions): report it once, not at every poll.
    if (opts.reported.has(name)) return;
    opts.reported.add(name);
    opts.log(
      `exchange: ${name} left in in/: ${error.message} (cannot move it: ${e instanceof Error ? e.message : e})`,
    );
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

  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  const settleMs = opts.settleMs ?? defaultSettleMs(pollMs);
  const reported = new Set<string>();
  let snapshot: InputSnapshot = emptySnapshot();
  const pollOnce = async () => {
    const scan = await scanInput(layout.in, snapshot, { settleMs });
    snapshot = scan.snapshot;
    for (const { name, kind } of scan.strange) {
      const error = new ShelfsyncError(
        'IMPORT_NOT_A_FILE',
        `${name} is a ${kind}, not a plain file; it was not opened.`,
        {
          file: name,
          kind,
        },
      );
      await setAside(layout, name, error, { now, log, reported });
    }
    for (const name of scan.strayMarkers) {
      const file = name.slice(0, -'.ready'.length);
      const error = new ShelfsyncError(
        'IMPORT_STRAY_MARKER',
        `${name} marks ${file}, which is not in in/; the marker was set aside.`,
        { file: name, missing: file },
      );
      await setAside(layout, name, error, { now, log, reported });
    }
    for (const name of importOrder(scan)) await importOne(layout, name, { store, now, log });
    const format = opts.format ?? 'json';
    for (const name of await exportCompleted({ outDir: layout.out, store, format, now })) {
      log(`exchange: exported ${name}`);
    }
  };
  return repeat(pollOnce, pollMs, log);
}

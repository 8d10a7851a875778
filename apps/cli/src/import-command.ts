// `shelfsync import FILE…`: loads exchange files (catalogs, documents, CommerceML) into a running
// base over its REST API, or straight into a data directory's store, one summary line per file.
import { access, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import {
  describeSummary,
  type ImportSummary,
  importedAnything,
  importFile,
  inputKind,
  warningReport,
} from '@shelfsync/server';
import { backupSqliteStore, openSqliteServerStore, type ServerStore } from '@shelfsync/store';
import type { Command } from 'commander';
import { importOverRest, requireServerKey } from './import-rest.js';

interface ImportOptions {
  server?: string;
  key?: string;
  data?: string;
  dryRun?: boolean;
}

type ImportOne = (file: string, onProgress: (bytes: number) => void) => Promise<ImportSummary>;

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import catalog, document or CommerceML files (named as in the exchange folder)')
    .argument('<file...>', 'products.ndjson, products.csv, documents.json, import.xml, offers.xml…')
    .option('--server <url>', 'a running server to send the files to (REST API)')
    .option('--key <key>', 'the server’s integration API key (default: SHELFSYNC_API_KEY)')
    .option('--data <dir>', 'a data directory to import into directly (no server needed)')
    .option(
      '--dry-run',
      'with --data: import into a throwaway copy of the store and report what would change',
    )
    .action(async (files: string[], opts: ImportOptions) => runImport(files, opts));
}

const MiB = 1024 * 1024;

/** A progress bar on stderr when it is a terminal: bytes read of the file's size. */
function progressBar(name: string, size: number): { update(bytes: number): void; clear(): void } {
  if (!process.stderr.isTTY || size === 0) return { update: () => {}, clear: () => {} };
  let last = 0;
  return {
    update(bytes) {
      const now = Date.now();
      if (now - last < 100 && bytes < size) return;
      last = now;
      const done = Math.min(1, bytes / size);
      const bar = '#'.repeat(Math.round(done * 30)).padEnd(30, '-');
      const sizes = `${(bytes / MiB).toFixed(1)}/${(size / MiB).toFixed(1)} MiB`;
      process.stderr.write(`\r${name} [${bar}] ${Math.round(done * 100)}% ${sizes}`);
    },
    clear: () => process.stderr.write('\r\x1b[K'),
  };
}

function failureLine(error: unknown): string {
  if (!(error instanceof ShelfsyncError))
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  const where = ['line', 'index', 'column']
    .filter((k) => error.details?.[k] !== undefined)
    .map((k) => `${k} ${String(error.details?.[k])}`);
  return `failed: ${error.code}: ${error.message}${where.length ? ` (${where.join(', ')})` : ''}`;
}

/**
 * A file that is not empty but from which nothing was stored: every row skipped (a CommerceML
 * offers file naming only unknown products), or no rows at all (`[]`, blank lines). A CommerceML
 * file without warnings may hold only what is not counted (warehouses, a classifier) and passes.
 */
function nothingImported(file: string, size: number, s: ImportSummary): ShelfsyncError | undefined {
  if (size === 0 || importedAnything(s)) return undefined;
  if (s.warningCount === 0 && inputKind(path.basename(file)).kind === 'commerceml') return undefined;
  const why = s.warningCount > 0 ? `all skipped, ${s.warningCount} warning(s)` : 'no rows in it';
  return new ShelfsyncError('IMPORT_NOTHING_IMPORTED', `Nothing was imported (${why}).`, {
    file: path.basename(file),
    warnings: s.warningCount,
  });
}

async function importEach(files: string[], importOne: ImportOne): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const name = path.basename(file);
    const size = await stat(file).then(
      (s) => s.size,
      () => 0,
    );
    const bar = progressBar(name, size);
    try {
      const summary = await importOne(file, (bytes) => bar.update(bytes));
      bar.clear();
      const empty = nothingImported(file, size, summary);
      if (empty) failed++;
      const head = empty ? failureLine(empty) : describeSummary(summary);
      const lines = [`${name}: ${head}`, ...warningReport(name, summary)];
      process.stdout.write(`${lines.join('\n')}\n`);
    } catch (error) {
      bar.clear();
      failed++;
      process.stdout.write(`${name}: ${failureLine(error)}\n`);
    }
  }
  return failed;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * `--dry-run`: the files are imported, in order and exactly as a real run would, into a copy of
 * the data directory's store (SQLite's backup API: a consistent snapshot, also while a server
 * writes it) in a temporary folder, which is then deleted. The data directory is never written.
 */
async function importIntoDryRunCopy(dataDir: string, files: string[]): Promise<number> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'shelfsync-dry-run-'));
  try {
    const source = path.join(dataDir, 'shelfsync.db');
    const copy = path.join(scratch, 'shelfsync.db');
    if (await exists(source)) await backupSqliteStore(source, copy);
    const store = await openSqliteServerStore(copy);
    try {
      return await importEach(files, (file, onProgress) =>
        importFile(file, { store, onProgress, scratchDir: scratch }),
      );
    } finally {
      await store.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function runImport(files: string[], opts: ImportOptions): Promise<void> {
  if ((opts.server === undefined) === (opts.data === undefined)) {
    throw new ShelfsyncError('CLI_USAGE', 'Give either --server URL (with --key) or --data DIR.');
  }
  if (opts.dryRun && opts.server !== undefined) {
    throw new ShelfsyncError(
      'CLI_USAGE',
      '--dry-run works with --data DIR only (it imports into a throwaway copy of that store); the REST API has no dry run.',
    );
  }
  let failed: number;
  if (opts.server !== undefined) {
    const api = { url: opts.server, key: requireServerKey(opts.key) };
    failed = await importEach(files, (file, onProgress) =>
      importOverRest(file, path.basename(file), api, onProgress),
    );
  } else if (opts.dryRun) {
    failed = await importIntoDryRunCopy(path.resolve(opts.data ?? ''), files);
    process.stdout.write('dry run: nothing was stored\n');
  } else {
    const dataDir = path.resolve(opts.data ?? '');
    await mkdir(dataDir, { recursive: true });
    const store: ServerStore = await openSqliteServerStore(path.join(dataDir, 'shelfsync.db'));
    try {
      failed = await importEach(files, (file, onProgress) => importFile(file, { store, onProgress }));
    } finally {
      await store.close();
    }
  }
  if (failed > 0) {
    throw new ShelfsyncError('IMPORT_FILES_FAILED', `${failed} of ${files.length} file(s) failed.`, {
      failed,
      files: files.length,
    });
  }
}

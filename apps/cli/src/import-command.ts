// `shelfsync import FILE…`: loads exchange files (catalogs, documents, CommerceML) into a running
// base over its REST API, or straight into a data directory's store, one summary line per file.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import { describeSummary, type ImportSummary, importFile } from '@shelfsync/server';
import { openSqliteServerStore, type ServerStore } from '@shelfsync/store';
import type { Command } from 'commander';
import { importOverRest, requireServerKey } from './import-rest.js';

interface ImportOptions {
  server?: string;
  key?: string;
  data?: string;
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

async function importEach(files: string[], importOne: ImportOne): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const name = path.basename(file);
    const bar = progressBar(
      name,
      await stat(file).then(
        (s) => s.size,
        () => 0,
      ),
    );
    try {
      const summary = await importOne(file, (bytes) => bar.update(bytes));
      bar.clear();
      process.stdout.write(`${name}: ${describeSummary(summary)}\n`);
    } catch (error) {
      bar.clear();
      failed++;
      process.stdout.write(`${name}: ${failureLine(error)}\n`);
    }
  }
  return failed;
}

async function runImport(files: string[], opts: ImportOptions): Promise<void> {
  if ((opts.server === undefined) === (opts.data === undefined)) {
    throw new ShelfsyncError('CLI_USAGE', 'Give either --server URL (with --key) or --data DIR.');
  }
  let failed: number;
  if (opts.server !== undefined) {
    const api = { url: opts.server, key: requireServerKey(opts.key) };
    failed = await importEach(files, (file, onProgress) =>
      importOverRest(file, path.basename(file), api, onProgress),
    );
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

// Issue 14: the exchange folder against careless writers and hostile entries. Real files, real
// links and FIFOs, a real SQLite store; the slow writer writes through one handle while the folder
// polls on its own timer.
import { execFileSync } from 'node:child_process';
import { link, mkdir, open, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { NOW, openTestFolder, type TestFolder } from '../testing/test-folder.js';
import { importFile } from './import-file.js';
import { openInput } from './opened-input.js';
import { type ExchangeFolder, startExchangeFolder } from './start-exchange-folder.js';

let t: TestFolder;
let folder: ExchangeFolder | undefined;
const logs: string[] = [];

beforeEach(async () => {
  t = await openTestFolder();
  logs.length = 0;
});
afterEach(async () => {
  await folder?.stop();
  folder = undefined;
  await t.close();
});

const SECRET = 'root:SECRET-HASH-must-not-leak:19000:0:99999:7:::';
const inDir = () => path.join(t.dir, 'in');
const row = (id: string) => JSON.stringify({ id, name: `Товар ${id}`, barcodes: [`bc-${id}`] });
const rows = (from: number, to: number) => {
  let out = '';
  for (let i = from; i <= to; i++) out += `${row(`p${i}`)}\n`;
  return out;
};

/** A folder polled by hand (pollMs far away), files without a marker taken at the second poll. */
async function startByHand(): Promise<ExchangeFolder> {
  folder = await startExchangeFolder({
    dir: t.dir,
    store: t.store,
    pollMs: 60_000,
    settleMs: 0,
    now: () => NOW,
    log: (line) => logs.push(line),
  });
  await folder.poll();
  return folder;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function secretFile(): Promise<string> {
  const file = path.join(path.dirname(t.dir), 'shadow');
  await writeFile(file, SECRET);
  return file;
}

async function errorTexts(): Promise<string> {
  const names = await t.list('error');
  const texts = await Promise.all(
    names.filter((n) => n.endsWith('.error.txt')).map((n) => readFile(path.join(t.dir, 'error', n), 'utf8')),
  );
  return texts.join('\n');
}

test('a file written through one handle with pauses longer than the poll is stored whole, never half', async () => {
  folder = await startExchangeFolder({
    dir: t.dir,
    store: t.store,
    pollMs: 50, // the default quiet time (5 s) applies: pauses of 300 ms are far shorter
    now: () => NOW,
    log: (line) => logs.push(line),
  });
  const handle = await open(path.join(inDir(), 'products.ndjson'), 'w');
  for (let part = 0; part < 3; part++) {
    await handle.write(rows(part * 100 + 1, part * 100 + 100));
    // The writer's pause: six poll intervals (the folder polls on its own timer meanwhile).
    await new Promise((r) => setTimeout(r, 300));
  }
  await handle.close();
  await until(async () => (await t.list('in')).length === 0);
  await until(() => logs.some((l) => /imported|rejected/.test(l)));
  const archived = (await t.list('archive')).includes('2026-11-25/products.ndjson');
  if (archived) {
    expect(await t.store.getCatalogRow('products', 'p300')).toBeDefined();
    expect(logs).toContain(
      'exchange: imported products.ndjson: created 300, updated 0, unchanged 0, deleted 0, documents 0, warnings 0',
    );
  } else {
    expect(await errorTexts()).toContain('IMPORT_FILE_CHANGED');
    expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
  }
}, 60_000);

test('a file that grows while it is read is refused inside its transaction: nothing stored', async () => {
  const file = path.join(inDir(), 'products.ndjson');
  await mkdir(inDir(), { recursive: true });
  await writeFile(file, rows(1, 3000)); // several 64 KiB chunks
  const before = await t.store.catalogChecksums();
  const input = await openInput(file, 'products.ndjson');
  let chunks = 0;
  const growing = async function* () {
    for await (const chunk of input.read()) {
      if (++chunks === 1) await writeFile(file, rows(3001, 3001), { flag: 'a' });
      yield chunk;
    }
  };
  await expect(importFile(file, { store: t.store, read: growing })).rejects.toMatchObject({
    code: 'IMPORT_FILE_CHANGED',
  });
  await input.close();
  expect(chunks).toBeGreaterThan(1);
  expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
  expect(await t.store.catalogChecksums()).toEqual(before);
});

test('a file replaced under its name after it was opened is refused', async () => {
  const file = path.join(inDir(), 'products.ndjson');
  await mkdir(inDir(), { recursive: true });
  await writeFile(file, rows(1, 2));
  const input = await openInput(file, 'products.ndjson');
  await writeFile(`${file}.new`, rows(1, 2));
  await rename(`${file}.new`, file);
  await expect(importFile(file, { store: t.store, read: () => input.read() })).rejects.toMatchObject({
    code: 'IMPORT_FILE_CHANGED',
  });
  await input.close();
  expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
});

test('a symbolic link to a secret file is moved aside unopened: nothing imported, no byte of it in error/', async () => {
  const f = await startByHand();
  const secret = await secretFile();
  await symlink(secret, path.join(inDir(), 'products.ndjson'));
  await symlink(secret, path.join(inDir(), 'import.xml'));
  await writeFile(path.join(inDir(), 'import.xml.ready'), '');
  await symlink('/proc/self/environ', path.join(inDir(), 'users.json'));
  await f.poll();
  await f.poll();
  expect(await t.list('in')).toEqual([]);
  expect(await t.list('error')).toEqual([
    'import.xml',
    'import.xml.error.txt',
    'products.ndjson',
    'products.ndjson.error.txt',
    'users.json',
    'users.json.error.txt',
  ]);
  const reports = await errorTexts();
  expect(reports).toContain('IMPORT_NOT_A_FILE');
  expect(reports).toContain('symbolic link');
  expect(reports).not.toContain('SECRET');
  expect(reports).not.toMatch(/PATH=|HOME=/);
  expect(await t.store.getCatalogRow('products', 'p1')).toBeUndefined();
  expect(await readFile(secret, 'utf8')).toBe(SECRET); // the target itself is untouched
  expect(logs.filter((l) => l.includes('moved') && l.includes('symbolic link'))).toHaveLength(3);
});

test('opening a link is refused even when it appears after the scan (O_NOFOLLOW)', async () => {
  await mkdir(inDir(), { recursive: true });
  await symlink(await secretFile(), path.join(inDir(), 'products.ndjson'));
  await expect(openInput(path.join(inDir(), 'products.ndjson'), 'products.ndjson')).rejects.toMatchObject({
    code: 'IMPORT_NOT_A_FILE',
  });
});

test('a hard link to a file elsewhere is refused unread', async () => {
  const f = await startByHand();
  await link(await secretFile(), path.join(inDir(), 'products.ndjson'));
  await writeFile(path.join(inDir(), 'products.ndjson.ready'), '');
  await f.poll();
  const reports = await errorTexts();
  expect(reports).toContain('IMPORT_NOT_A_FILE');
  expect(reports).toContain('hard link');
  expect(reports).not.toContain('SECRET');
});

test('a FIFO and a sub-folder are moved aside without being opened; the poll does not hang', async () => {
  const f = await startByHand();
  execFileSync('mkfifo', [path.join(inDir(), 'products.ndjson')]);
  await writeFile(path.join(inDir(), 'products.ndjson.ready'), '');
  await mkdir(path.join(inDir(), 'documents.json'));
  await writeFile(path.join(inDir(), 'documents.json', 'inner.txt'), 'x');
  await f.poll();
  expect(await t.list('in')).toEqual([]);
  const reports = await errorTexts();
  expect(reports).toContain('FIFO');
  expect(reports).toContain('folder');
  expect(logs.filter((l) => l.startsWith('exchange: moved'))).toHaveLength(2);
});

test('a stray .ready is reported and set aside; other files are imported meanwhile', async () => {
  const f = await startByHand();
  await writeFile(path.join(inDir(), 'products-old.ndjson.ready'), '');
  await writeFile(path.join(inDir(), 'cells.ndjson'), `${JSON.stringify({ id: 'c1', name: 'A-01' })}\n`);
  await f.poll();
  await f.poll();
  expect(await t.store.getCatalogRow('cells', 'c1')).toBeDefined();
  expect(await t.list('in')).toEqual([]);
  expect(await t.list('error')).toEqual(['products-old.ndjson.ready', 'products-old.ndjson.ready.error.txt']);
  expect(await errorTexts()).toContain('IMPORT_STRAY_MARKER');
  expect(logs.some((l) => l.includes('moved products-old.ndjson.ready to error/'))).toBe(true);
});

test('a marker written just before its file is renamed into place is not reported', async () => {
  const f = await startByHand();
  await writeFile(path.join(inDir(), 'cells.ndjson.ready'), '');
  await f.poll(); // alone at one poll: maybe the writer is renaming its file in now
  await writeFile(path.join(inDir(), 'cells.ndjson'), `${JSON.stringify({ id: 'c1', name: 'A-01' })}\n`);
  await f.poll();
  expect(await t.store.getCatalogRow('cells', 'c1')).toBeDefined();
  expect(await t.list('error')).toEqual([]);
});

test('dot-files and temporary names are writers’ business: never imported, never reported', async () => {
  const f = await startByHand();
  await writeFile(path.join(inDir(), '.products.ndjson'), rows(1, 1));
  await writeFile(path.join(inDir(), 'products.ndjson.tmp'), rows(1, 1));
  await f.poll();
  await f.poll();
  expect(await t.list('in')).toEqual(['.products.ndjson', 'products.ndjson.tmp']);
  expect(await t.list('error')).toEqual([]);
  expect(logs).toEqual([]);
});

test('a file that changes just after its import was committed is archived with a loud warning', async () => {
  // The store appends to the file right after its commit: the moment no check can cover.
  const file = path.join(inDir(), 'products.ndjson');
  const store = new Proxy(t.store, {
    get(target, prop, receiver) {
      if (prop !== 'upsertCatalog') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<typeof target.upsertCatalog>) => {
        const counts = await target.upsertCatalog(...args);
        await writeFile(file, rows(9, 9), { flag: 'a' });
        return counts;
      };
    },
  });
  folder = await startExchangeFolder({
    dir: t.dir,
    store,
    pollMs: 60_000,
    now: () => NOW,
    log: (l) => logs.push(l),
  });
  await folder.poll();
  await writeFile(file, rows(1, 2));
  await writeFile(`${file}.ready`, '');
  await folder.poll();
  expect(logs).toContain(
    'exchange: WARNING products.ndjson changed right after its import was stored; check it',
  );
  const warnings = await readFile(
    path.join(t.dir, 'archive', '2026-11-25', 'products.ndjson.warnings.txt'),
    'utf8',
  );
  expect(warnings).toMatch(
    /^WARNING: the file changed right after its import was stored \(products\.ndjson grew or changed\)/,
  );
});

// Issue 13 part 4 with whole processes: `shelfsync import` prints each warning with its file and line
// (the first 20, then how many more), fails a file from which nothing was imported, names the
// product a document line lacks, and `--dry-run` reports what a real run then does without storing it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openSqliteServerStore } from '@shelfsync/store';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  freePort,
  type RunningServer,
  removeDir,
  runCli,
  startServer,
  tempDir,
} from '../src/testing/harness.js';

const API_KEY = 'e2e-import-key-0123456789';
let root = '';
let files = '';

beforeAll(async () => {
  root = tempDir('import');
  files = path.join(root, 'files');
  await mkdir(files);
});
afterAll(() => removeDir(root));

const cml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.10">\n${body}\n</КоммерческаяИнформация>\n`;

/** `n` products, one per line from line 4 on, each with a barcode whose check digit is wrong. */
function badBarcodeCatalog(n: number): string {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `<Товар><Ид>W-${i + 1}</Ид><Штрихкод>4607001771433</Штрихкод><Наименование>Товар ${i + 1}</Наименование></Товар>`,
  );
  return cml(`<Каталог><Товары>\n${rows.join('\n')}\n</Товары></Каталог>`);
}

const offersFor = (ids: string[]) =>
  cml(
    `<ПакетПредложений><Предложения>\n${ids
      .map(
        (id) =>
          `<Предложение><Ид>${id}</Ид><Цены><Цена><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены><Количество>1</Количество></Предложение>`,
      )
      .join('\n')}\n</Предложения></ПакетПредложений>`,
  );

async function file(name: string, content: string): Promise<string> {
  const p = path.join(files, name);
  await writeFile(p, content);
  return p;
}

test('warnings are printed with file and line, the first 20 and then how many more', async () => {
  const catalog = await file('import.xml', badBarcodeCatalog(25));
  const r = await runCli(['import', '--data', path.join(root, 'data-warn'), catalog]);
  expect(r.code).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe(
    'import.xml: created 25, updated 0, unchanged 0, deleted 0, documents 0, warnings 25',
  );
  const printed = lines.slice(1, 21);
  expect(printed).toHaveLength(20);
  printed.forEach((line, i) => {
    expect(line).toMatch(new RegExp(`^import\\.xml:${i + 4}: BARCODE_CHECK_DIGIT: `));
  });
  expect(lines.slice(21)).toEqual(['and 5 more warnings']);
}, 120_000);

test('a file whose every row was skipped fails with IMPORT_NOTHING_IMPORTED and a non-zero exit', async () => {
  const offers = await file('offers.xml', offersFor(['GHOST-1', 'GHOST-2']));
  const dataDir = path.join(root, 'data-skip');
  const r = await runCli(['import', '--data', dataDir, offers]);
  expect(r.code).toBe(1);
  expect(r.stdout.trimEnd().split('\n')).toEqual([
    'offers.xml: failed: IMPORT_NOTHING_IMPORTED: Nothing was imported (all skipped, 2 warning(s)).',
    'offers.xml:4: offer GHOST-1 names no known product; skipped',
    'offers.xml:5: offer GHOST-2 names no known product; skipped',
  ]);
  expect(r.stderr).toContain('IMPORT_FILES_FAILED');
  // An empty documents array is a non-empty file with nothing in it.
  const none = await file('documents-none.json', '[]\n');
  const empty = await runCli(['import', '--data', dataDir, none]);
  expect(empty.code).toBe(1);
  expect(empty.stdout).toContain(
    'documents-none.json: failed: IMPORT_NOTHING_IMPORTED: Nothing was imported (no rows in it).',
  );
}, 120_000);

test('DOC_UNKNOWN_PRODUCT names the missing product, into a data directory and over REST', async () => {
  const products = await file('products.ndjson', '{"id":"P-1","name":"Молоко"}\n');
  const docs = await file(
    'documents.json',
    JSON.stringify([
      {
        id: 'ORD-9',
        type: 'receipt',
        lines: [
          { id: 'a', productId: 'P-1', qty: 1 },
          { id: 'b', productId: 'GHOST-7', qty: 2 },
        ],
      },
    ]),
  );
  const expected =
    'documents.json: failed: DOC_UNKNOWN_PRODUCT: Document ORD-9, line b: product GHOST-7 is not in the catalog. Upload the product first.';
  const local = await runCli(['import', '--data', path.join(root, 'data-docs'), products, docs]);
  expect(local.code).toBe(1);
  expect(local.stdout.trimEnd().split('\n')).toEqual([
    'products.ndjson: created 1, updated 0, unchanged 0, deleted 0, documents 0, warnings 0',
    expected,
  ]);

  const server: RunningServer = await startServer({
    dataDir: path.join(root, 'data-server'),
    port: await freePort(),
    apiKey: API_KEY,
  });
  try {
    const remote = await runCli(['import', '--server', server.url, '--key', API_KEY, products, docs]);
    expect(remote.code).toBe(1);
    expect(remote.stdout.trimEnd().split('\n')).toEqual([
      'products.ndjson: created 1, updated 0, unchanged 0, deleted 0, documents 0, warnings 0',
      expected,
    ]);
    const dry = await runCli(['import', '--server', server.url, '--key', API_KEY, '--dry-run', products]);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('CLI_USAGE: --dry-run works with --data DIR only');
    // Over REST too, a file whose every row was skipped fails.
    const offers = await file('offers-rest.xml', offersFor(['GHOST-3']));
    const skipped = await runCli(['import', '--server', server.url, '--key', API_KEY, offers]);
    expect(skipped.code).toBe(1);
    expect(skipped.stdout.trimEnd().split('\n')).toEqual([
      'offers-rest.xml: failed: IMPORT_NOTHING_IMPORTED: Nothing was imported (all skipped, 1 warning(s)).',
      'offers-rest.xml:4: offer GHOST-3 names no known product; skipped',
    ]);
    // A dry run against the running server's data directory sees what the server stored (P-1).
    const live = await runCli(['import', '--data', path.join(root, 'data-server'), '--dry-run', products]);
    expect(live.code).toBe(0);
    expect(live.stdout.trimEnd().split('\n')).toEqual([
      'products.ndjson: created 0, updated 0, unchanged 1, deleted 0, documents 0, warnings 0',
      'dry run: nothing was stored',
    ]);
  } finally {
    await server.stop();
  }
}, 180_000);

/** What the data directory's store holds: catalog checksums, products, and one document. */
async function snapshot(dataDir: string) {
  const store = await openSqliteServerStore(path.join(dataDir, 'shelfsync.db'));
  try {
    const page = await store.pullCatalog(0, 10_000);
    return {
      checksums: (await store.catalogChecksums()).checksums,
      products: page.changes.map((c) => JSON.stringify(c)).sort(),
      doc: (await store.getDocument('ORD-1'))?.lines ?? null,
    };
  } finally {
    await store.close();
  }
}

const sha256 = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

test('--dry-run stores nothing yet reports exactly what the real run then does', async () => {
  const dataDir = path.join(root, 'data-dry');
  const first = await file(
    'products-1.csv',
    'id;name;barcodes\nD-1;Хлеб;4607001771432\nD-2;Сыр;\nD-3;Соль;\n',
  );
  expect((await runCli(['import', '--data', dataDir, first])).code).toBe(0);
  const before = await snapshot(dataDir);
  const dbBefore = await sha256(path.join(dataDir, 'shelfsync.db'));

  const second = await file(
    'products-2.csv',
    'id;name;barcodes\nD-1;Хлеб;4607001771432\nD-2;Сыр твёрдый;\nD-4;Мука;4607001771449\n',
  );
  const docs = await file(
    'documents.json',
    JSON.stringify([{ id: 'ORD-1', type: 'receipt', lines: [{ productId: 'D-4', qty: 5 }] }]),
  );
  const offers = await file('offers-2.xml', offersFor(['D-3', 'GHOST-9']));
  const args = ['import', '--data', dataDir, second, docs, offers];

  const dry = await runCli([...args, '--dry-run']);
  expect(dry.code).toBe(0);
  const report = dry.stdout.trimEnd().split('\n');
  expect(report).toEqual([
    'products-2.csv: created 1, updated 1, unchanged 1, deleted 0, documents 0, warnings 0',
    // The document names D-4, which only this run's products-2.csv creates: the dry run sees it.
    'documents.json: created 0, updated 0, unchanged 0, deleted 0, documents 1, warnings 0',
    'offers-2.xml: created 0, updated 1, unchanged 0, deleted 0, documents 0, warnings 1',
    'offers-2.xml:5: offer GHOST-9 names no known product; skipped',
    'dry run: nothing was stored',
  ]);
  expect(await snapshot(dataDir)).toEqual(before);
  expect(before.doc).toBeNull();
  expect(await sha256(path.join(dataDir, 'shelfsync.db'))).toBe(dbBefore);

  const real = await runCli(args);
  expect(real.code).toBe(0);
  expect(real.stdout.trimEnd().split('\n')).toEqual(report.slice(0, -1));
  const after = await snapshot(dataDir);
  expect(after.checksums).not.toEqual(before.checksums);
  expect(after.doc).toMatchObject([{ productId: 'D-4', qty: 5 }]);
}, 180_000);

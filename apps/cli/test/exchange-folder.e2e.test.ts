// Issue 5 acceptance with whole processes: catalogs and tasks dropped into an exchange folder reach
// a virtual terminal, and each completed document appears in out/ exactly once, also when the
// server is SIGKILLed just before or just after the file's rename.
import { readdirSync } from 'node:fs';
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import {
  accounting,
  cli,
  enrollWithPrintedCode,
  freePort,
  type RunningServer,
  removeDir,
  runCli,
  startServer,
  tempDir,
} from '../src/testing/harness.js';

const API_KEY = 'e2e-exchange-key-0123456789';
const POLL_MS = 200;
let root = '';
let dataDir = '';
let exchange = '';
let stateDir = '';
let port = 0;
let server: RunningServer | undefined;

/** `shelfsync serve --exchange`, optionally with the test-only crash point armed. */
function startExchangeServer(crash?: 'before-rename' | 'after-rename'): Promise<RunningServer> {
  return startServer({
    dataDir,
    port,
    apiKey: API_KEY,
    extraArgs: ['--exchange', exchange, '--exchange-poll', String(POLL_MS)],
    env: crash ? { SHELFSYNC_TEST_CRASH: crash } : {},
  });
}

const dir = (sub: string) => readdirSync(path.join(exchange, sub)).sort();
const drop = (name: string, content: string) => writeFile(path.join(exchange, 'in', name), content);
const api = () => accounting(server?.url ?? '', API_KEY);
const task = (id: string, lines: [number, number][]) =>
  JSON.stringify([
    {
      id,
      type: 'receipt',
      number: id,
      lines: lines.map(([i, qty]) => ({ productId: e2eProductId(i), qty })),
    },
  ]);

async function until(cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The terminal takes the task, scans each unit barcode once, completes it and pushes. The last sync
 * may fail: an armed server kills itself at the poll right after the push, maybe mid-sync.
 */
async function workTask(docId: string, items: number[]): Promise<void> {
  await cli(['terminal', 'sync', '--state', stateDir]);
  for (const i of items) {
    await cli(['terminal', 'scan', '--state', stateDir, '--doc', docId, '--barcode', e2eUnitBarcode(i)]);
  }
  await cli(['terminal', 'complete', '--state', stateDir, '--doc', docId]);
  await runCli(['terminal', 'sync', '--state', stateDir]);
}

beforeAll(async () => {
  root = tempDir('exchange');
  dataDir = path.join(root, 'data');
  exchange = path.join(root, 'folder');
  stateDir = path.join(root, 'term');
  port = await freePort();
});

afterAll(async () => {
  await server?.stop();
  removeDir(root);
});

test('catalog and task from in/, done on a terminal, land in out/ once despite a kill before the rename', async () => {
  server = await startExchangeServer('before-rename');
  await drop(
    'documents-R-1.json',
    task('R-1', [
      [1, 1],
      [2, 1],
    ]),
  );
  await drop('products.ndjson', productsNdjson(1, 50));
  await until(async () => (await api().call('GET', '/api/v1/documents/R-1')).status === 200);
  await until(() => dir('in').length === 0); // the file is archived just after its import commits
  expect(dir('error')).toEqual([]);
  const archived = readdirSync(path.join(exchange, 'archive'), { recursive: true }).map(String);
  expect(archived.filter((n) => n.includes('.')).map((n) => path.basename(n))).toEqual(
    expect.arrayContaining(['documents-R-1.json', 'products.ndjson']),
  );

  await enrollWithPrintedCode(server, stateDir);
  await workTask('R-1', [1, 2]);
  // The connector exports R-1 at its next poll and is killed between fsync and rename.
  expect(await server.exited).toBe('SIGKILL');
  expect(dir('out')).toEqual(['.000000000001-R-1.json.tmp']);

  server = await startExchangeServer();
  await until(async () => (await api().call('GET', '/api/v1/documents/R-1')).body['status'] === 'exported');
  expect(dir('out')).toEqual(['000000000001-R-1.json']);
  const written = JSON.parse(await readFile(path.join(exchange, 'out', '000000000001-R-1.json'), 'utf8'));
  expect(written).toMatchObject({ id: 'R-1', status: 'completed' });
  expect(written.facts).toHaveLength(2);
  await server.stop();
}, 120_000);

test('killed just after the rename, the restarted connector acknowledges the file it finds', async () => {
  server = await startExchangeServer('after-rename');
  await drop('documents-R-2.json', task('R-2', [[3, 1]]));
  await until(async () => (await api().call('GET', '/api/v1/documents/R-2')).status === 200);
  await workTask('R-2', [3]);
  expect(await server.exited).toBe('SIGKILL');
  expect(dir('out')).toEqual(['000000000001-R-1.json', '000000000002-R-2.json']);
  const before = await stat(path.join(exchange, 'out', '000000000002-R-2.json'));

  server = await startExchangeServer();
  await until(async () => (await api().call('GET', '/api/v1/documents/R-2')).body['status'] === 'exported');
  expect(dir('out')).toEqual(['000000000001-R-1.json', '000000000002-R-2.json']);
  const after = await stat(path.join(exchange, 'out', '000000000002-R-2.json'));
  expect(after.ino).toBe(before.ino); // the same file, not a second write
  expect(after.mtimeMs).toBe(before.mtimeMs);
}, 120_000);

test('a file still being written is not imported until it is complete', async () => {
  const file = path.join(exchange, 'in', 'products-growing.ndjson');
  await writeFile(file, '');
  // A row every 20 ms for about 1.2 s: never unchanged over two polls. Imported early, the file
  // would be archived part-way and the later rows would make a second file.
  for (let i = 1001; i <= 1060; i++) {
    await appendFile(file, productsNdjson(i, i));
    await new Promise((r) => setTimeout(r, 20));
  }
  await until(() => dir('in').length === 0);
  // The file is archived before its log line is written; wait for the line, not just the move.
  await until(() => /imported \S*products-growing/.test(server?.output() ?? ''));
  expect(dir('error')).toEqual([]);
  const imports = server?.output().match(/imported \S*products-growing\.ndjson: created \d+/g);
  expect(imports).toEqual(['imported products-growing.ndjson: created 60']);
  expect((await api().call('GET', `/api/v1/catalog/products/${e2eProductId(1060)}`)).status).toBe(200);
}, 60_000);

test('a broken file lands in error/ with its report and imports nothing', async () => {
  const good = productsNdjson(2001, 2002);
  await drop(
    'products-broken.ndjson',
    `${good}{"id":"${e2eProductId(2003)}","name":\n${productsNdjson(2004, 2004)}`,
  );
  await drop('products-broken.ndjson.ready', '');
  await until(() => dir('error').length === 2);
  expect(dir('error')).toEqual(['products-broken.ndjson', 'products-broken.ndjson.error.txt']);
  const report = await readFile(path.join(exchange, 'error', 'products-broken.ndjson.error.txt'), 'utf8');
  expect(report).toContain('REQ_MALFORMED');
  expect(report).toMatch(/Where:\s+line 3/);
  for (const i of [2001, 2002, 2004]) {
    expect((await api().call('GET', `/api/v1/catalog/products/${e2eProductId(i)}`)).status).toBe(404);
  }
  expect(dir('in')).toEqual([]);
}, 60_000);

test('shelfsync import sends files to a running server or into a data directory, one line per file', async () => {
  const files = path.join(root, 'import');
  await mkdir(files);
  await writeFile(path.join(files, 'products.csv'), 'id;name;barcodes\nCSV-1;Молоко;4607001771432\n');
  const cml =
    '<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация ВерсияСхемы="2.10"><Каталог><Товары>';
  await writeFile(
    path.join(files, 'import.xml'),
    `${cml}<Товар><Ид>CML-1</Ид><Штрихкод>8809398300548</Штрихкод><Наименование>Хлеб</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>`,
  );
  await writeFile(path.join(files, 'products-bad.ndjson'), '{"id":"BAD-1","name":"ok"}\n{"id":\n');
  const names = ['products.csv', 'import.xml', 'products-bad.ndjson'].map((n) => path.join(files, n));

  const remote = await runCli(['import', '--server', server?.url ?? '', '--key', API_KEY, ...names]);
  expect(remote.code).toBe(1);
  expect(remote.stdout.split('\n')).toEqual([
    'products.csv: created 1, updated 0, unchanged 0, deleted 0, documents 0, warnings 0',
    'import.xml: created 1, updated 0, unchanged 0, deleted 0, documents 0, warnings 1',
    expect.stringMatching(/^import\.xml:1: BARCODE_CHECK_DIGIT: /),
    expect.stringMatching(/^products-bad\.ndjson: failed: REQ_MALFORMED: .*\(line 2, index 1\)$/),
    '',
  ]);
  expect(remote.stderr).toContain('1 of 3 file(s) failed');
  expect((await api().call('GET', '/api/v1/catalog/products/CML-1')).body).toMatchObject({ name: 'Хлеб' });
  expect((await api().call('GET', '/api/v1/catalog/products/BAD-1')).status).toBe(404);

  const local = await runCli(['import', '--data', path.join(root, 'data-2'), ...names.slice(0, 2)]);
  expect(local.code).toBe(0);
  expect(local.stdout).toContain('import.xml: created 1,');
}, 60_000);

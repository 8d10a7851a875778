// Issue 14 with a whole `shelfsync serve --exchange` process: a configuration nested thousands
// deep or full of aliases does not kill a freshly started server; a file written slowly through
// one handle is stored whole or refused, never half; a link to a secret file leaks nothing.
import { mkdir, open, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { e2eProductId, productsNdjson } from '../src/testing/fixtures.js';
import {
  accounting,
  freePort,
  type RunningServer,
  removeDir,
  startServer,
  tempDir,
} from '../src/testing/harness.js';

const API_KEY = 'e2e-hostile-key-0123456789';
let root = '';
let exchange = '';
let server: RunningServer | undefined;

beforeAll(async () => {
  root = tempDir('shelfsync-hostile-');
  exchange = path.join(root, 'exchange');
  server = await startServer({
    dataDir: path.join(root, 'data'),
    port: await freePort(),
    apiKey: API_KEY,
    extraArgs: ['--exchange', exchange, '--exchange-poll', '100', '--exchange-settle', '3000'],
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  removeDir(root);
});

const api = () => accounting(server?.url ?? '', API_KEY);
const alive = () => server?.process.exitCode === null && server.process.signalCode === null;

async function until(cond: () => boolean | Promise<boolean>, ms = 50_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a freshly started server survives YAML nested thousands deep and an alias bomb', async () => {
  const bombs = [
    `documentTypes: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    `documentTypes:\n  ${'- '.repeat(5000)}x\n`,
    `settings:\n${['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].map((l) => `  ${l}`).join('\n')}\n`,
  ];
  for (const bomb of bombs) {
    const res = await api().call('PUT', '/api/v1/config', bomb, 'application/yaml');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'CONFIG_INVALID' } });
    // The next request is answered by the same process.
    expect((await api().call('GET', '/api/v1/config')).status).toBe(200);
  }
  expect(alive()).toBe(true);
}, 60_000);

test('a file written through one handle with pauses longer than the poll is stored whole', async () => {
  const handle = await open(path.join(exchange, 'in', 'products-slow.ndjson'), 'w');
  for (let part = 0; part < 3; part++) {
    await handle.write(productsNdjson(3001 + part * 100, 3100 + part * 100));
    await new Promise((r) => setTimeout(r, 600)); // the writer's pause: six polls
  }
  await handle.close();
  await until(() => /(imported|rejected) products-slow\.ndjson/.test(server?.output() ?? ''));
  const product = await api().call('GET', `/api/v1/catalog/products/${e2eProductId(3300)}`);
  if (/imported products-slow/.test(server?.output() ?? '')) {
    expect(server?.output()).toContain('imported products-slow.ndjson: created 300,');
    expect(product.status).toBe(200);
  } else {
    const first = await api().call('GET', `/api/v1/catalog/products/${e2eProductId(3001)}`);
    expect(first.status).toBe(404);
    expect(await readFile(path.join(exchange, 'error', 'products-slow.ndjson.error.txt'), 'utf8')).toContain(
      'IMPORT_FILE_CHANGED',
    );
  }
}, 60_000);

test('a link to a secret file is moved aside unread; the server logs it', async () => {
  const secret = path.join(root, 'secret.txt');
  await writeFile(secret, 'TOKEN=do-not-leak-0xC0FFEE\n');
  await mkdir(path.join(exchange, 'in'), { recursive: true });
  await symlink(secret, path.join(exchange, 'in', 'products-link.ndjson'));
  await until(() => /moved products-link\.ndjson to error\//.test(server?.output() ?? ''));
  const names = await readdir(path.join(exchange, 'error'));
  expect(names).toContain('products-link.ndjson.error.txt');
  const report = await readFile(path.join(exchange, 'error', 'products-link.ndjson.error.txt'), 'utf8');
  expect(report).toContain('IMPORT_NOT_A_FILE');
  expect(report).not.toContain('do-not-leak');
  expect(server?.output()).not.toContain('do-not-leak');
}, 60_000);

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestDeviceApi } from '@shelfsync/terminal-core/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openNodeTerminal } from './open-node-terminal.js';

const dir = mkdtempSync(path.join(tmpdir(), 'shelfsync-node-terminal-'));
const api = new TestDeviceApi();
let server: Server;
let url = '';

beforeAll(async () => {
  api.putRow('products', { id: 'milk', name: 'Milk', barcodes: ['4600000000015'], packings: [] });
  api.putDocument({ id: 'r1', type: 'receipt', status: 'new', origin: 'accounting', lines: [], facts: [] });
  const handle = api.fetchAt('http://in-test');
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const answer = await handle(`http://in-test${req.url}`, { method: 'POST', headers, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a scan in a separate process and SIGKILLs it as soon as the scan call has resolved. */
function scanThenKill(stateDir: string): Promise<void> {
  const script = `
    import { openNodeTerminal } from '@shelfsync/terminal-node';
    const t = await openNodeTerminal(${JSON.stringify(stateDir)});
    const outcome = await t.scan('r1', { barcode: '4600000000015' });
    process.stdout.write(outcome.ok ? 'scanned\\n' : 'refused\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      if (data.toString().includes('scanned')) child.kill('SIGKILL');
      else reject(new Error(`child said ${data.toString()}`));
    });
    child.on('exit', () => resolve());
  });
}

test('a virtual terminal over real HTTP: fails over, keeps its state across processes and a SIGKILL', async () => {
  const stateDir = path.join(dir, 'terminal');
  const first = await openNodeTerminal(stateDir, { timeoutMs: 2000 });
  // Nothing listens on port 9 of this host: the first address fails and the second answers.
  await first.enroll(['http://127.0.0.1:9', url], 'CODE-1', 'vt');
  expect(await first.sync()).toMatchObject({ pulledChanges: 1, pulledDocuments: 1 });
  await first.close();

  await scanThenKill(stateDir);

  const second = await openNodeTerminal(stateDir);
  expect((await second.status()).pending).toBe(2);
  expect((await second.getDocument('r1'))?.facts).toHaveLength(1);
  expect(await second.sync()).toMatchObject({ pushed: 2, pending: 0 });
  expect(api.applied.map((m) => m.kind)).toEqual(['doc.start', 'fact.add']);
  await second.close();
}, 30_000);

test('terminal.db (with the device token) and its folder are private to the user: 0600 and 0700', async () => {
  if (process.platform === 'win32') return; // no POSIX modes
  const { statSync, writeFileSync, chmodSync } = await import('node:fs');
  const state = path.join(dir, 'private', 'state');
  const terminal = await openNodeTerminal(state);
  const mode = (f: string) => statSync(f).mode & 0o777;
  expect(mode(state)).toBe(0o700);
  expect(mode(path.join(state, 'terminal.db'))).toBe(0o600);
  // The schema was written: SQLite made its write-ahead log, with the main file's mode.
  expect(mode(path.join(state, 'terminal.db-wal'))).toBe(0o600);
  await terminal.close();
  // A state folder made readable by an older version is narrowed when opened again.
  const old = path.join(dir, 'old-state');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(old);
  writeFileSync(path.join(old, 'terminal.db'), '');
  chmodSync(path.join(old, 'terminal.db'), 0o644);
  const again = await openNodeTerminal(old);
  expect(mode(path.join(old, 'terminal.db'))).toBe(0o600);
  await again.close();
});

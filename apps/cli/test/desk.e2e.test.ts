// Issue 6 acceptance, desk mode: the base without a server, a terminal on a USB cable (adb reverse,
// with a fake adb as the only stand-in), the accounting system behind an exchange folder.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeFakeAdb } from '../src/testing/fake-adb.js';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { cli, freePort, removeDir, runCli, tempDir, waitFor } from '../src/testing/harness.js';
import { type LongRunning, startLongRunning } from '../src/testing/long-running.js';

let root = '';
let desk: LongRunning | undefined;

beforeAll(() => {
  root = tempDir('desk');
});

afterAll(async () => {
  await desk?.stop();
  removeDir(root);
});

/** Drops a file into in/ the way an accounting system should: written aside, then renamed in. */
function dropIn(exchange: string, name: string, content: string): void {
  const aside = path.join(exchange, `.${name}.tmp`);
  writeFileSync(aside, content);
  renameSync(aside, path.join(exchange, 'in', name));
  // Renamed into place and marked: taken at the next poll, without the quiet time (5 s).
  writeFileSync(path.join(exchange, 'in', `${name}.ready`), '');
}

const syncJson = async (state: string) =>
  JSON.parse(await cli(['terminal', 'sync', '--state', state, '--json'])) as Record<string, number>;

test('a cabled terminal exchanges with desk mode; the result reaches out/ once and its log stays on the PC', async () => {
  const data = path.join(root, 'data');
  const exchange = path.join(root, 'exchange');
  const state = path.join(root, 'term');
  const adb = writeFakeAdb(path.join(root, 'adb'));
  adb.setDevices([['TSD0001', 'unauthorized']]);
  const port = await freePort();
  desk = await startLongRunning(
    [
      'desk',
      '--data',
      data,
      '--port',
      String(port),
      '--exchange',
      exchange,
      '--adb',
      adb.executable,
      '--adb-poll',
      '100',
    ],
    /enrollment code:\s+\S+/,
  );
  const code = /enrollment code:\s+(\S+)/.exec(desk.output())?.[1] ?? '';
  expect(desk.output()).toContain(`listening on http://127.0.0.1:${port}`);
  const app = await fetch(`http://127.0.0.1:${port}/`);
  expect(app.headers.get('content-type')).toContain('text/html'); // the terminal app (or how to build it)

  // The cable: first the USB-debugging prompt is not accepted yet, then the terminal is ready.
  await desk.waitForOutput(/TSD0001: unauthorized — unlock it and accept/);
  adb.setDevices([['TSD0001', 'device']]);
  await desk.waitForOutput(/terminal TSD0001: connected/);
  await new Promise((r) => setTimeout(r, 400)); // a few more polls: the reverse is not repeated
  const reverse = ['-s', 'TSD0001', 'reverse', `tcp:${port}`, `tcp:${port}`];
  expect(adb.calls().filter((c) => c.join(' ') === reverse.join(' '))).toHaveLength(1);

  // The accounting system drops a catalog, then a task.
  dropIn(exchange, 'products.ndjson', productsNdjson(1, 20));
  await desk.waitForOutput(/exchange: imported products\.ndjson/);
  const task = {
    id: 'R-7',
    type: 'receipt',
    number: 'ПР-7',
    lines: [{ productId: e2eProductId(1), qty: 2 }],
  };
  dropIn(exchange, 'documents.json', JSON.stringify([task]));
  await desk.waitForOutput(/exchange: imported documents\.json/);

  // Over the cable the terminal sees the desk as its own localhost:P.
  await cli(['terminal', 'enroll', '--server', `http://127.0.0.1:${port}`, '--code', code, '--state', state]);
  const first = await syncJson(state);
  expect(first).toMatchObject({ pulledChanges: 20, pulledDocuments: 1 });

  // Unplugged: the work is done offline.
  adb.setDevices([]);
  await desk.waitForOutput(/TSD0001: cable disconnected/);
  for (let i = 0; i < 2; i++) {
    await cli(['terminal', 'scan', '--state', state, '--doc', 'R-7', '--barcode', e2eUnitBarcode(1)]);
  }
  await cli(['terminal', 'complete', '--state', state, '--doc', 'R-7']);

  // Plugged in again: the reverse is set up again, and the next exchange delivers the result.
  adb.setDevices([['TSD0001', 'device']]);
  await waitFor(() => adb.calls().filter((c) => c.join(' ') === reverse.join(' ')).length === 2, 10_000);
  const second = await syncJson(state);
  expect(second.pushed).toBeGreaterThanOrEqual(3);
  const outDir = path.join(exchange, 'out');
  const results = () => readdirSync(outDir).filter((f) => f.includes('R-7'));
  await waitFor(() => results().length > 0, 20_000);
  await syncJson(state); // one more exchange and a few more polls: still exactly one file
  await new Promise((r) => setTimeout(r, 2500));
  expect(results()).toHaveLength(1);
  const exported = JSON.parse(readFileSync(path.join(outDir, results()[0] ?? ''), 'utf8')) as {
    facts?: unknown[];
  };
  expect(JSON.stringify(exported)).toContain(e2eProductId(1));

  // The terminal's log lines are kept on the PC, per device.
  const status = JSON.parse(await cli(['terminal', 'status', '--state', state, '--json'])) as {
    deviceId: string;
  };
  const logFile = path.join(data, 'logs', `${status.deviceId}.ndjson`);
  const lines = readFileSync(logFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { message: string });
  expect(lines.map((l) => l.message)).toContain('document R-7 completed');
  // The first exchange's line travelled with the second exchange.
  expect(lines.map((l) => l.message)).toContain(
    'exchange: sent 0 change(s), received 20 catalog change(s) and 1 document(s), new configuration',
  );
}, 120_000);

test('a configuration change made on the base reaches the terminal in the next cable exchange', async () => {
  const data = path.join(root, 'data');
  const state = path.join(root, 'term');
  const before = JSON.parse(await cli(['terminal', 'status', '--state', state, '--json'])) as {
    configVersion: string;
  };
  const types = DEFAULT_DOCUMENT_TYPES.map((t) =>
    t.id === 'receipt' ? { ...t, name: { ...t.name, en: 'Cold store receipt' } } : t,
  );
  const file = path.join(root, 'types.json');
  writeFileSync(file, JSON.stringify(types));
  const stored = await cli(['config', 'set-types', file, '--data', data]);
  const version = /version (\S+)/.exec(stored)?.[1];
  expect(version).toMatch(/^sha256:/);
  expect(version).not.toBe(before.configVersion);

  const sync = await syncJson(state);
  expect(sync.configChanged).toBe(true);
  const after = JSON.parse(await cli(['terminal', 'status', '--state', state, '--json'])) as {
    configVersion: string;
  };
  expect(after.configVersion).toBe(version);
}, 60_000);

test('without adb the desk says how to install it and keeps serving', async () => {
  const port = await freePort();
  const bare = await startLongRunning(
    ['desk', '--data', path.join(root, 'data2'), '--port', String(port)],
    /enrollment code:/,
    { PATH: path.join(root, 'no-such-dir') },
  );
  try {
    await bare.waitForOutput(/adb \(Android platform-tools\) was not found/);
    expect(bare.output()).toContain('apt-get install adb');
    const res = await fetch(`http://127.0.0.1:${port}/device/v1/hello`, { method: 'POST' });
    expect(res.status).toBe(401);
  } finally {
    await bare.stop();
  }
  const help = await runCli(['desk', '--help']);
  expect(help.stdout).toContain('--exchange');
}, 60_000);

// Issue 15: `serve --adb` sets up the USB-cable fallback as `desk` does: each cabled terminal gets
// `adb reverse` to the server's port (a fake adb records the calls), again after a re-plug; a
// terminal enrolled over its localhost then exchanges through it.
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeFakeAdb } from '../src/testing/fake-adb.js';
import { cli, freePort, removeDir, tempDir, waitFor } from '../src/testing/harness.js';
import { type LongRunning, startLongRunning } from '../src/testing/long-running.js';

let root = '';
let server: LongRunning | undefined;

beforeAll(() => {
  root = tempDir('serve-cable');
});

afterAll(async () => {
  await server?.stop();
  removeDir(root);
});

test('serve --adb gives each cabled terminal adb reverse to its port, once per plug', async () => {
  const adb = writeFakeAdb(path.join(root, 'adb'));
  adb.setDevices([['TSD0042', 'device']]);
  const port = await freePort();
  server = await startLongRunning(
    [
      'serve',
      '--data',
      path.join(root, 'data'),
      '--demo',
      '--port',
      String(port),
      '--adb',
      adb.executable,
      '--adb-poll',
      '100',
    ],
    /enrollment code:\s+\S+/,
  );
  expect(server.output()).toContain(`a cabled terminal opens http://localhost:${port}`);
  await server.waitForOutput(/terminal TSD0042: connected; its localhost:\d+ now reaches this server/);
  const reverse = ['-s', 'TSD0042', 'reverse', `tcp:${port}`, `tcp:${port}`].join(' ');
  const reverses = () => adb.calls().filter((c) => c.join(' ') === reverse).length;
  const polls = () => adb.calls().filter((c) => c[0] === 'devices').length;
  const seen = polls();
  await waitFor(() => polls() >= seen + 3, 20_000); // more polls with the terminal still plugged
  expect(reverses()).toBe(1);

  // Over the cable the terminal reaches the server as its own localhost.
  const code = /enrollment code:\s+(\S+)/.exec(server.output())?.[1] ?? '';
  const state = path.join(root, 'term');
  await cli(['terminal', 'enroll', '--server', `http://localhost:${port}`, '--code', code, '--state', state]);
  const synced = JSON.parse(await cli(['terminal', 'sync', '--state', state, '--json'])) as {
    pulledDocuments: number;
  };
  expect(synced.pulledDocuments).toBeGreaterThan(0);

  adb.setDevices([]);
  await server.waitForOutput(/TSD0042: cable disconnected/);
  adb.setDevices([['TSD0042', 'device']]);
  await waitFor(() => reverses() === 2, 20_000);
}, 90_000);

test('serve --adb with no adb on PATH says how to install it and keeps serving', async () => {
  const port = await freePort();
  const bare = await startLongRunning(
    ['serve', '--data', path.join(root, 'data2'), '--port', String(port), '--adb'],
    /enrollment code:/,
    { PATH: path.join(root, 'no-such-dir') },
  );
  try {
    await bare.waitForOutput(/adb \(Android platform-tools\) was not found/);
    const res = await fetch(`http://127.0.0.1:${port}/device/v1/hello`, { method: 'POST' });
    expect(res.status).toBe(401);
  } finally {
    await bare.stop();
  }
}, 60_000);

// Command-line traps a new user falls into, with whole processes: enrolling a folder that already
// holds an enrolled terminal asks for --force instead of silently making a new device.
import { expect, test } from 'vitest';
import { cli, enrollWithPrintedCode, freePort, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const e2e = loopbackFixture('traps');

test('enrolling an enrolled terminal again needs --force and then makes a new device', async () => {
  const server = await e2e.startServer();
  const first = /enrolled as (\S+)/.exec(await enrollWithPrintedCode(server, e2e.stateDir))?.[1];
  expect(first).toBeDefined();
  const key = ['--server', server.url, '--key', server.apiKey];
  const code = () =>
    cli(['devices', 'enroll-code', ...key]).then((out) => /code: (\S+)/.exec(out)?.[1] ?? '');
  const enroll = async (...extra: string[]) =>
    runCli([
      'terminal',
      'enroll',
      '--server',
      server.url,
      '--code',
      await code(),
      '--state',
      e2e.stateDir,
      ...extra,
    ]);

  const refused = await enroll();
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('TERMINAL_ALREADY_ENROLLED');
  expect(refused.stderr).toContain(first);
  const status = JSON.parse(await cli(['terminal', 'status', '--state', e2e.stateDir, '--json'])) as {
    deviceId: string;
  };
  expect(status.deviceId).toBe(first);

  const forced = await enroll('--force');
  expect(forced.code, forced.stderr).toBe(0);
  expect(forced.stdout).not.toContain(first);
}, 120_000);

test('terminal login takes a PIN or a badge as the app does; scans then carry the operator', async () => {
  // A server of its own (the file's first one is still running on the fixture's port).
  const server = await e2e.startServer({ demo: true, dataDir: e2e.dir('demo'), port: await freePort() });
  const state = e2e.dir('login');
  await enrollWithPrintedCode(server, state);
  const login = (...args: string[]) => runCli(['terminal', 'login', '--state', state, ...args]);

  const early = await login('--pin', '1111');
  expect(early.stderr).toContain('TERMINAL_NO_OPERATORS');
  await cli(['terminal', 'sync', '--state', state]);

  const wrong = await login('--pin', '9999');
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('TERMINAL_SIGN_IN_FAILED');
  expect((await login('--badge', 'BADGE-0002')).stdout).toContain('Anna Petrova (U2) signed in');
  expect((await login('--pin', '1111')).stdout).toContain('Иванов Иван (U1) signed in');
  expect((await login('--pin', '1111', '--badge', 'X')).stderr).toContain('CLI_USAGE');

  await cli(['terminal', 'scan', '--state', state, '--doc', 'DEMO-RECEIPT-1', '--barcode', '4600000000015']);
  await cli(['terminal', 'sync', '--state', state]);
  const res = await fetch(`${server.url}/api/v1/documents/DEMO-RECEIPT-1`, {
    headers: { authorization: `Bearer ${server.apiKey}` },
  });
  const doc = (await res.json()) as { facts: { operatorId?: string }[] };
  expect(doc.facts.map((f) => f.operatorId)).toEqual(['U1']);
}, 180_000);

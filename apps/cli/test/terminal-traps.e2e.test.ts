// Command-line traps a new user falls into, with whole processes: enrolling a folder that already
// holds an enrolled terminal asks for --force instead of silently making a new device.
import { expect, test } from 'vitest';
import { cli, enrollWithPrintedCode, runCli } from '../src/testing/harness.js';
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

// Issue 7 acceptance (app updates and the device registry), with whole processes over loopback: an app
// version assigned to the pilot group reaches only the pilot terminal and is rolled back; the registry
// shows what every hello reported and flags a terminal that has gone silent.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { accounting, cli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

let pilotDir = '';
let stableDir = '';
let buildDir = '';
const e2e = loopbackFixture('fleet');

beforeAll(() => {
  pilotDir = e2e.dir('pilot');
  stableDir = e2e.dir('stable');
  buildDir = e2e.dir('build');
});

/** The version every virtual terminal runs. */
const RUNNING = '0.1.0';

interface StatusJson {
  deviceId: string;
  configVersion?: string;
  pendingAppVersion?: string;
}

async function enroll(state: string, url: string, code: string): Promise<StatusJson> {
  await cli(['terminal', 'enroll', '--server', url, '--code', code, '--state', state]);
  await cli(['terminal', 'sync', '--state', state]);
  return status(state);
}

async function status(state: string): Promise<StatusJson> {
  return JSON.parse(await cli(['terminal', 'status', '--state', state, '--json'])) as StatusJson;
}

test('an app version reaches only the pilot group and is rolled back; the registry flags silence', async () => {
  const server = await e2e.startServer();
  const acc = accounting(server.url, server.apiKey);
  const pilot = await enroll(pilotDir, server.url, server.enrollmentCode);
  const code = (await acc.call('POST', '/api/v1/devices/enrollments')).body.code as string;
  const stable = await enroll(stableDir, server.url, code);

  const made = await acc.call('POST', '/api/v1/app-versions', { version: RUNNING, minProtocol: 1 });
  expect(made.status).toBe(201);
  await acc.call('PUT', '/api/v1/device-groups/stable/app-version', { version: RUNNING });
  await acc.call('PUT', '/api/v1/device-groups/pilot/app-version', { version: RUNNING });
  expect((await acc.call('PUT', `/api/v1/devices/${pilot.deviceId}/group`, { group: 'pilot' })).status).toBe(
    204,
  );
  // The administrator publishes the built app 0.2.0 straight to the pilot group.
  mkdirSync(path.join(buildDir, 'assets'), { recursive: true });
  writeFileSync(path.join(buildDir, 'index.html'), '<!doctype html><title>Shelfsync 0.2.0</title>');
  writeFileSync(path.join(buildDir, 'assets', 'app-1a2b.js'), 'console.log("0.2.0")');
  const publish = ['app-version', 'publish', '--server', server.url, '--key', server.apiKey];
  const published = await cli([
    ...publish,
    '0.2.0',
    '--min-protocol',
    '1',
    '--dir',
    buildDir,
    '--group',
    'pilot',
  ]);
  expect(published).toContain('2 file(s) uploaded');
  expect((await acc.call('GET', '/api/v1/device-groups/pilot/app-version')).body).toMatchObject({
    current: { version: '0.2.0' },
  });
  const served = await fetch(`${server.url}/app/0.2.0/`);
  expect(await served.text()).toContain('Shelfsync 0.2.0');

  for (const dir of [pilotDir, stableDir]) await cli(['terminal', 'sync', '--state', dir]);
  expect((await status(pilotDir)).pendingAppVersion).toBe('0.2.0');
  expect((await status(stableDir)).pendingAppVersion).toBeUndefined();
  const text = await cli(['terminal', 'status', '--state', pilotDir]);
  expect(text).toContain('app update offered: 0.2.0');

  const rollback = ['app-version', 'rollback', '--server', server.url, '--key', server.apiKey];
  expect(await cli([...rollback, '--group', 'pilot'])).toContain(`group pilot now runs ${RUNNING}`);
  await cli(['terminal', 'sync', '--state', pilotDir]);
  expect((await status(pilotDir)).pendingAppVersion).toBeUndefined();

  // The stable terminal then goes quiet while the pilot one keeps calling.
  await new Promise((r) => setTimeout(r, 3500));
  await cli(['terminal', 'sync', '--state', pilotDir]);
  // The threshold lies halfway between the two terminals' silences (at least 3.5 s apart), so a slow
  // machine, which lengthens both, cannot put the pilot terminal past it.
  const seen = (await acc.call('GET', '/api/v1/devices')).body.items as { id: string; lastSeenAt: string }[];
  const age = (id: string) => Date.now() - Date.parse(seen.find((d) => d.id === id)?.lastSeenAt ?? '');
  const thresholdMinutes = (age(pilot.deviceId) + age(stable.deviceId)) / 2 / 60_000;
  const registry = await acc.call('GET', `/api/v1/devices?silentMinutes=${thresholdMinutes}`);
  const items = registry.body.items as Record<string, unknown>[];
  const entry = (id: string) => items.find((d) => d.id === id);
  expect(entry(pilot.deviceId)).toMatchObject({
    group: 'pilot',
    appVersion: RUNNING,
    protocolVersion: 1,
    configVersion: pilot.configVersion,
    backlog: 0,
    silent: false,
  });
  expect(entry(stable.deviceId)).toMatchObject({ group: 'stable', appVersion: RUNNING, silent: true });
  for (const id of [pilot.deviceId, stable.deviceId]) {
    const storage = entry(id)?.storage as { used: number; free: number };
    expect(storage.used).toBeGreaterThan(0);
    expect(storage.free).toBeGreaterThan(0);
    expect(typeof entry(id)?.lastSeenAt).toBe('string');
  }
  const relaxed = (await acc.call('GET', '/api/v1/devices')).body.items as { silent: boolean }[];
  expect(relaxed.map((d) => d.silent)).toEqual([false, false]);
}, 120_000);

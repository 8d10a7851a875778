import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { codeOf, enrollDevice, type Harness, KEY, startHarness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  h.app.inject({ method, url: `/api/v1${url}`, headers: KEY, ...(payload ? { payload } : {}) });

const hello = (auth: Record<string, string>, extra: object = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/device/v1/hello',
    headers: auth,
    payload: { protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0', ...extra },
  });

test('a version assigned to the pilot group reaches only pilot devices, and rolls back', async () => {
  const pilot = await enrollDevice(h);
  const other = await enrollDevice(h);
  for (const version of ['1.0.0', '1.1.0']) {
    expect(
      (await api('POST', '/app-versions', { version, minProtocol: 1, notes: `v${version}` })).statusCode,
    ).toBe(201);
  }
  expect((await hello(pilot.auth)).json().app).toBeUndefined();
  await api('PUT', '/device-groups/stable/app-version', { version: '1.0.0' });
  await api('PUT', '/device-groups/pilot/app-version', { version: '1.0.0' });
  expect((await api('PUT', `/devices/${pilot.deviceId}/group`, { group: 'pilot' })).statusCode).toBe(204);
  const assigned = await api('PUT', '/device-groups/pilot/app-version', { version: '1.1.0' });
  expect(assigned.json().current).toMatchObject({ version: '1.1.0' });

  expect((await hello(pilot.auth)).json().app).toEqual({ version: '1.1.0', notes: 'v1.1.0' });
  expect((await hello(other.auth)).json().app).toEqual({ version: '1.0.0', notes: 'v1.0.0' });

  const back = await api('POST', '/device-groups/pilot/rollback');
  expect(back.json().current).toMatchObject({ version: '1.0.0' });
  expect((await hello(pilot.auth)).json().app).toMatchObject({ version: '1.0.0' });
  expect(codeOf(await api('POST', '/device-groups/pilot/rollback'))).toBe('APP_VERSION_NO_ROLLBACK');
});

test('assignments are refused for unknown versions, protocols newer than the server, unknown devices', async () => {
  await api('POST', '/app-versions', { version: '9.0.0', minProtocol: PROTOCOL_VERSION + 1 });
  expect(codeOf(await api('PUT', '/device-groups/pilot/app-version', { version: '9.0.0' }))).toBe(
    'APP_VERSION_PROTOCOL_TOO_NEW',
  );
  expect(codeOf(await api('PUT', '/device-groups/pilot/app-version', { version: '2.0.0' }))).toBe(
    'APP_VERSION_NOT_FOUND',
  );
  expect(codeOf(await api('PUT', '/devices/nope/group', { group: 'pilot' }))).toBe('DEVICE_NOT_FOUND');
  expect(codeOf(await api('PUT', '/devices/nope/group', { group: 'bad group!' }))).toBe('REQ_VALIDATION');
});

test('the registry shows what hellos reported and flags silent devices', async () => {
  const a = await enrollDevice(h);
  const b = await enrollDevice(h);
  await hello(a.auth, { backlog: 2, storage: { used: 10, free: 90 }, configVersion: 'sha256:abc' });
  h.setNow(new Date('2026-11-25T10:30:00.000Z'));
  await hello(b.auth, { appVersion: '1.1.0' });
  h.setNow(new Date('2026-11-25T11:20:00.000Z'));
  const list = (await api('GET', '/devices')).json().items as Record<string, unknown>[];
  expect(list.find((d) => d.id === a.deviceId)).toMatchObject({
    appVersion: '1.0.0',
    configVersion: 'sha256:abc',
    backlog: 2,
    storage: { used: 10, free: 90 },
    group: 'stable',
    lastSeenAt: '2026-11-25T10:00:00.000Z',
    silent: true,
  });
  expect(list.find((d) => d.id === b.deviceId)).toMatchObject({ appVersion: '1.1.0', silent: false });
  const strict = (await api('GET', '/devices?silentMinutes=30')).json().items as { silent: boolean }[];
  expect(strict.map((d) => d.silent)).toEqual([true, true]);
});

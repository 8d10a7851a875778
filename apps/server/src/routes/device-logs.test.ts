import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { deviceLogFiles } from '../device-log-files.js';
import { codeOf, enrollDevice, type Harness, KEY, startHarness } from '../testing/harness.js';

let h: Harness;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shelfsync-logs-'));
  h = await startHarness({ deviceLogs: deviceLogFiles(dir) });
});
afterEach(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

test('lines pushed by a terminal are listed, filtered and downloaded', async () => {
  const device = await enrollDevice(h);
  const logs = [
    { seq: 1, at: '2026-11-25T09:00:00.000Z', level: 'info', message: 'signed in' },
    { seq: 2, at: '2026-11-25T09:05:00.000Z', level: 'warn', message: 'link lost' },
  ];
  const push = await h.app.inject({
    method: 'POST',
    url: '/device/v1/push',
    headers: device.auth,
    payload: { mutations: [], logs },
  });
  expect(push.statusCode).toBe(200);
  const url = `/api/v1/devices/${device.deviceId}/logs`;
  const all = await h.app.inject({ method: 'GET', url, headers: KEY });
  expect(all.json().items.map((l: { message: string }) => l.message)).toEqual(['signed in', 'link lost']);
  const warn = await h.app.inject({ method: 'GET', url: `${url}?level=warn`, headers: KEY });
  expect(warn.json().items).toEqual([expect.objectContaining({ seq: 2, deviceId: device.deviceId })]);
  const file = await h.app.inject({ method: 'GET', url: `${url}?download=1&limit=1`, headers: KEY });
  expect(file.headers['content-type']).toMatch(/^application\/x-ndjson/);
  expect(file.headers['content-disposition']).toContain('attachment');
  expect(
    file.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).seq),
  ).toEqual([2]);

  const unknown = await h.app.inject({ method: 'GET', url: '/api/v1/devices/dev-none/logs', headers: KEY });
  expect(codeOf(unknown)).toBe('DEVICE_NOT_FOUND');
  const bad = await h.app.inject({ method: 'GET', url: `${url}?level=loud`, headers: KEY });
  expect(codeOf(bad)).toBe('REQ_VALIDATION');
});

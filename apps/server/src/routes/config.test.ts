import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { codeOf, enrollDevice, type Harness, KEY, startHarness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const TYPES = `documentTypes:
  - id: count
    name: { en: Count, ru: Инвентаризация }
    overPlan: allow
    notInPlan: add
    unknownBarcode: keep
    cellRequired: true
    quantityMode: one
`;

const put = (payload: string, type = 'application/yaml') =>
  h.app.inject({ method: 'PUT', url: '/api/v1/config', headers: { ...KEY, 'content-type': type }, payload });

test('a YAML configuration is stored, read back as JSON and YAML, and sent at hello', async () => {
  const before = (await h.app.inject({ method: 'GET', url: '/api/v1/config', headers: KEY })).json();
  const res = await put(`${TYPES}settings:\n  sound: false\n`);
  expect(res.statusCode).toBe(200);
  const stored = res.json() as { version: string; settings: object; documentTypes: unknown[] };
  expect(stored.version).toMatch(/^sha256:[0-9a-f]{16}$/);
  expect(stored.version).not.toBe(before.version);
  expect(stored.settings).toEqual({ sound: false, syncIntervalSeconds: 60 });

  const yaml = await h.app.inject({ method: 'GET', url: '/api/v1/config?format=yaml', headers: KEY });
  expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
  expect(yaml.body).toContain('sound: false');
  // Settings alone change the version.
  const body = JSON.stringify({ documentTypes: stored.documentTypes });
  const json = await put(body, 'application/json');
  expect(json.statusCode).toBe(200);
  expect(json.json().version).not.toBe(stored.version);

  const device = await enrollDevice(h);
  const hello = await h.app.inject({
    method: 'POST',
    url: '/device/v1/hello',
    headers: device.auth,
    payload: { protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0' },
  });
  expect(hello.json().config).toMatchObject({ version: json.json().version, settings: { sound: true } });
});

test('an invalid configuration is refused with every problem placed at its line', async () => {
  const res = await put(TYPES.replace('overPlan: allow', 'overPlan: always'));
  expect(res.statusCode).toBe(400);
  expect(codeOf(res)).toBe('CONFIG_INVALID');
  expect(res.json().error.details.issues).toEqual([
    expect.objectContaining({ line: 4, column: 15, path: 'documentTypes.0.overPlan' }),
  ]);
  const noKey = await h.app.inject({ method: 'PUT', url: '/api/v1/config', payload: TYPES });
  expect(noKey.statusCode).toBe(401);
});

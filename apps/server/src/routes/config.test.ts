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

// Issue 14: hostile configuration bodies. Without the pre-check, nesting a few thousand levels deep
// exhausts the stack inside the YAML library and V8 may abort the process at the next RegExp.
const flowBomb = (n: number) => `documentTypes: ${'['.repeat(n)}${']'.repeat(n)}\n`;
const blockBomb = (n: number) =>
  `documentTypes:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n')} x\n`;
const compactBomb = (n: number) => `documentTypes:\n  ${'- '.repeat(n)}x\n`;
const mapBomb = (n: number) =>
  `settings:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`;

test.each([
  ['flow', flowBomb(5000)],
  ['block', blockBomb(1400)],
  ['compact', compactBomb(5000)],
  ['mapping', mapBomb(1400)],
  ['JSON', `{"documentTypes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
])(
  'a configuration nested thousands deep (%s) is CONFIG_INVALID and the server goes on',
  async (_kind, body) => {
    const res = await put(body);
    expect(res.statusCode).toBe(400);
    expect(codeOf(res)).toBe('CONFIG_INVALID');
    expect(res.json().error.details.issues[0]).toMatchObject({ path: '(limits)' });
    expect(res.json().error.details.issues[0].message).toMatch(/nested more than 64/);
    // The next requests, each compiling fresh regular expressions, are answered.
    const next = await put(TYPES.replace('overPlan: allow', 'overPlan: always'));
    expect(codeOf(next)).toBe('CONFIG_INVALID');
    expect((await put(TYPES)).statusCode).toBe(200);
    expect(new RegExp(`^(a|b)+${Math.random()}$`).test('ab')).toBe(false);
  },
);

test('an alias bomb is CONFIG_INVALID, not INTERNAL', async () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(12).fill(`*${prev}`).join(',')}]`);
  }
  const res = await put(`settings:\n  bomb:\n${levels.map((l) => `    ${l}`).join('\n')}\n${TYPES}`);
  expect(res.statusCode).toBe(400);
  expect(codeOf(res)).toBe('CONFIG_INVALID');
  expect(res.json().error.details.issues[0]).toMatchObject({ path: '(limits)' });
  // Few aliases but a large expansion: the library's own cap answers, still CONFIG_INVALID.
  const wide = ['x: &x [1,2,3,4,5,6,7,8,9,10]'];
  let prev = 'x';
  for (let i = 0; i < 30; i++) {
    wide.push(`y${i}: &y${i} [*${prev},*${prev}]`);
    prev = `y${i}`;
  }
  const res2 = await put(`settings:\n  bomb:\n${wide.map((l) => `    ${l}`).join('\n')}\n${TYPES}`);
  expect(res2.statusCode).toBe(400);
  expect(codeOf(res2)).toBe('CONFIG_INVALID');
  expect((await put(TYPES)).statusCode).toBe(200);
});

test('a configuration body over 1 MiB is refused before it is parsed', async () => {
  const res = await put(`${TYPES}# ${'x'.repeat(1024 * 1024)}\n`);
  expect(res.statusCode).toBe(413);
  expect(codeOf(res)).toBe('REQ_TOO_LARGE');
});

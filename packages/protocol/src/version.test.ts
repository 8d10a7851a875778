import { expect, test } from 'vitest';
import { DEVICE_API_HISTORY, MIN_PROTOCOL_VERSION, mayBeMissing, PROTOCOL_VERSION } from './version.js';

test('the history is in order, names each route once and covers every supported version', () => {
  const days = DEVICE_API_HISTORY.map((c) => c.since);
  expect(days).toEqual([...days].sort());
  const versions = DEVICE_API_HISTORY.map((c) => c.version);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  for (let v = MIN_PROTOCOL_VERSION; v <= PROTOCOL_VERSION; v++) expect(versions).toContain(v);
  expect(Math.max(...versions)).toBe(PROTOCOL_VERSION);
  const routes = DEVICE_API_HISTORY.flatMap((c) => c.routes);
  expect(new Set(routes).size).toBe(routes.length);
  for (const change of DEVICE_API_HISTORY) {
    expect(change.routes.length + change.optional.length).toBeGreaterThan(0);
    for (const route of change.routes) expect(route).toMatch(/^\/[a-z/]+$/);
  }
});

test('a route added after its version was first released may be missing on an older base', () => {
  for (const route of ['/enroll', '/hello', '/pull', '/push']) expect(mayBeMissing(route)).toBe(false);
  for (const route of ['/lookup', '/stock', '/documents/claim', '/operator'])
    expect(mayBeMissing(route)).toBe(true);
  expect(mayBeMissing('/nowhere')).toBe(false);
});

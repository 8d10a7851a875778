import { PROTOCOL_VERSION } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { parseParts, TO_BASE_PARTS } from './exchange-parts.js';

const hello = { protocolVersion: PROTOCOL_VERSION, appVersion: '1.0.0' };

test('an optional part added later reads as empty from an older bundle; a required one is still required', () => {
  const older = new Map<string, unknown[]>([
    ['hello', [hello]],
    ['mutations', []],
    ['logs', []],
  ]);
  expect(parseParts(older, TO_BASE_PARTS).operator).toEqual([]);
  const newer = new Map([...older, ['operator', [{ operatorId: 'u1' }]]]);
  expect(parseParts(newer, TO_BASE_PARTS).operator).toEqual([{ operatorId: 'u1' }]);
  const bad = new Map([...older, ['operator', [{ operatorId: '' }]]]);
  expect(() => parseParts(bad, TO_BASE_PARTS)).toThrow(expect.objectContaining({ code: 'BUNDLE_MALFORMED' }));
  older.delete('logs');
  expect(() => parseParts(older, TO_BASE_PARTS)).toThrow(
    expect.objectContaining({ code: 'BUNDLE_MALFORMED', details: { part: 'logs' } }),
  );
});

import { createHash } from 'node:crypto';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { expect, test } from 'vitest';
import { canonicalJson, configSnapshot } from './config-snapshot.js';

test('canonical JSON sorts keys at every level and drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: 'x' } })).toBe(
    '{"a":{"c":"x","d":[2,{"f":1}]},"b":1}',
  );
});

test('the version is the first 16 hex digits of the SHA-256 of the canonical JSON', () => {
  const expected = createHash('sha256').update(canonicalJson(DEFAULT_DOCUMENT_TYPES)).digest('hex');
  expect(configSnapshot(DEFAULT_DOCUMENT_TYPES).version).toBe(`sha256:${expected.slice(0, 16)}`);
});

test('key order does not change the version; content does', () => {
  const [first] = DEFAULT_DOCUMENT_TYPES;
  if (!first) throw new Error('no default types');
  const reordered = Object.fromEntries(Object.entries(first).reverse()) as typeof first;
  expect(configSnapshot([reordered]).version).toBe(configSnapshot([first]).version);
  expect(configSnapshot([{ ...first, shared: !first.shared }]).version).not.toBe(
    configSnapshot([first]).version,
  );
});

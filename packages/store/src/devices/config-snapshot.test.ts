import { createHash } from 'node:crypto';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { canonicalJson } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { configSnapshot } from './config-snapshot.js';

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

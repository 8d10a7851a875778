import { expect, test } from 'vitest';
import { canonicalJson } from './canonical-json.js';

test('canonical JSON sorts keys at every level and drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: 'x' } })).toBe(
    '{"a":{"c":"x","d":[2,{"f":1}]},"b":1}',
  );
});

test('an undefined array item is written as null, as JSON.stringify does', () => {
  expect(canonicalJson([1, undefined, 'a'])).toBe(JSON.stringify([1, undefined, 'a']));
});

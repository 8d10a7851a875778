import { expect, test } from 'vitest';
import { addChecksum, rowChecksum, subtractChecksum } from './checksum.js';

test('row checksum depends on id and seq', () => {
  expect(rowChecksum('p1', 1)).not.toBe(rowChecksum('p1', 2));
  expect(rowChecksum('p1', 1)).not.toBe(rowChecksum('p2', 1));
  expect(rowChecksum('p1', 1)).toBe(rowChecksum('p1', 1));
});

test('checksum is an order-independent sum that can be undone', () => {
  const a = rowChecksum('a', 5);
  const b = rowChecksum('b', 7);
  expect(addChecksum(addChecksum(0, a), b)).toBe(addChecksum(addChecksum(0, b), a));
  expect(subtractChecksum(addChecksum(a, b), b)).toBe(a);
  expect(addChecksum(0xffffffff, 2)).toBe(1);
});

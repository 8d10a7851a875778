import { expect, test } from 'vitest';
import { parseDecimal } from './decimal.js';

test.each([
  ['12,50', 12.5],
  ['1 234,56', 1234.56],
  ['1\u00a0234,5', 1234.5],
  ['1.234,5', 1234.5],
  ['1,234.5', 1234.5],
  ['-0,5', -0.5],
  ['+3', 3],
  ['.5', 0.5],
  ['7.', 7],
  ['1e3', 1000],
  [' 42 ', 42],
])('parseDecimal(%j) = %d', (text, value) => {
  expect(parseDecimal(text)).toBe(value);
});

test.each(['', '  ', 'abc', '1,2,3', '1.2.3', '12руб', '--1', 'Infinity', '0x10'])(
  'parseDecimal(%j) is undefined',
  (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  },
);

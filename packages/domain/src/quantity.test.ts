import { expect, test } from 'vitest';
import { addQty, roundQty, sumQty } from './quantity.js';

test('weights sum exactly to 3 decimals', () => {
  expect(0.1 + 0.2).not.toBe(0.3);
  expect(addQty(0.1, 0.2)).toBe(0.3);
  expect(sumQty([0.333, 0.333, 0.334])).toBe(1);
  expect(sumQty([1.2345])).toBe(1.235);
});

test('rounding drops noise and negative zero', () => {
  expect(roundQty(2.0004)).toBe(2);
  expect(Object.is(roundQty(-0.0001), 0)).toBe(true);
  expect(roundQty(-1.5)).toBe(-1.5);
});

import { expect, test } from 'vitest';
import { checkYymmdd, gs1DateToIso, gs1Year } from './gs1-date.js';

test('two-digit years follow the GS1 sliding century', () => {
  expect(gs1Year(26, 2026)).toBe(2026);
  expect(gs1Year(75, 2026)).toBe(2075);
  expect(gs1Year(77, 2026)).toBe(1977);
  expect(gs1Year(1, 2090)).toBe(2101);
});

test('day 00 means the last day of the month, leap years included', () => {
  expect(gs1DateToIso('240200', 2026)).toBe('2024-02-29');
  expect(gs1DateToIso('250200', 2026)).toBe('2025-02-28');
  expect(gs1DateToIso('261100', 2026)).toBe('2026-11-30');
  expect(gs1DateToIso('261231', 2026)).toBe('2026-12-31');
});

test('impossible dates are explained', () => {
  expect(checkYymmdd('260231', true)).toContain('day 31');
  expect(checkYymmdd('250229', true)).toContain('day 29');
  expect(checkYymmdd('240229', true)).toBeUndefined();
  expect(checkYymmdd('260100', false)).toContain('day 00');
  expect(checkYymmdd('260001', true)).toContain('month 00');
});

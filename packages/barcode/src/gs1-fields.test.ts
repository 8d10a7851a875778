import { expect, test } from 'vitest';
import { applyGs1Fields, decimalValue, describeElements } from './gs1-fields.js';
import type { ParsedScan } from './types.js';

test('decimal values keep their implied decimals exactly', () => {
  expect(decimalValue('001250', 3)).toBe(1.25);
  expect(decimalValue('000005', 5)).toBe(0.00005);
  expect(decimalValue('123456', 0)).toBe(123456);
  expect(decimalValue('12', 4)).toBe(0.0012);
});

test('decimal AIs carry number and unit; date AIs an ISO date, day 00 → end of month', () => {
  const ais = describeElements(
    [
      { ai: '3103', value: '001250' },
      { ai: '3302', value: '012345' },
      { ai: '3932', value: '643199' },
      { ai: '17', value: '240200' },
      { ai: '15', value: '991231' },
    ],
    2026,
  );
  expect(ais).toEqual([
    { ai: '3103', value: '001250', number: 1.25, unit: 'kg' },
    { ai: '3302', value: '012345', number: 123.45, unit: 'kg' },
    { ai: '3932', value: '643199', number: 1.99, unit: 'ISO 4217 643' },
    { ai: '17', value: '240200', date: '2024-02-29' },
    { ai: '15', value: '991231', date: '1999-12-31' },
  ]);
});

test('fact-line fields come from the AIs; AI 17 wins over 15 for the expiry', () => {
  const scan: ParsedScan = { kind: 'gs1', text: '', raw: '', warnings: [] };
  applyGs1Fields(
    scan,
    describeElements(
      [
        { ai: '01', value: '04607809591331' },
        { ai: '15', value: '260115' },
        { ai: '17', value: '260300' },
        { ai: '10', value: 'L1' },
        { ai: '21', value: 'S1' },
        { ai: '30', value: '12' },
        { ai: '3102', value: '000525' },
      ],
      2026,
    ),
  );
  expect(scan).toMatchObject({
    gtin: '04607809591331',
    expiry: '2026-03-31',
    expiryRaw: '260300',
    lot: 'L1',
    serial: 'S1',
    quantity: 12,
    weightKg: 5.25,
    weightGrams: 5250,
  });
});

import { expect, test } from 'vitest';
import { parseScan } from './parse-scan.js';
import type { ParsedScan } from './types.js';

const GS = '\u001d';
const ok = (raw: string): ParsedScan => {
  const r = parseScan(raw, { referenceYear: 2026 });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const err = (raw: string) => {
  const r = parseScan(raw);
  if (r.ok) throw new Error(`expected an error for ${raw}, got ${r.value.kind}`);
  return r.error;
};

test('EAN-13, EAN-8, UPC-A, UPC-E, GTIN-14, ITF-14 and SSCC by length and symbology', () => {
  expect(ok('4607809591331')).toMatchObject({ kind: 'ean13', gtin: '04607809591331' });
  expect(ok('46009333')).toMatchObject({ kind: 'ean8', gtin: '00000046009333' });
  expect(ok(']E446009333')).toMatchObject({ kind: 'ean8', symbology: ']E4' });
  expect(ok('042100005264')).toMatchObject({ kind: 'upca', gtin: '00042100005264' });
  expect(ok('04252614')).toMatchObject({ kind: 'upce', gtin: '00042100005264' });
  expect(ok('14607809591338')).toMatchObject({ kind: 'gtin14', gtin: '14607809591338' });
  expect(ok(']I114607809591338')).toMatchObject({ kind: 'itf14', gtin: '14607809591338' });
  expect(ok('146078095000000019')).toMatchObject({ kind: 'sscc', sscc: '146078095000000019' });
});

test('wrong check digits are refused with the expected digit', () => {
  expect(err('4607809591332')).toEqual({
    code: 'BARCODE_CHECK_DIGIT',
    message: 'The check digit of EAN-13 4607809591332 is 2, expected 1',
  });
  expect(err('46009334').code).toBe('BARCODE_CHECK_DIGIT');
  expect(err('146078095000000016').message).toContain('SSCC');
  expect(err(']E004252615').message).toContain('UPC-E');
});

test('a wrong check digit can be read as text when the rules say so, or when the symbology is not EAN', () => {
  const lenient = parseScan('4607809591332', { badCheckDigit: 'text' });
  expect(lenient.ok && lenient.value.kind).toBe('text');
  expect(lenient.ok && lenient.value.warnings[0]).toContain('wrong check digit');
  expect(ok(']C04607809591332').kind).toBe('text');
});

test('GS1-128 with AIM prefix, dates with day 00, decimal weights', () => {
  const s = ok(`]C1010460780959133117260200` + `10LOT 7`.replace(' ', '') + `${GS}3103001250`);
  expect(s).toMatchObject({
    kind: 'gs1',
    symbology: ']C1',
    gtin: '04607809591331',
    expiry: '2026-02-28',
    expiryRaw: '260200',
    lot: 'LOT7',
    weightGrams: 1250,
    weightKg: 1.25,
  });
  expect(s.ais).toContainEqual({ ai: '3103', value: '001250', number: 1.25, unit: 'kg' });
});

test('a bare GS1 string of digits is recognised by its leading GTIN; an SSCC label too', () => {
  expect(ok('0104607809591331')).toMatchObject({ kind: 'gs1', gtin: '04607809591331' });
  expect(ok('00146078095000000019')).toMatchObject({ kind: 'sscc', sscc: '146078095000000019' });
  expect(ok(']C100146078095000000019')).toMatchObject({ kind: 'sscc' });
});

test('GS1 errors carry the reason', () => {
  expect(err(`]C10104607809591331172613011`).code).toBe('BARCODE_GS1_VALUE');
  expect(err(`]C10104607809591332`).code).toBe('BARCODE_CHECK_DIGIT');
  expect(err(`]C1239999`).code).toBe('BARCODE_GS1_UNKNOWN_AI');
  expect(err('0104607809591331ABC').code).toBe('BARCODE_GS1_UNKNOWN_AI');
});

test('plain text is kept for lookup: 1C codes, cell labels, numbers of other lengths', () => {
  expect(ok('C-01-02')).toMatchObject({ kind: 'text', text: 'C-01-02', warnings: [] });
  expect(ok('00000012345')).toMatchObject({ kind: 'text', text: '00000012345' });
  expect(ok('1012345')).toMatchObject({ kind: 'text' });
  expect(err('0104607809591332XYZ').code).toBe('BARCODE_CHECK_DIGIT'); // GS1-shaped, so not text
  expect(ok('Ячейка 5')).toMatchObject({ kind: 'text' });
});

test('a cell label typed through the Russian layout comes back in Latin with a warning', () => {
  const s = ok('С-01-02');
  expect(s).toMatchObject({ kind: 'text', text: 'C-01-02', raw: 'С-01-02' });
  expect(s.warnings).toHaveLength(1);
  const off = parseScan('С-01-02', { keyboardLayout: 'off' });
  expect(off.ok && off.value.text).toBe('С-01-02');
});

test('an empty scan is an error', () => {
  expect(err('').code).toBe('BARCODE_EMPTY');
  expect(err(' \r\n').code).toBe('BARCODE_EMPTY');
  expect(err(']E0').code).toBe('BARCODE_EMPTY');
});

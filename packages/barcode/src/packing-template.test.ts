import { expect, test } from 'vitest';
import { gs1CheckDigit } from './check-digit.js';
import { compileTemplate } from './packing-template.js';
import { parseScan } from './parse-scan.js';
import type { ScanRules } from './types.js';

test('{ProductId:5}{Quantity:3} maps the product and the quantity', () => {
  const rules: ScanRules = { templates: [{ template: '{ProductId:5}{Quantity:3}', packingKey: 'box' }] };
  const r = parseScan('12345024', rules);
  expect(r.ok && r.value).toMatchObject({
    kind: 'template',
    productKey: '12345',
    quantity: 24,
    packingKey: 'box',
  });
  // a letter where the quantity should be: the template does not apply
  const t = parseScan('12345O24', rules);
  expect(t.ok && t.value.kind).toBe('text');
});

test('29{ProductId:5}{Weight:5}{Check:1}: literal prefix, grams and a check digit', () => {
  const rules: ScanRules = { templates: [{ template: '29{ProductId:5}{Weight:5}{Check:1}' }] };
  const body = '290012301250';
  const r = parseScan(body + gs1CheckDigit(body), rules);
  expect(r.ok && r.value).toMatchObject({
    kind: 'template',
    productKey: '00123',
    weightGrams: 1250,
    weightKg: 1.25,
  });
  const bad = parseScan(body + ((gs1CheckDigit(body) + 1) % 10), rules);
  expect(bad.ok).toBe(false); // not this template, and not a valid EAN-13 either
});

test('decimals, a fixed product, custom fields and an open last field', () => {
  const rules: ScanRules = {
    templates: [{ template: 'P{Weight:6.3}{Price:6.2}{Batch:4}{Serial}', productKey: 'milk-1l' }],
  };
  const r = parseScan('P001500012345B001SN-77', rules);
  expect(r.ok && r.value).toMatchObject({
    productKey: 'milk-1l',
    weightGrams: 1500,
    priceKopecks: 12345,
    fields: { Batch: 'B001' },
    serial: 'SN-77',
  });
});

test('GTIN and expiry fields are validated and normalised', () => {
  const rules: ScanRules = { templates: [{ template: 'G{Gtin:13}E{Expiry:6}L{Lot}' }], referenceYear: 2026 };
  const r = parseScan('G4607809591331E260200LA-1', rules);
  expect(r.ok && r.value).toMatchObject({
    gtin: '04607809591331',
    expiry: '2026-02-28',
    expiryRaw: '260200',
    lot: 'A-1',
  });
  const bad = parseScan('G4607809591332E260200LA-1', rules);
  expect(bad.ok && bad.value.kind).toBe('text');
});

test('malformed templates are reported', () => {
  expect(compileTemplate({ template: '{ProductId}{Quantity:3}' })).toContain('only the last field');
  expect(compileTemplate({ template: '{Check:2}' })).toContain('{Check:1}');
  expect(compileTemplate({ template: '{ProductId:5' })).toContain('malformed');
  expect(compileTemplate({ template: '{ProductId:0}' })).toContain('length 0');
  const r = parseScan('123', { templates: [{ template: '{Quantity}X' }] });
  expect(!r.ok && r.error.code).toBe('BARCODE_RULES_INVALID');
});

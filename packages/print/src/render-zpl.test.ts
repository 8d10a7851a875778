import { expect, test } from 'vitest';
import { PRODUCT_LABEL } from './builtin-templates.js';
import { escapeFieldData, renderZpl } from './render-zpl.js';

test('command characters in field data are hex-escaped, never commands', () => {
  const zpl = renderZpl(PRODUCT_LABEL, { 'product.name': 'A^XZ~JA_b', 'product.id': 'P1' });
  expect(zpl.match(/\^XZ/g)).toHaveLength(1);
  expect(zpl).toContain('A_5EXZ_7EJA_5Fb');
});

test('Cyrillic is written as UTF-8 bytes', () => {
  expect(escapeFieldData('Ж')).toBe('_D0_96');
});

test('copies go into ^PQ', () => {
  expect(renderZpl(PRODUCT_LABEL, {}, 3)).toMatch(/\^PQ3\^XZ$/);
});

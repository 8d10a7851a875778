import { expect, test } from 'vitest';
import { readUnit, splitVariantId } from './cml-product-fields.js';
import { cleanText } from './cml-text.js';
import type { XmlNode } from './xml-node.js';

const unit = (attrs: Record<string, string>, text = ''): XmlNode => ({
  name: 'БазоваяЕдиница',
  attrs,
  text,
  children: [],
  line: 1,
});

test.each([
  ['code with a trailing space and text', unit({ Код: '796 ' }, 'шт'), { name: 'шт', code: '796' }],
  [
    'code only (Пересчет children)',
    unit({ Код: '166', НаименованиеПолное: 'Килограмм' }, '\n  \n'),
    { name: 'кг', code: '166', weighted: true },
  ],
  ['bare code as text', unit({}, '6'), { name: 'м', code: '006' }],
  ['short weight name, no code', unit({}, 'КГ'), { name: 'КГ', weighted: true }],
  [
    'unknown code: the full name',
    unit({ Код: '999', НаименованиеПолное: 'Бухта' }),
    { name: 'Бухта', code: '999' },
  ],
  ['nothing usable', unit({}), {}],
])('readUnit: %s', (_name, node, expected) => {
  expect(readUnit(node)).toEqual(expected);
});

test('splitVariantId: a trailing # is not a variant', () => {
  expect(splitVariantId('a#b')).toEqual({ productId: 'a', variantId: 'b' });
  expect(splitVariantId('cat-1#')).toEqual({ productId: 'cat-1' });
  expect(splitVariantId('plain')).toEqual({ productId: 'plain' });
});

test('cleanText: trims, NBSP to space, undoes double escaping once', () => {
  expect(cleanText('\u00a0 Сок &quot;Добрый&quot;\u00a01\u202fл ')).toBe('Сок "Добрый" 1 л');
  expect(cleanText('A &amp;amp; B')).toBe('A &amp; B');
  expect(cleanText('Tom & Jerry')).toBe('Tom & Jerry');
});

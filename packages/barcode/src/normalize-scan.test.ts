import { expect, test } from 'vitest';
import { normalizeScan } from './normalize-scan.js';

const GS = '\u001d';

test('plain printable text passes through untouched', () => {
  expect(normalizeScan('4607809591331')).toEqual({
    text: '4607809591331',
    gs1: false,
    layoutRepaired: false,
    warnings: [],
  });
});

test('AIM symbology identifiers are removed and GS1 ones flagged', () => {
  expect(normalizeScan(']E04607809591331')).toMatchObject({ text: '4607809591331', aim: ']E0', gs1: false });
  for (const aim of [']C1', ']d2', ']Q3', ']e0']) {
    expect(normalizeScan(`${aim}0104607809591331`)).toMatchObject({
      text: '0104607809591331',
      aim,
      gs1: true,
    });
  }
  expect(normalizeScan(']d1ABC')).toMatchObject({ text: 'ABC', aim: ']d1', gs1: false });
});

test.each([
  ['byte 0x1D', `10AB${GS}21CD`],
  ['<GS>', '10AB<GS>21CD'],
  ['{GS}', '10AB{GS}21CD'],
  ['[GS]', '10AB[GS]21CD'],
  ['escaped \\x1D', '10AB\\x1D21CD'],
  ['escaped \\x1d', '10AB\\x1d21CD'],
  ['escaped \\u001d', '10AB\\u001d21CD'],
  ['~1', '10AB~121CD'],
  ['<FNC1>', '10AB<FNC1>21CD'],
  ['caret notation ^]', '10AB^]21CD'],
  ['symbol ␝', '10AB\u241d21CD'],
])('GS written as %s becomes U+001D', (_name, raw) => {
  expect(normalizeScan(raw).text).toBe(`10AB${GS}21CD`);
});

test('a leading FNC1 marks GS1 data and is dropped; a trailing GS is dropped', () => {
  expect(normalizeScan(`${GS}0104607809591331${GS}`)).toMatchObject({ text: '0104607809591331', gs1: true });
  expect(normalizeScan('<FNC1>0104607809591331')).toMatchObject({ text: '0104607809591331', gs1: true });
  expect(normalizeScan('~10104607809591331')).toMatchObject({ text: '0104607809591331', gs1: true });
});

test('stray whitespace and scanner suffixes are removed; spaces inside plain text are kept', () => {
  expect(normalizeScan('  4607809591331\r\n').text).toBe('4607809591331');
  expect(normalizeScan('4607 8095 91331').text).toBe('4607809591331');
  expect(normalizeScan('\t]C1 01 04607809591331 \n').text).toBe('0104607809591331');
  expect(normalizeScan(' Cell A 01\r').text).toBe('Cell A 01');
});

test('a Russian keyboard layout is detected and repaired, AIM prefix included', () => {
  // "]C1" typed on ЙЦУКЕН arrives as "ъС1"
  const n = normalizeScan('ъС10104607809591331');
  expect(n).toMatchObject({ text: '0104607809591331', aim: ']C1', gs1: true, layoutRepaired: true });
  expect(n.warnings).toHaveLength(1);
  expect(normalizeScan('ъС10104607809591331', 'off').layoutRepaired).toBe(false);
});

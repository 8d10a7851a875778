import { expect, test } from 'vitest';
import { encodeElementString, GS, parseElementString } from './gs1-element-string.js';

const elements = (data: string) => {
  const r = parseElementString(data);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.elements;
};
const errorOf = (data: string) => {
  const r = parseElementString(data);
  return r.ok ? undefined : r.error;
};

test('predefined-length AIs need no separator; variable ones run to GS', () => {
  expect(elements(`01046078095913311726010010LOT-7${GS}21SER`)).toEqual([
    { ai: '01', value: '04607809591331' },
    { ai: '17', value: '260100' },
    { ai: '10', value: 'LOT-7' },
    { ai: '21', value: 'SER' },
  ]);
});

test('an AI-looking run inside a serial does not split it', () => {
  expect(elements(`0104607809591331211017260101${GS}10ABC`)).toEqual([
    { ai: '01', value: '04607809591331' },
    { ai: '21', value: '1017260101' },
    { ai: '10', value: 'ABC' },
  ]);
  expect(elements('01046078095913312117ABC10XYZ')).toEqual([
    { ai: '01', value: '04607809591331' },
    { ai: '21', value: '17ABC10XYZ' },
  ]);
});

test('8005 is fixed-length yet needs GS: with GS it parses, without it is refused', () => {
  expect(elements(`0104607809591331218005ABC${GS}8005012300${GS}93abcd`)).toEqual([
    { ai: '01', value: '04607809591331' },
    { ai: '21', value: '8005ABC' },
    { ai: '8005', value: '012300' },
    { ai: '93', value: 'abcd' },
  ]);
  expect(errorOf('01046078095913318005012300' + '93abcd')).toMatchObject({ code: 'BARCODE_GS1_SEPARATOR' });
  expect(errorOf('01046078095913318005012300' + '93abcd')?.message).toContain('8005');
});

test('a date with day 00 is accepted where the dictionary allows it (yymmd0) and not elsewhere', () => {
  expect(elements('17260200')).toEqual([{ ai: '17', value: '260200' }]);
  expect(errorOf(`7006260200`)).toMatchObject({ code: 'BARCODE_GS1_VALUE' }); // FIRST FREEZE DATE: yymmdd
  expect(errorOf('17261301')?.message).toContain('month 13');
  expect(errorOf('17260230')?.message).toContain('day 30');
});

test('wrong check digits are refused with the reason', () => {
  const e = errorOf('0104607809591332');
  expect(e).toMatchObject({ code: 'BARCODE_CHECK_DIGIT' });
  expect(e?.message).toContain('(01)');
  expect(errorOf('00046078095913310')).toMatchObject({ code: 'BARCODE_GS1_FORMAT' }); // 17 digits: too short
});

test('unknown AIs, bad characters and over-long values are refused', () => {
  expect(errorOf('2312345')).toMatchObject({ code: 'BARCODE_GS1_UNKNOWN_AI' });
  expect(errorOf('3103001A50')).toMatchObject({ code: 'BARCODE_GS1_FORMAT' });
  expect(errorOf(`10${'A'.repeat(21)}`)).toMatchObject({ code: 'BARCODE_GS1_SEPARATOR' });
  expect(errorOf(`10AB$C`)).toMatchObject({ code: 'BARCODE_GS1_FORMAT' });
  expect(errorOf('')).toMatchObject({ code: 'BARCODE_GS1_FORMAT' });
});

test('a repeated AI is tolerated with the same value and refused with another', () => {
  const same = parseElementString(`10A${GS}10A`);
  expect(same.ok && same.warnings).toEqual(['AI (10) appears twice']);
  expect(errorOf(`10A${GS}10B`)).toMatchObject({ code: 'BARCODE_GS1_VALUE' });
});

test('encoding puts GS only after variable-length fields that are not last', () => {
  expect(
    encodeElementString([
      { ai: '01', value: '04607809591331' },
      { ai: '10', value: 'L1' },
      { ai: '8005', value: '012300' },
      { ai: '17', value: '260100' },
      { ai: '21', value: 'S' },
    ]),
  ).toBe(`0104607809591331` + `10L1${GS}8005012300${GS}17260100` + '21S');
});

import { expect, test } from 'vitest';
import { repairRussianLayout } from './keyboard-layout.js';

test('maps Cyrillic back to the Latin keys, keeping case', () => {
  expect(repairRussianLayout('С-01-02')).toBe('C-01-02');
  expect(repairRussianLayout('сФйЦ')).toBe('cAqW');
  expect(repairRussianLayout('ДЩЕ1')).toBe('LOT1');
});

test('punctuation the Russian layout moves is restored too', () => {
  // "/" key types "." and "?" types "," on ЙЦУКЕН; "@" types '"', "#" types "№"
  expect(repairRussianLayout('Ф.И,№"')).toBe('A/B?#@');
  expect(repairRussianLayout('хъжэбюё')).toBe("[];',.`");
});

test('text that the layout could not have typed is left alone', () => {
  expect(repairRussianLayout('4607809591331')).toBeUndefined(); // no Cyrillic at all
  expect(repairRussianLayout('Сell')).toBeUndefined(); // Latin letters mixed in
  expect(repairRussianLayout('Ячейка [1]')).toBeUndefined(); // brackets are not on the Russian layout
  expect(repairRussianLayout('Ӂ1')).toBeUndefined(); // Cyrillic no ЙЦУКЕН key types
});

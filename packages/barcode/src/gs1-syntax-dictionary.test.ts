import { expect, test } from 'vitest';
import {
  expandEntry,
  parseComponent,
  parseDictionaryLine,
  parseSyntaxDictionary,
} from './gs1-syntax-dictionary.js';

test('components: fixed, variable, optional, with linters', () => {
  expect(parseComponent('N13,csum,gcppos1')).toEqual({
    type: 'N',
    min: 13,
    max: 13,
    optional: false,
    linters: ['csum', 'gcppos1'],
  });
  expect(parseComponent('[N..12]')).toEqual({ type: 'N', min: 1, max: 12, optional: true, linters: [] });
  expect(parseComponent('[N3],iso3166')).toEqual({
    type: 'N',
    min: 3,
    max: 3,
    optional: true,
    linters: ['iso3166'],
  });
  expect(parseComponent('req=01')).toBeUndefined();
  expect(parseComponent('[N3')).toBeUndefined();
});

test('lines: range, flags, attributes and a title containing "#"', () => {
  expect(parseDictionaryLine('3100-3105  *?  N6   req=01,02 ex=310n   # NET WEIGHT (kg)')).toEqual({
    from: '3100',
    to: '3105',
    predefined: true,
    components: [{ type: 'N', min: 6, max: 6, optional: false, linters: [] }],
    attributes: ['req=01,02', 'ex=310n'],
    title: 'NET WEIGHT (kg)',
  });
  const e = parseDictionaryLine('7030 ?  N3,iso3166999 X..27  req=01,02  # PROCESSOR # 0');
  expect(e.title).toBe('PROCESSOR # 0');
  expect(e.predefined).toBe(false);
  expect(parseDictionaryLine('8110 ? X..70,couponcode').title).toBe('');
  expect(() => parseDictionaryLine('ABC N6')).toThrow('bad AI');
});

test('comments are skipped and ranges expand with their width', () => {
  const entries = parseSyntaxDictionary('# comment\n\n91-93 ? X..90 # INTERNAL\n');
  expect(entries.flatMap(expandEntry)).toEqual(['91', '92', '93']);
});

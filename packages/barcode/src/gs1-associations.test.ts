import { expect, test } from 'vitest';
import { aiMatches, associationWarnings } from './gs1-associations.js';

test('patterns with n match any digit in place', () => {
  expect(aiMatches('31nn', '3103')).toBe(true);
  expect(aiMatches('310n', '3112')).toBe(false);
  expect(aiMatches('01', '010')).toBe(false);
});

test('a marking code and a typical GS1-128 raise no warning', () => {
  expect(
    associationWarnings([
      { ai: '01', value: '' },
      { ai: '21', value: '' },
      { ai: '91', value: '' },
      { ai: '92', value: '' },
    ]),
  ).toEqual([]);
  expect(
    associationWarnings([
      { ai: '01', value: '' },
      { ai: '17', value: '' },
      { ai: '10', value: '' },
      { ai: '3103', value: '' },
    ]),
  ).toEqual([]);
});

test('exclusive and missing partners are reported', () => {
  expect(
    associationWarnings([
      { ai: '01', value: '' },
      { ai: '02', value: '' },
    ]),
  ).toContain('AI (02) should not appear together with (01)');
  expect(
    associationWarnings([
      { ai: '3103', value: '' },
      { ai: '3102', value: '' },
      { ai: '01', value: '' },
    ]),
  ).toEqual([
    'AI (3103) should not appear together with (3102)',
    'AI (3102) should not appear together with (3103)',
  ]);
  expect(associationWarnings([{ ai: '10', value: '' }])).toEqual([
    'AI (10) usually comes with (01) or (02) or (03) or (8006) or (8026)',
  ]);
  // 7004 needs (01) and (10) together
  expect(
    associationWarnings([
      { ai: '01', value: '' },
      { ai: '7004', value: '' },
    ]),
  ).toEqual(['AI (7004) usually comes with (01)+(10)']);
});

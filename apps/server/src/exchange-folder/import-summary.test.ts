import { expect, test } from 'vitest';
import {
  addWarning,
  emptySummary,
  importedAnything,
  warningReport,
  warningWithFile,
} from './import-summary.js';

test('a warning kept as "line N: …" is printed as file:N: …; one without a line keeps the file only', () => {
  expect(warningWithFile('import.xml', 'line 12: BARCODE_CHECK_DIGIT: bad')).toBe(
    'import.xml:12: BARCODE_CHECK_DIGIT: bad',
  );
  expect(warningWithFile('a.csv', 'something odd')).toBe('a.csv: something odd');
});

test('the first 20 warnings, then how many more, counting those past the kept list', () => {
  const s = emptySummary();
  for (let i = 1; i <= 23; i++) addWarning(s, `line ${i}: W${i}`);
  s.warningCount += 100; // as if more had been dropped past MAX_KEPT_WARNINGS
  const lines = warningReport('f.csv', s);
  expect(lines).toHaveLength(21);
  expect(lines[0]).toBe('f.csv:1: W1');
  expect(lines[19]).toBe('f.csv:20: W20');
  expect(lines[20]).toBe('and 103 more warnings');
  const one = emptySummary();
  addWarning(one, 'line 1: a');
  addWarning(one, 'line 2: b');
  expect(warningReport('x', one, 1)).toEqual(['x:1: a', 'and 1 more warning']);
  expect(warningReport('x', emptySummary())).toEqual([]);
});

test('unchanged rows and documents count as imported; warnings alone do not', () => {
  const s = emptySummary();
  addWarning(s, 'line 1: skipped');
  expect(importedAnything(s)).toBe(false);
  expect(importedAnything({ ...s, unchanged: 1 })).toBe(true);
  expect(importedAnything({ ...s, documents: 1 })).toBe(true);
});

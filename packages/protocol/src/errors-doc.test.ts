import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderErrorsDoc } from './errors-doc.js';

test('docs/errors.md is generated from the current error table (run npm run docs:errors)', () => {
  const committed = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderErrorsDoc());
});

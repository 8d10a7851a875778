import { readFileSync } from 'node:fs';
import { renderErrorsDoc } from '@shelfsync/protocol';
import { expect, test } from 'vitest';
import { ERROR_DOC_SECTIONS } from './error-doc-sections.js';

test('docs/errors.md is generated from the current error tables (run npm run docs:errors)', () => {
  const committed = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderErrorsDoc(ERROR_DOC_SECTIONS));
});

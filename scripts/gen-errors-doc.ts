// Writes docs/errors.md from the error tables (run: npm run docs:errors).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_DOC_SECTIONS } from '../apps/cli/src/error-doc-sections.js';
import { renderErrorsDoc } from '../packages/protocol/src/errors-doc.js';

const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
writeFileSync(target, renderErrorsDoc(ERROR_DOC_SECTIONS));
console.log(`wrote ${target}`);

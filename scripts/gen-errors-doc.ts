// Writes docs/errors.md from the one error table in @shelfsync/protocol (run: npm run docs:errors).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderErrorsDoc } from '@shelfsync/protocol';

const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
writeFileSync(target, renderErrorsDoc());
console.log(`wrote ${target}`);

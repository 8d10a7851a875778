// `npm run bench [name…]`: runs every benchmark in scripts/bench/ (or the named ones) and prints
// figures with the machine they ran on. docs/benchmarks.md keeps the results.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printMachine } from './bench/report.js';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

printMachine(`npm run bench${wanted.length ? ` ${wanted.join(' ')}` : ''}`);
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const mod = (await import(`./bench/${file}`)) as { default: () => Promise<void> };
  await mod.default();
}

// `npm run fuzz`: the property-based fuzz suites (files named *fuzz*.test.ts) with many cases each:
// FUZZ_RUNS (default 10,000) instead of the 200 that `npm test` runs. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';

const runs = process.env['FUZZ_RUNS'] ?? '10000';
const result = spawnSync('npx', ['vitest', 'run', 'fuzz', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs },
  shell: process.platform === 'win32',
});
process.exitCode = result.status ?? 1;

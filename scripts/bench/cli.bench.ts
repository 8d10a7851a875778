// Start-up time of the `shelfsync` command beside a bare `node -e 0`, measured side by side (the
// runs interleave, so machine load hits each alike): `--version`, `terminal status` on an enrolled-
// looking state folder, both through the compiled bundle (`npm run build:cli`) and through the
// TypeScript sources (`SHELFSYNC_CLI_SOURCE=1`, what every call cost before the bundle).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './report.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(root, 'apps/cli/bin/shelfsync.js');
const ROUNDS = 9;

interface Case {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** What the command must print, so a broken start is not timed as a fast one. */
  expect: RegExp;
}

function once(c: Case): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.args, { env: { ...process.env, ...c.env }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0 || !c.expect.test(r.stdout)) {
    throw new Error(`${c.name}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return ms;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export default async function cliBench(): Promise<void> {
  if (!existsSync(path.join(root, 'apps/cli/dist/cli-inputs.json'))) {
    throw new Error('no compiled CLI: run `npm run build:cli` first');
  }
  const state = mkdtempSync(path.join(os.tmpdir(), 'shelfsync-bench-cli-'));
  try {
    const status = ['terminal', 'status', '--state', state];
    // `enroll` is the command that makes a state folder; one that fails at the network still makes it.
    spawnSync(process.execPath, [
      bin,
      'terminal',
      'enroll',
      '--server',
      'http://127.0.0.1:9',
      '--code',
      'x',
      '--state',
      state,
    ]);
    const source = { SHELFSYNC_CLI_SOURCE: '1' };
    const cases: Case[] = [
      { name: 'node -e 0 (floor)', args: ['-e', '0'], expect: /^$/ },
      { name: 'shelfsync --version (compiled)', args: [bin, '--version'], expect: /\d+\.\d+\.\d+/ },
      {
        name: 'shelfsync --version (sources, tsx)',
        args: [bin, '--version'],
        env: source,
        expect: /\d+\.\d+/,
      },
      { name: 'shelfsync terminal status (compiled)', args: [bin, ...status], expect: /not enrolled/ },
      {
        name: 'shelfsync terminal status (sources, tsx)',
        args: [bin, ...status],
        env: source,
        expect: /not enrolled/,
      },
    ];
    const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (const c of cases) once(c); // warm the file cache and tsx's transform cache
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of cases) times.get(c.name)?.push(once(c));
    }
    for (const c of cases) {
      const sorted = (times.get(c.name) ?? []).sort((a, b) => a - b);
      report(
        c.name,
        percentile(sorted, 0.5),
        'ms median',
        `p90 ${percentile(sorted, 0.9).toFixed(0)} ms, ${ROUNDS} runs interleaved`,
      );
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

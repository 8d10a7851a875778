// Issue 14: `shelfsync terminal docs | head` — the reader closes the pipe before the CLI writes.
// The CLI must stop quietly (no EPIPE stack trace, no error status), whole process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openNodeTerminal } from '@shelfsync/terminal-node';
import { afterAll, expect, test } from 'vitest';
import { REPO_ROOT, removeDir, tempDir } from '../src/testing/harness.js';

const BIN = path.join(REPO_ROOT, 'apps/cli/bin/shelfsync.js');
let state = '';
afterAll(() => removeDir(state));

function runIntoClosedPipe(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy(); // the reader is gone before the CLI has started
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

test.each([
  ['terminal docs', () => ['terminal', 'docs', '--state', state]],
  ['help', () => ['terminal', '--help']],
])(
  '%s into a closed pipe exits quietly',
  async (_name, args) => {
    if (!state) {
      // A terminal folder that holds a terminal (not yet enrolled): `docs` prints its empty list.
      state = tempDir('shelfsync-epipe-');
      await (await openNodeTerminal(state)).close();
    }
    const run = await runIntoClosedPipe(args());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  },
  60_000,
);

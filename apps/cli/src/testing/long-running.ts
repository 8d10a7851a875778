// Starts a long-running `shelfsync` command (desk, relay) as a child process for whole-process tests,
// collects its output and waits for lines in it.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, waitFor } from './harness.js';

const BIN = path.join(REPO_ROOT, 'apps/cli/bin/shelfsync.js');

export interface LongRunning {
  process: ChildProcess;
  output(): string;
  /** Waits until the output matches, and answers the match. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export async function startLongRunning(
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<LongRunning> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitForOutput = async (pattern: RegExp, timeoutMs = 30_000) => {
    try {
      await waitFor(() => pattern.test(out) || child.exitCode !== null, timeoutMs);
    } catch {
      throw new Error(`timed out waiting for ${pattern} in:\n${out}`);
    }
    const match = pattern.exec(out);
    if (!match) throw new Error(`shelfsync ${args[0]} exited before ${pattern}:\n${out}`);
    return match;
  };
  await waitForOutput(ready);
  return {
    process: child,
    output: () => out,
    waitForOutput,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

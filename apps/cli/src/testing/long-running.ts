// Starts a long-running `shelfsync` command (desk, relay) as a child process for whole-process tests,
// collects its output and waits for lines in it.
import type { ChildProcess } from 'node:child_process';
import { spawnCli, waitFor } from './harness.js';

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
  const spawned = spawnCli(args, { ...process.env, NO_COLOR: '1', ...env });
  const child = spawned.process;
  const out = spawned.output;
  const waitForOutput = async (pattern: RegExp, timeoutMs = 30_000) => {
    try {
      await waitFor(() => pattern.test(out()) || child.exitCode !== null, timeoutMs);
    } catch {
      throw new Error(`timed out waiting for ${pattern} in:\n${out()}`);
    }
    const match = pattern.exec(out());
    if (!match) throw new Error(`shelfsync ${args[0]} exited before ${pattern}:\n${out()}`);
    return match;
  };
  await waitForOutput(ready);
  return { process: child, output: out, waitForOutput, stop: () => spawned.stop() };
}

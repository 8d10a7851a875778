// Whole-process test harness: runs the real `shelfsync` command as child processes over loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join(REPO_ROOT, 'apps/cli/bin/shelfsync.js');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `shelfsync-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A port that was free a moment ago, so a restarted server can come back on the same address. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs a CLI command that must succeed; throws with its output otherwise. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCli(args, env);
  if (r.code !== 0) throw new Error(`shelfsync ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A `shelfsync` child process with its stdout and stderr collected as one text. */
export interface SpawnedCli {
  process: ChildProcess;
  output: () => string;
  /** Settles when the process has exited, with the signal that ended it (null: it exited itself). */
  exited: Promise<NodeJS.Signals | null>;
  /** Sends `signal` unless the process has already ended, and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `shelfsync ARGS` from the repository root with `env` as its whole environment. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): SpawnedCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (d: Buffer) => {
    out += d.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  return {
    process: child,
    output: () => out,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface RunningServer extends SpawnedCli {
  url: string;
  apiKey: string;
  enrollmentCode: string;
}

/** Enrolls a virtual terminal kept in `stateDir` with the code the server printed at start. */
export function enrollWithPrintedCode(
  server: Pick<RunningServer, 'url' | 'enrollmentCode'>,
  stateDir: string,
  env: Record<string, string> = {},
): Promise<string> {
  return cli(
    ['terminal', 'enroll', '--server', server.url, '--code', server.enrollmentCode, '--state', stateDir],
    env,
  );
}

export interface ServerOptions {
  dataDir: string;
  port: number;
  apiKey?: string;
  demo?: boolean;
  /** More `serve` options, e.g. a short `--log-retention-days`. */
  extraArgs?: string[];
  /** More environment for the server process, e.g. a short SHELFSYNC_LEASE_HOURS. */
  env?: Record<string, string>;
}

/** Starts `shelfsync serve` and waits until it prints its address. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const args = ['serve', '--data', opts.dataDir, '--port', String(opts.port), '--quiet'];
  if (opts.demo) args.push('--demo');
  if (opts.extraArgs) args.push(...opts.extraArgs);
  const spawned = spawnCli(args, {
    ...process.env,
    ...opts.env,
    SHELFSYNC_API_KEY: opts.apiKey ?? 'e2e-test-key-0123456789',
    NO_COLOR: '1',
  });
  const out = spawned.output;
  const ended = () => spawned.process.exitCode !== null;
  await waitFor(() => /enrollment code:\s+\S+/.test(out()) || ended(), 30_000);
  if (ended()) throw new Error(`server exited early:\n${out()}`);
  return {
    ...spawned,
    url: /listening on (\S+)/.exec(out())?.[1] ?? '',
    apiKey: /API key:\s+(\S+)/.exec(out())?.[1] ?? '',
    enrollmentCode: /enrollment code:\s+(\S+)/.exec(out())?.[1] ?? '',
  };
}

export async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Integration API client for the accounting side of a test. */
export function accounting(url: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}` };
  async function call(method: string, p: string, body?: unknown, contentType = 'application/json') {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  return { call };
}

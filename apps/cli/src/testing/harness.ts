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

export interface RunningServer {
  url: string;
  apiKey: string;
  enrollmentCode: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
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
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...opts.env,
      SHELFSYNC_API_KEY: opts.apiKey ?? 'e2e-test-key-0123456789',
      NO_COLOR: '1',
    },
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
  await waitFor(() => /enrollment code:\s+\S+/.test(out) || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
  const url = /listening on (\S+)/.exec(out)?.[1] ?? '';
  const apiKey = /API key:\s+(\S+)/.exec(out)?.[1] ?? '';
  const enrollmentCode = /enrollment code:\s+(\S+)/.exec(out)?.[1] ?? '';
  return {
    url,
    apiKey,
    enrollmentCode,
    process: child,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
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

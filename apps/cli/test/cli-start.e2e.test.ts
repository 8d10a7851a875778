// How the `shelfsync` command starts: the compiled bundle while it matches its sources, the
// TypeScript sources otherwise; and a mistyped --state is an error, not a new empty terminal.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { freePort, REPO_ROOT, removeDir, runCli, tempDir, waitFor } from '../src/testing/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
}

test('a --state folder that holds no terminal is refused and not created', async () => {
  const missing = path.join(scratch('state'), 'mistyped');
  const r = await runCli(['terminal', 'status', '--state', missing]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('TERMINAL_STATE_MISSING');
  expect(r.stderr).toContain(missing);
  expect(existsSync(missing)).toBe(false);
});

/** A copy of bin/shelfsync.js in a tree of its own, with a "bundle" and "sources" that say which ran. */
function fakeCliTree(): { root: string; source: string; run: (env?: NodeJS.ProcessEnv) => Promise<string> } {
  const root = scratch('bin');
  mkdirSync(path.join(root, 'apps/cli/bin'), { recursive: true });
  mkdirSync(path.join(root, 'apps/cli/src'), { recursive: true });
  mkdirSync(path.join(root, 'apps/cli/dist'), { recursive: true });
  copyFileSync(
    path.join(REPO_ROOT, 'apps/cli/bin/shelfsync.js'),
    path.join(root, 'apps/cli/bin/shelfsync.js'),
  );
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  writeFileSync(path.join(root, 'package.json'), '{"type":"module"}\n');
  const source = path.join(root, 'apps/cli/src/main.ts');
  writeFileSync(source, "const ran: string = 'sources';\nconsole.log(ran);\n");
  writeFileSync(path.join(root, 'apps/cli/dist/shelfsync.mjs'), "console.log('bundle');\n");
  const st = statSync(source);
  const inputs = [{ file: 'apps/cli/src/main.ts', size: st.size, mtimeMs: st.mtimeMs }];
  writeFileSync(
    path.join(root, 'apps/cli/dist/cli-inputs.json'),
    JSON.stringify({ entry: 'shelfsync.mjs', inputs }),
  );
  const run = (env: NodeJS.ProcessEnv = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'apps/cli/bin/shelfsync.js')], {
        env: { ...process.env, SHELFSYNC_CLI_SOURCE: '', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.once('error', reject);
      child.once('close', () => resolve(out.trim()));
    });
  return { root, source, run };
}

test('the compiled bundle runs while every source it was built from is unchanged', async () => {
  const tree = fakeCliTree();
  expect(await tree.run()).toBe('bundle');
  expect(await tree.run({ SHELFSYNC_CLI_SOURCE: '1' })).toBe('sources');
  // An edited source (another time) makes the bundle stale: the sources run.
  const later = new Date(Date.now() + 5_000);
  utimesSync(tree.source, later, later);
  expect(await tree.run()).toBe('sources');
});

test('without a built bundle the sources run', async () => {
  const tree = fakeCliTree();
  removeDir(path.join(tree.root, 'apps/cli/dist'));
  expect(await tree.run()).toBe('sources');
});

const BUNDLE = path.join(REPO_ROOT, 'apps/cli/dist/shelfsync.mjs');
const APP = path.join(REPO_ROOT, 'apps/terminal/dist/index.html');
const built = existsSync(BUNDLE) && existsSync(APP);
if (!built)
  console.warn(`skipping the bundled-server test: run npm run build:cli and build:terminal (${BUNDLE})`);

test.skipIf(!built)(
  'the bundled server finds and serves the terminal app',
  async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [BUNDLE, 'serve', '--demo', '--data', scratch('data'), '--port', String(port), '--quiet'],
      {
        env: { ...process.env, SHELFSYNC_API_KEY: 'bundle-test-key-0123456789' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    try {
      await waitFor(() => /enrollment code:/.test(out) || child.exitCode !== null, 60_000);
      expect(child.exitCode, out).toBeNull();
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="app"');
    } finally {
      child.kill('SIGTERM');
    }
  },
  90_000,
);

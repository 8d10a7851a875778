// The README's five-minute tour, run as written: the command-line block is read from README.md and
// each line is carried out against a real demo server — after the browser half (played here by a
// virtual terminal with the printed code, completing ПР-0001), as a new user would run it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  cli,
  freePort,
  REPO_ROOT,
  type RunningServer,
  removeDir,
  runCli,
  startServer,
  tempDir,
} from '../src/testing/index.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The shell block that follows "From the command line" in the README. */
function tourBlock(): string[] {
  const start = README.indexOf('**From the command line**');
  const open = README.indexOf('```sh\n', start);
  const close = README.indexOf('```', open + 6);
  expect(start, 'README has a command-line tour').toBeGreaterThan(0);
  return README.slice(open + 6, close).split('\n');
}

/** Splits a shell line into words, honouring single and double quotes (enough for the tour). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

let dir: string;
let port: number;
let server: RunningServer;
const apiKey = 'readme-tour-key-0123456789';

const start = async () => {
  server = await startServer({ dataDir: path.join(dir, 'data'), port, demo: true, apiKey });
};

beforeAll(async () => {
  dir = tempDir('tour');
  port = await freePort();
  await start();
}, 90_000);

afterAll(async () => {
  await server?.stop();
  removeDir(dir);
});

test('the README command-line tour works as written after the browser half', async () => {
  const base = `http://127.0.0.1:${port}`;
  // The browser half: the printed code enrolls the app, which completes ПР-0001.
  const browser = path.join(dir, 'browser');
  await cli(['terminal', 'enroll', '--server', base, '--code', server.enrollmentCode, '--state', browser]);
  await cli(['terminal', 'sync', '--state', browser]);
  await cli([
    'terminal',
    'scan',
    '--state',
    browser,
    '--doc',
    'DEMO-RECEIPT-1',
    '--barcode',
    '4600000000015',
  ]);
  await cli(['terminal', 'complete', '--state', browser, '--doc', 'DEMO-RECEIPT-1']);
  await cli(['terminal', 'sync', '--state', browser]);

  let code = '';
  const answers: { url: string; status: number; body: string }[] = [];
  let ran = 0;
  for (const raw of tourBlock()) {
    const line = raw.trim();
    if (line.startsWith('# 2.')) await server.stop('SIGINT');
    if (line.startsWith('# 3.')) await start();
    if (line === '' || line.startsWith('#')) continue;
    const [command, ...rest] = words(line.replace(/\s+#.*$/, ''));
    const args = rest.map((w) =>
      w
        .replaceAll('http://127.0.0.1:8750', base)
        .replaceAll('$KEY', apiKey)
        .replace(/^\.\/term1$/, path.join(dir, 'term1'))
        .replace(/^1234-5678$/, code),
    );
    ran++;
    if (command === 'curl') {
      const method = args.includes('-X') ? (args[args.indexOf('-X') + 1] ?? 'GET') : 'GET';
      const header = args[args.indexOf('-H') + 1] ?? '';
      const url = args.find((a) => a.startsWith('http')) ?? '';
      const [name, value] = header.split(/:\s*/, 2);
      const res = await fetch(url, { method, headers: { [name ?? '']: value ?? '' } });
      answers.push({ url, status: res.status, body: await res.text() });
      expect(res.status, `${line}`).toBeLessThan(300);
      continue;
    }
    expect(`${command} ${args[0]}`).toBe('npx shelfsync');
    const r = await runCli(args.slice(1));
    const refused = /#\s*refused/.test(raw);
    expect(r.code === 0, `${line}\n${r.stdout}\n${r.stderr}`).toBe(!refused);
    if (args[1] === 'devices' && args[2] === 'enroll-code') {
      code = /enrollment code: (\d{4}-\d{4})/.exec(r.stdout)?.[1] ?? '';
      expect(code, r.stdout).not.toBe('');
    }
  }
  expect(ran).toBeGreaterThanOrEqual(12);

  // What the tour promises: the accounting side sees the result, with the quantities scanned.
  const completed = answers.find((a) => a.url.includes('status=completed'));
  const listed = JSON.parse(completed?.body ?? '{}') as {
    items: { id: string; facts?: { productId: string; qty: number }[] }[];
  };
  const receipt = listed.items.find((d) => d.id === 'DEMO-RECEIPT-2');
  expect(receipt, completed?.body).toBeDefined();
  const p1 = (receipt?.facts ?? []).filter((f) => f.productId === 'P00001').reduce((n, f) => n + f.qty, 0);
  expect(p1).toBe(13);
  // …once: after the acknowledgement it is no longer listed.
  const again = await fetch(`${base}/api/v1/documents?status=completed`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const after = (await again.json()) as { items: { id: string }[] };
  expect(after.items.map((d) => d.id)).not.toContain('DEMO-RECEIPT-2');
}, 240_000);

// Issue 6 acceptance, RDP variant: the base (`desk --bundles`) and the relay (`relay --folder`) share
// only a folder; a terminal on the relay's cable (fake adb) exchanges by bundle files and completes a
// task whose result reaches out/ once. Copies, cut files and foreign signatures change nothing.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { type BundleManifestDraft, writeBundle } from '@shelfsync/bundle';
import { nodeBundleCrypto } from '@shelfsync/bundle/node';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeFakeAdb } from '../src/testing/fake-adb.js';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import { cli, freePort, removeDir, runCli, tempDir, waitFor } from '../src/testing/harness.js';
import { type LongRunning, startLongRunning } from '../src/testing/long-running.js';

let root = '';
const running: LongRunning[] = [];

beforeAll(() => {
  root = tempDir('rdp');
});

afterAll(async () => {
  for (const p of running) await p.stop();
  removeDir(root);
});

function dropIn(exchange: string, name: string, content: string): void {
  const aside = path.join(exchange, `.${name}.tmp`);
  writeFileSync(aside, content);
  renameSync(aside, path.join(exchange, 'in', name));
  // Renamed into place and marked: taken at the next poll, without the quiet time (5 s).
  writeFileSync(path.join(exchange, 'in', `${name}.ready`), '');
}

async function waitForFile(dir: string, pattern: RegExp): Promise<string> {
  await waitFor(() => existsSync(dir) && readdirSync(dir).some((f) => pattern.test(f)), 30_000);
  return path.join(dir, readdirSync(dir).find((f) => pattern.test(f)) ?? '');
}

test('a terminal behind the relay completes a task through bundles; refused bundles change nothing', async () => {
  const data = path.join(root, 'remote-data');
  const exchange = path.join(root, 'exchange');
  const shared = path.join(root, 'rdp-shared');
  const state = path.join(root, 'term');
  const adb = writeFakeAdb(path.join(root, 'adb'));
  const device = path.join(adb.deviceDir('RDP01'), 'sdcard/Shelfsync');
  const [incoming, outgoing] = [path.join(device, 'incoming'), path.join(device, 'outgoing')];
  mkdirSync(outgoing, { recursive: true });

  const desk = await startLongRunning(
    ['desk', '--data', data, '--port', String(await freePort()), '--exchange', exchange, '--bundles', shared],
    /enrollment code:/,
    { PATH: path.join(root, 'no-adb-here') },
  );
  running.push(desk);
  const relay = await startLongRunning(
    [
      'relay',
      '--folder',
      shared,
      '--adb',
      adb.executable,
      '--adb-poll',
      '100',
      '--device-dir',
      '/sdcard/Shelfsync',
    ],
    /Shelfsync relay moving bundles/,
  );
  running.push(relay);

  dropIn(exchange, 'products.ndjson', productsNdjson(1, 5));
  await desk.waitForOutput(/imported products\.ndjson/);
  dropIn(
    exchange,
    'documents.json',
    JSON.stringify([{ id: 'R-9', type: 'receipt', lines: [{ productId: e2eProductId(2), qty: 1 }] }]),
  );
  await desk.waitForOutput(/imported documents\.json/);

  // Enrollment: made on the remote PC into the shared folder, carried to the one cabled terminal.
  await cli(['enroll-bundle', '--data', data, '--to', shared, '--name', 'TSD-RDP']);
  adb.setDevices([['RDP01', 'device']]);
  const grant = await waitForFile(incoming, /-enroll\.to-terminal\.ssb$/);
  const enrolled = await cli(['terminal', 'bundle-in', '--state', state, grant]);
  const deviceId = /enrolled as (\S+)/.exec(enrolled)?.[1] ?? '';
  removeDir(grant);
  writeFileSync(path.join(device, 'device-id'), `${deviceId}\n`); // what the terminal app does

  /** One round trip: export into outgoing/, wait for the answer in incoming/, import it. */
  const roundTrip = async (n: number) => {
    const saved = path.join(root, `saved-${n}.to-base.ssb`);
    await cli(['terminal', 'bundle-out', '--state', state, '--to', saved]);
    copyFileSync(saved, path.join(outgoing, `.part`));
    renameSync(
      path.join(outgoing, '.part'),
      path.join(outgoing, `${deviceId}-${String(n).padStart(6, '0')}.to-base.ssb`),
    );
    const answer = await waitForFile(
      incoming,
      new RegExp(`-${String(n).padStart(6, '0')}\\.to-terminal\\.ssb$`),
    );
    const kept = path.join(root, `answer-${n}.ssb`);
    renameSync(answer, kept);
    return {
      saved,
      kept,
      out: JSON.parse(await cli(['terminal', 'bundle-in', '--state', state, kept, '--json'])),
    };
  };

  const first = await roundTrip(1);
  expect(first.out).toMatchObject({ kind: 'exchange', summary: { pulledChanges: 5, pulledDocuments: 1 } });
  await cli(['terminal', 'scan', '--state', state, '--doc', 'R-9', '--barcode', e2eUnitBarcode(2)]);
  await cli(['terminal', 'complete', '--state', state, '--doc', 'R-9']);
  const second = await roundTrip(2);
  expect(second.out.summary.pending).toBe(0);
  const outDir = path.join(exchange, 'out');
  await waitFor(() => readdirSync(outDir).some((f) => f.includes('R-9')), 20_000);

  // The relay kept nothing; the remote side holds no stray bundles either.
  expect(readdirSync(shared).filter((f) => f.endsWith('.ssb') || f.endsWith('.part'))).toEqual([]);
  const logFile = path.join(data, 'logs', `${deviceId}.ndjson`);
  const logLines = () => readFileSync(logFile, 'utf8').trim().split('\n').length;
  expect(readFileSync(logFile, 'utf8')).toContain('document R-9 completed');

  // --- refusals: each leaves the terminal and the base as they were ---
  const snapshot = async () =>
    (await cli(['terminal', 'status', '--state', state, '--json'])) +
    (await cli(['terminal', 'docs', '--state', state, '--json']));
  const before = await snapshot();
  const logsBefore = logLines();
  const refuse = async (file: string, code: string) => {
    const r = await runCli(['terminal', 'bundle-in', '--state', state, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(code);
    expect(await snapshot()).toBe(before);
  };
  await refuse(second.kept, 'BUNDLE_DUPLICATE');
  const bytes = readFileSync(second.kept);
  const cut = path.join(root, 'cut.ssb');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  await refuse(cut, 'BUNDLE_MALFORMED');
  const status = JSON.parse(await cli(['terminal', 'status', '--state', state, '--json'])) as {
    baseId: string;
  };
  const forged = async (baseId: string) => {
    const draft: BundleManifestDraft = {
      kind: 'exchange',
      baseId,
      deviceId,
      direction: 'to-terminal',
      sequence: 3,
      cursors: { catalog: { from: 0, to: 0 }, documents: { from: 0, to: 0 } },
      mutations: { from: 0, to: 0 },
      logsUpTo: 0,
      createdAt: new Date().toISOString(),
    };
    const other = await nodeBundleCrypto.generateKeyPair();
    const file = path.join(root, `forged-${baseId}.ssb`);
    writeFileSync(file, await writeBundle(draft, [{ name: 'hello', lines: [] }], other, nodeBundleCrypto));
    return file;
  };
  await refuse(await forged(status.baseId), 'BUNDLE_SIGNATURE_INVALID');
  await refuse(await forged('another-base'), 'BUNDLE_FOREIGN');

  // On the base: the same to-base bundle copied into the folder again is refused and reported.
  const copy = path.join(shared, `${deviceId}-000002.to-base.ssb`);
  copyFileSync(second.saved, copy);
  await desk.waitForOutput(/refused \S+-000002\.to-base\.ssb: BUNDLE_DUPLICATE/);
  expect(readFileSync(path.join(shared, 'error', `${deviceId}-000002.to-base.ssb.txt`), 'utf8')).toContain(
    'BUNDLE_DUPLICATE',
  );
  // A cut copy and one signed by another key, both claiming the next number, are refused too …
  const next = path.join(shared, `${deviceId}-000003.to-base.ssb`);
  const saved2 = readFileSync(second.saved);
  writeFileSync(next, saved2.subarray(0, saved2.length - 10));
  await desk.waitForOutput(/refused \S+-000003\.to-base\.ssb: BUNDLE_MALFORMED/);
  const forgedToBase = await writeBundle(
    {
      kind: 'exchange',
      baseId: status.baseId,
      deviceId,
      direction: 'to-base',
      sequence: 3,
      cursors: { catalog: { from: 0, to: 0 }, documents: { from: 0, to: 0 } },
      mutations: { from: 0, to: 0 },
      logsUpTo: 0,
      createdAt: new Date().toISOString(),
    },
    [{ name: 'hello', lines: [] }],
    await nodeBundleCrypto.generateKeyPair(),
    nodeBundleCrypto,
  );
  writeFileSync(next, forgedToBase);
  await desk.waitForOutput(/refused \S+-000003\.to-base\.ssb: BUNDLE_SIGNATURE_INVALID/);
  expect(logLines()).toBe(logsBefore);
  await new Promise((r) => setTimeout(r, 1500));
  expect(readdirSync(outDir).filter((f) => f.includes('R-9'))).toHaveLength(1);

  // … so number 3 is still free: the terminal's next genuine exchange goes through.
  const third = await roundTrip(3);
  expect(third.out).toMatchObject({ kind: 'exchange', sequence: 3, partial: false, summary: { pending: 0 } });
}, 180_000);

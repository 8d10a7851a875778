// Issue 7 acceptance (configuration and logs), with whole processes over loopback: a configuration
// file checked line by line, stored through the admin API, held back on a terminal while a document
// is open; terminal logs visible on the base after a push and pruned by retention.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { beforeAll, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { e2eProductId, e2eUnitBarcode, productsNdjson } from '../src/testing/fixtures.js';
import {
  accounting,
  cli,
  enrollWithPrintedCode,
  type RunningServer,
  runCli,
} from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

// 0.0002 days ≈ 17 s: long enough for the steps before the check, short enough to wait out.
const RETENTION_DAYS = '0.0002';
const RETENTION_MS = 0.0002 * 86_400_000;

const e2e = loopbackFixture('cfglogs');
let server: RunningServer | undefined;
let configDir = '';

beforeAll(() => {
  configDir = e2e.dir('config');
});

interface Status {
  deviceId: string;
  configVersion?: string;
  pendingConfigVersion?: string;
}
const status = async () =>
  JSON.parse(await cli(['terminal', 'status', '--state', e2e.stateDir, '--json'])) as Status;
const sync = () => cli(['terminal', 'sync', '--state', e2e.stateDir, '--json']);

function configFile(name: string, receiptName: string): string {
  const types = DEFAULT_DOCUMENT_TYPES.map((t) =>
    t.id === 'receipt' ? { ...t, name: { ...t.name, en: receiptName } } : t,
  );
  const file = path.join(configDir, name);
  writeFileSync(file, stringify({ documentTypes: types, settings: { sound: false, language: 'ru' } }));
  return file;
}

test('config validate points at the line and column of a bad field', async () => {
  const good = configFile('good.yaml', 'Cold store receipt');
  expect(await cli(['config', 'validate', good])).toMatch(/valid, version sha256:[0-9a-f]{16}/);

  const text = readFileSync(good, 'utf8').split('\n');
  const line = text.findIndex((l) => l.includes('quantityMode:')) + 1;
  text[line - 1] = text[line - 1]?.replace(/quantityMode: \w+/, 'quantityMode: sometimes') ?? '';
  const bad = path.join(configDir, 'bad.yaml');
  writeFileSync(bad, text.join('\n'));
  const r = await runCli(['config', 'validate', bad]);
  expect(r.code).toBe(1);
  const column = (text[line - 1]?.indexOf('sometimes') ?? 0) + 1;
  expect(r.stdout).toContain(`${bad}:${line}:${column}: documentTypes.0.quantityMode: Invalid option`);
  expect(r.stderr).toContain('CONFIG_INVALID');
}, 60_000);

test('a new configuration waits on the terminal while a document is open, then applies', async () => {
  server = await e2e.startServer({ extraArgs: ['--log-retention-days', RETENTION_DAYS] });
  const acc = accounting(server.url, server.apiKey);
  await acc.call('PUT', '/api/v1/catalog/products', productsNdjson(1, 3), 'application/x-ndjson');
  const doc = { id: 'R-1', type: 'receipt', number: 'R-1', lines: [{ productId: e2eProductId(1), qty: 5 }] };
  expect((await acc.call('POST', '/api/v1/documents', doc)).status).toBe(200);
  await enrollWithPrintedCode(server, e2e.stateDir);
  await sync();
  const first = (await status()).configVersion;
  const scan = () =>
    cli(['terminal', 'scan', '--state', e2e.stateDir, '--doc', 'R-1', '--barcode', e2eUnitBarcode(1)]);
  await scan();

  const file = configFile('new.yaml', 'Cold store receipt');
  const key = ['--server', server.url, '--key', server.apiKey];
  const stored = await cli(['config', 'set', file, ...key]);
  const version = /version (sha256:\S+)/.exec(stored)?.[1];
  expect(version).toBeDefined();
  expect(version).not.toBe(first);

  // The exchange brings it, but the document in progress keeps the rules it started with.
  await sync();
  expect(await status()).toMatchObject({ configVersion: first, pendingConfigVersion: version });
  await scan();
  const refused = await runCli(['terminal', 'apply-config', '--state', e2e.stateDir]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('TERMINAL_DOCUMENT_OPEN');

  // Back on the main screen (the document finished), the configuration takes effect.
  await cli(['terminal', 'complete', '--state', e2e.stateDir, '--doc', 'R-1']);
  expect(await cli(['terminal', 'apply-config', '--state', e2e.stateDir])).toContain(`${version} applied`);
  const after = await status();
  expect(after.configVersion).toBe(version);
  expect(after.pendingConfigVersion).toBeUndefined();
  const shown = JSON.parse(await cli(['config', 'show', '--data', e2e.dataDir])) as {
    version: string;
    settings: { sound: boolean };
  };
  expect(shown).toMatchObject({ version, settings: { sound: false } });
}, 120_000);

test('terminal logs reach the base with a push and are pruned after the retention', async () => {
  if (!server) throw new Error('needs the server of the previous test');
  const { deviceId } = await status();
  await sync(); // uploads "document R-1 completed" with the completed document
  const key = ['--server', server.url, '--key', server.apiKey];
  const shown = await cli(['logs', deviceId, ...key]);
  expect(shown).toMatch(/info\s+document R-1 completed/);
  expect(shown).toContain('new configuration');
  const file = path.join(e2e.dataDir, 'logs', `${deviceId}.ndjson`);
  expect(readFileSync(file, 'utf8')).toContain('document R-1 completed');

  await new Promise((r) => setTimeout(r, RETENTION_MS + 500));
  expect(await cli(['logs', deviceId, ...key])).toBe('');
  // A new line arrives (the pull of R-2 is logged, then uploaded): writing prunes the old ones on disk.
  const acc = accounting(server.url, server.apiKey);
  const doc = { id: 'R-2', type: 'receipt', number: 'R-2', lines: [{ productId: e2eProductId(2), qty: 1 }] };
  await acc.call('POST', '/api/v1/documents', doc);
  await sync();
  await sync();
  const kept = readFileSync(file, 'utf8');
  expect(kept).not.toContain('document R-1 completed');
  expect(kept).toContain('1 document(s)');
}, 120_000);

// Scale labels from the base configuration, with whole processes: a weight label is an unknown
// barcode until the admin publishes the 2x weight layout; then the terminal, after one exchange,
// scans it into a receipt as its weight. The configuration refuses a bad rule at its line.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gs1CheckDigit } from '@shelfsync/barcode';
import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { expect, test } from 'vitest';
import { stringify } from 'yaml';
import { accounting, cli, enrollWithPrintedCode, runCli } from '../src/testing/harness.js';
import { loopbackFixture } from '../src/testing/loopback-fixture.js';

const e2e = loopbackFixture('scale');
const withCheck = (body: string) => body + gs1CheckDigit(body);
/** The catalog's barcode of the weighed cheese: prefix 22, item 12345, value zeroed. */
const CHEESE = withCheck('221234500000');
/** What the scale prints for 1.234 kg of it. */
const LABEL = withCheck('221234501234');

function configFile(name: string, inStore: unknown[]): string {
  const file = path.join(e2e.dir('config'), name);
  writeFileSync(file, stringify({ documentTypes: DEFAULT_DOCUMENT_TYPES, barcodes: { inStore } }));
  return file;
}

test('a weight label scans as its weight once the configuration names the layout', async () => {
  const server = await e2e.startServer();
  const acc = accounting(server.url, server.apiKey);
  const cheese = { id: 'CHEESE', name: 'Сыр весовой', unit: 'кг', weighted: true, barcodes: [CHEESE] };
  expect((await acc.call('PUT', '/api/v1/catalog/products', [cheese])).status).toBe(200);
  const doc = { id: 'R-W', type: 'receipt', number: 'R-W', lines: [{ productId: 'CHEESE', qty: 5 }] };
  expect((await acc.call('POST', '/api/v1/documents', doc)).status).toBe(200);
  await enrollWithPrintedCode(server, e2e.stateDir);
  const sync = () => cli(['terminal', 'sync', '--state', e2e.stateDir]);
  const scan = () =>
    runCli(['terminal', 'scan', '--state', e2e.stateDir, '--doc', 'R-W', '--barcode', LABEL, '--json']);
  await sync();

  // Without a rule the label is nobody's barcode (a lookup: a scan would hold the new configuration
  // back until the document is left, as any configuration waits for an open document).
  const lookup = () => runCli(['terminal', 'lookup', '--state', e2e.stateDir, LABEL]);
  const before = await lookup();
  expect(before.stdout).not.toContain('CHEESE');

  const key = ['--server', server.url, '--key', server.apiKey];
  // A rule that cannot be right is refused with its place in the file.
  const bad = configFile('bad.yaml', [{ prefix: '2x', kind: 'weight', itemDigits: 5, valueDigits: 5 }]);
  const refused = await runCli(['config', 'set', bad, ...key]);
  expect(refused.code).toBe(1);
  expect(refused.stdout + refused.stderr).toMatch(/barcodes\.inStore\.0\.prefix/);

  const weights = ['20', '21', '22', '23', '24', '25'].map((prefix) => ({
    prefix,
    kind: 'weight',
    itemDigits: 5,
    valueDigits: 5,
  }));
  await cli(['config', 'set', configFile('scales.yaml', weights), ...key]);
  await sync();
  expect((await lookup()).stdout).toContain('CHEESE');
  const after = await scan();
  expect(after.code, after.stderr).toBe(0);
  const outcome = JSON.parse(after.stdout) as { ok: boolean; fact: { productId: string; qty: number } };
  expect(outcome.fact).toMatchObject({ productId: 'CHEESE', qty: 1.234 });
}, 180_000);

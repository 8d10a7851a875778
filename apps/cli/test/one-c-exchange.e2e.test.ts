// Issue 13 acceptance with whole processes: a running server driven exactly as the "exchange with a
// site" node of a 1C base drives it (checkauth, init, files in parts and zipped, import until
// success; sale file, query, success), in UTF-8 and windows-1251, with a wrong password, a lost
// cookie, a session cut in the middle and a server restart in the middle of a session.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { encodeXmlWindows1251 } from '@shelfsync/server';
import { makeZip } from '@shelfsync/server/zip-file';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  accounting,
  cli,
  enrollWithPrintedCode,
  freePort,
  REPO_ROOT,
  type RunningServer,
  removeDir,
  startServer,
  tempDir,
} from '../src/testing/harness.js';
import { OneCClient } from '../src/testing/one-c-client.js';

const SAMPLES = path.join(REPO_ROOT, '../shared/testdata/commerceml');
const haveSamples = existsSync(path.join(SAMPLES, 'dobromyslov/import0_1.xml'));
if (!haveSamples) console.warn(`skipping the 1C exchange e2e test: ${SAMPLES} is absent`);

const API_KEY = 'e2e-onec-key-0123456789';
const PASSWORD = 'one-c-exchange-password';
const PRODUCT = 'bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1';
const OTHER_PRODUCT = '5edfbda4-19c0-11e7-80c2-0cc47ab29cd1';
let root = '';
let dataDir = '';
let stateDir = '';
let port = 0;
let server: RunningServer | undefined;

const sample = (name: string) => readFileSync(path.join(SAMPLES, name));
const api = () => accounting(server?.url ?? '', API_KEY);
const client = (user = 'ut11', opts: { password?: string; localAddress?: string } = {}) =>
  new OneCClient(server?.url ?? '', { user, password: opts.password ?? PASSWORD, ...opts });

function start(encoding = 'utf-8'): Promise<RunningServer> {
  return startServer({
    dataDir,
    port,
    apiKey: API_KEY,
    extraArgs: [
      '--1c-user',
      'ut11',
      '--1c-user',
      'retail',
      '--1c-progress-after',
      '0',
      '--1c-encoding',
      encoding,
    ],
    env: { SHELFSYNC_1C_PASSWORD: PASSWORD },
  });
}

async function restart(encoding = 'utf-8'): Promise<void> {
  await server?.stop();
  server = await start(encoding);
}

/** What the terminal holds after a sync: catalog counts and checksums. */
async function terminalCatalog(): Promise<{ counts: unknown; checksums: unknown }> {
  await cli(['terminal', 'sync', '--state', stateDir]);
  const status = JSON.parse(await cli(['terminal', 'status', '--state', stateDir, '--json']));
  return { counts: status.counts, checksums: status.checksums };
}

/** import0_1.xml with the first product's name changed: a catalog update 1C could send. */
function renamedImport(suffix: string): Buffer {
  const text = sample('dobromyslov/import0_1.xml').toString('utf8');
  const at = text.indexOf(`<Ид>${PRODUCT}</Ид>`);
  const nameAt = text.indexOf('<Наименование>', at) + '<Наименование>'.length;
  return Buffer.from(`${text.slice(0, nameAt)}${suffix} ${text.slice(nameAt)}`, 'utf8');
}

async function productName(id: string): Promise<unknown> {
  return (await api().call('GET', `/api/v1/catalog/products/${id}`)).body['name'];
}

function ordersXml(ids: string[]): Buffer {
  const docs = ids
    .map(
      (id, i) => `  <Документ>
    <Ид>${id}</Ид><Номер>${id}</Номер><Дата>2026-12-01</Дата>
    <ХозОперация>Заказ товара</ХозОперация><Роль>Продавец</Роль>
    <Товары>
      <Товар><Ид>${i % 2 ? OTHER_PRODUCT : PRODUCT}</Ид><Наименование>Товар ${i}</Наименование><Количество>${i + 1}</Количество></Товар>
    </Товары>
  </Документ>`,
    )
    .join('\n');
  const xml = `<?xml version="1.0" encoding="windows-1251"?>
<КоммерческаяИнформация ВерсияСхемы="2.08" ДатаФормирования="2026-12-01T10:00:00">
${docs}
</КоммерческаяИнформация>
`;
  return encodeXmlWindows1251(xml);
}

async function completeOnTerminal(docId: string): Promise<void> {
  await cli(['terminal', 'sync', '--state', stateDir]);
  await cli(['terminal', 'complete', '--state', stateDir, '--doc', docId]);
  await cli(['terminal', 'sync', '--state', stateDir]);
}

async function documentStatus(id: string): Promise<unknown> {
  return (await api().call('GET', `/api/v1/documents/${id}`)).body['status'];
}

const documentIdsIn = (xml: string) => [...xml.matchAll(/<Документ>\s*<Ид>([^<]+)<\/Ид>/g)].map((m) => m[1]);

beforeAll(async () => {
  if (!haveSamples) return;
  root = tempDir('onec');
  dataDir = path.join(root, 'data');
  stateDir = path.join(root, 'term');
  port = await freePort();
  server = await start();
  await enrollWithPrintedCode(server, stateDir);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  if (root) removeDir(root);
});

test.skipIf(!haveSamples)(
  'a catalog in parts and a zipped offers file, sent as a 1C node sends them, are imported',
  async () => {
    const c = client();
    const auth = await c.checkauth('catalog');
    expect(auth.lines.slice(0, 2)).toEqual(['success', 'shelfsync_1c']);
    expect(auth.lines[2]).toMatch(/^[\w-]{40,}$/);
    const init = await c.request({ type: 'catalog', mode: 'init' });
    expect(init.lines[0]).toBe('zip=yes');
    const limit = Number(/^file_limit=(\d+)$/.exec(init.lines[1] ?? '')?.[1]);
    expect(limit).toBeGreaterThan(1024 * 1024);

    const catalog = sample('dobromyslov/import0_1.xml');
    const parts = await c.sendFile('catalog', 'import0_1.xml', catalog, Math.ceil(catalog.length / 3));
    expect(parts.map((a) => a.lines)).toEqual([['success'], ['success'], ['success']]);
    const imported = await c.importUntilDone('import0_1.xml');
    expect(imported.answer.lines).toEqual(['success']);
    expect(imported.progress).toBeGreaterThan(0);
    expect(await productName(PRODUCT)).toEqual(expect.any(String));

    // Another base with its own login exchanges at the same time without disturbing this session.
    const other = client('retail');
    expect((await other.checkauth('catalog')).lines[0]).toBe('success');

    const picture = Buffer.from('not really a jpeg');
    const zip = makeZip([
      { name: 'offers0_1.xml', data: sample('dobromyslov/offers0_1.xml') },
      { name: 'import_files/ab/abcd.jpg', data: picture, method: 'store' },
    ]);
    const zipParts = await c.sendFile('catalog', 'import.zip', zip, Math.ceil(zip.length / 4));
    expect(zipParts.every((a) => a.lines[0] === 'success')).toBe(true);
    const offers = await c.importUntilDone('offers0_1.xml');
    expect(offers.answer.lines).toEqual(['success']);
    const repeated = await c.request({ type: 'catalog', mode: 'import', filename: 'offers0_1.xml' });
    expect(repeated.lines).toEqual(['success']);

    const sessions = path.join(dataDir, '1c-exchange');
    const stored = readdirSync(sessions).map((id) =>
      path.join(sessions, id, 'files/import_files/ab/abcd.jpg'),
    );
    expect(stored.filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8'))).toEqual([
      picture.toString(),
    ]);
    const product = (await api().call('GET', `/api/v1/catalog/products/${PRODUCT}`)).body;
    expect(product['prices'] ?? product['price']).toBeDefined();
    expect((await other.request({ type: 'catalog', mode: 'init' })).lines[0]).toBe('zip=yes');
  },
  120_000,
);

test.skipIf(!haveSamples)(
  'wrong passwords are refused and counted per address; the right one from elsewhere still works',
  async () => {
    const wrong = client('ut11', { password: 'guess', localAddress: '127.0.0.2' });
    for (let i = 0; i < 10; i++) {
      const answer = await wrong.checkauth('catalog');
      expect(answer.status).toBe(401);
      expect(answer.code).toBe('ONEC_AUTH_FAILED');
      expect(answer.lines[0]).toBe('failure');
      expect(answer.lines[1]).toContain('ONEC_AUTH_FAILED');
    }
    const stranger = client('nobody', { localAddress: '127.0.0.3' });
    expect((await stranger.checkauth('catalog')).code).toBe('ONEC_AUTH_FAILED');
    const right = client('ut11', { localAddress: '127.0.0.2' });
    const limited = await right.checkauth('catalog');
    expect([limited.status, limited.code, limited.lines[0]]).toEqual([429, 'REQ_RATE_LIMITED', 'failure']);
    expect((await client('ut11', { localAddress: '127.0.0.4' }).checkauth('catalog')).lines[0]).toBe(
      'success',
    );
  },
  60_000,
);

test.skipIf(!haveSamples)('a lost or stale cookie is refused with a clear failure', async () => {
  const c = client();
  await c.checkauth('catalog');
  for (const cookie of [null, 'made-up-cookie']) {
    const answer = await c.request({ type: 'catalog', mode: 'init', cookie });
    expect([answer.status, answer.code, answer.lines[0]]).toEqual([401, 'ONEC_SESSION_UNKNOWN', 'failure']);
    expect(answer.lines[1]).toMatch(/checkauth/);
  }
  const saleSide = await c.request({ type: 'sale', mode: 'query' });
  expect(saleSide.code).toBe('ONEC_SESSION_UNKNOWN');
  const badName = await c.request({
    type: 'catalog',
    mode: 'file',
    filename: '../escape.xml',
    body: Buffer.from('x'),
  });
  expect([badName.status, badName.code]).toEqual([400, 'ONEC_BAD_FILE_NAME']);
  const badMode = await c.request({ type: 'catalog', mode: 'explode' });
  expect(badMode.code).toBe('ONEC_BAD_REQUEST');
  const notSent = (await c.importUntilDone('never.xml')).answer;
  expect([notSent.status, notSent.code, notSent.lines[0]]).toEqual([404, 'ONEC_FILE_NOT_FOUND', 'failure']);
});

test.skipIf(!haveSamples)(
  'a session cut in the middle, or an archive with a path outside, leaves the base as it was',
  async () => {
    const before = await terminalCatalog();
    const nameBefore = await productName(PRODUCT);
    const c = client();
    await c.checkauth('catalog');
    const update = renamedImport('Cut');
    const half = Math.ceil(update.length / 2);
    expect((await c.sendFile('catalog', 'import0_1.xml', update.subarray(0, half), half))[0]?.lines).toEqual([
      'success',
    ]);
    await c.cutUpload('import0_1.xml', update.subarray(half), 1000);
    const partial = await c.importUntilDone('import0_1.xml');
    expect(partial.answer.lines[0]).toBe('failure');
    expect(partial.answer.code).toMatch(/^IMPORT_/);
    // Only the part that arrived whole was kept: the cut one was cut back off the staged file.
    const staged = readdirSync(path.join(dataDir, '1c-exchange'))
      .map((id) => path.join(dataDir, '1c-exchange', id, 'files/import0_1.xml'))
      .filter((f) => existsSync(f));
    expect(staged.map((f) => statSync(f).size)).toEqual([half]);

    const evil = makeZip([{ name: '../../outside.xml', data: Buffer.from('<x/>') }]);
    await c.sendFile('catalog', 'evil.zip', evil, evil.length);
    const refused = await c.importUntilDone('outside.xml');
    expect(refused.answer.lines[0]).toBe('failure');
    expect(existsSync(path.join(dataDir, 'outside.xml'))).toBe(false);
    expect(existsSync(path.join(dataDir, '1c-exchange', 'outside.xml'))).toBe(false);

    // 1C starts over with checkauth: the staged half is discarded, the old cookie no longer works.
    const oldCookie = c.cookie;
    await c.checkauth('catalog');
    expect((await c.importUntilDone('import0_1.xml')).answer.code).toBe('ONEC_FILE_NOT_FOUND');
    expect((await c.request({ type: 'catalog', mode: 'init', cookie: oldCookie ?? null })).code).toBe(
      'ONEC_SESSION_UNKNOWN',
    );
    expect(await productName(PRODUCT)).toEqual(nameBefore);
    expect(await terminalCatalog()).toEqual(before);
  },
  120_000,
);

test.skipIf(!haveSamples)(
  'a server restart in the middle of a session resumes it',
  async () => {
    const c = client();
    await c.checkauth('catalog');
    const update = renamedImport('Resumed');
    const half = Math.ceil(update.length / 2);
    await c.sendFile('catalog', 'import0_1.xml', update.subarray(0, half), half);
    await restart();
    expect((await c.sendFile('catalog', 'import0_1.xml', update.subarray(half), half))[0]?.lines).toEqual([
      'success',
    ]);
    expect((await c.importUntilDone('import0_1.xml')).answer.lines).toEqual(['success']);
    expect(await productName(PRODUCT)).toMatch(/^Resumed /);
  },
  120_000,
);

test.skipIf(!haveSamples)(
  'sale: documents from 1C become tasks; a query returns the completed ones and success acknowledges exactly those',
  async () => {
    const c = client();
    expect((await c.checkauth('sale')).lines[0]).toBe('success');
    expect((await c.request({ type: 'sale', mode: 'init' })).lines[0]).toBe('zip=yes');
    // A real 1C order file naming products this base does not know: refused whole, nothing stored.
    const foreign = await c.request({
      type: 'sale',
      mode: 'file',
      filename: 'orders.xml',
      body: sample('carono/orders.cp1251.xml'),
    });
    expect([foreign.lines[0], foreign.code]).toEqual(['failure', 'DOC_UNKNOWN_PRODUCT']);
    expect(await documentStatus('20')).toBeUndefined();

    const sent = await c.request({
      type: 'sale',
      mode: 'file',
      filename: 'orders.xml',
      body: ordersXml(['Z-1', 'Z-2', 'Z-3']),
    });
    expect(sent.lines).toEqual(['success']);
    const confirmed = await c.request({ type: 'sale', mode: 'import', filename: 'orders.xml' });
    expect(confirmed.lines).toEqual(['success']);
    expect(await documentStatus('Z-1')).toBe('new');

    await completeOnTerminal('Z-1');
    const first = await c.request({ type: 'sale', mode: 'query' });
    expect(first.contentType).toContain('utf-8');
    const firstXml = first.bytes.toString('utf8');
    expect(firstXml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(documentIdsIn(firstXml)).toEqual(['Z-1']);

    await completeOnTerminal('Z-2'); // completed after the query: not acknowledged by its success
    expect((await c.request({ type: 'sale', mode: 'success' })).lines).toEqual(['success']);
    expect(await documentStatus('Z-1')).toBe('exported');
    expect(await documentStatus('Z-2')).toBe('completed');

    const second = await c.request({ type: 'sale', mode: 'query' });
    expect(documentIdsIn(second.bytes.toString('utf8'))).toEqual(['Z-2']);
    await c.request({ type: 'sale', mode: 'success' });
    const third = await c.request({ type: 'sale', mode: 'query' });
    expect(documentIdsIn(third.bytes.toString('utf8'))).toEqual([]);
    expect(third.bytes.toString('utf8')).toContain('<КоммерческаяИнформация');
  },
  180_000,
);

test.skipIf(!haveSamples)(
  'sale in windows-1251 for a base that expects it',
  async () => {
    await restart('windows-1251');
    await completeOnTerminal('Z-3');
    const c = client();
    await c.checkauth('sale');
    const query = await c.request({ type: 'sale', mode: 'query' });
    expect(query.contentType).toContain('windows-1251');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(query.bytes)).toThrow();
    const xml = new TextDecoder('windows-1251').decode(query.bytes);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="windows-1251"\?>\n<КоммерческаяИнформация/);
    expect(documentIdsIn(xml)).toEqual(['Z-3']);
    await c.request({ type: 'sale', mode: 'success' });
    expect(await documentStatus('Z-3')).toBe('exported');
    const failure = await c.request({ type: 'sale', mode: 'query', cookie: null });
    expect(new TextDecoder('windows-1251').decode(failure.bytes)).toMatch(/^failure\nСеанс обмена/);
  },
  120_000,
);
